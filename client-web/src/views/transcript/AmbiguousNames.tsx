// Places where a hidden name is also an ordinary word and the text does not
// say which it is ("Will you sit down?", "I WILL"). Each place is a checkbox,
// ticked (hidden) by default so that nothing leaks unless the presenter says
// so; unticking keeps the word as written. One group per name, with a count.

import type { Occurrence } from '../../transcript';
import { foldName } from '../../transcript';
import { plural } from '../labels';
import './AmbiguousNames.css';

const REASON: Record<string, string> = {
  'sentence-start': 'starts a sentence',
  capitals: 'in capitals',
  'capitalised-word': 'capitalised as a word',
};

interface Props {
  ambiguous: Occurrence[];
  keptAsWord: ReadonlySet<string>;
  pseudonymOf(name: string): string;
  setKept(ids: string[], kept: boolean): void;
}

export function AmbiguousNames({ ambiguous, keptAsWord, pseudonymOf, setKept }: Props) {
  if (ambiguous.length === 0) return null;
  const groups = new Map<string, Occurrence[]>();
  for (const o of ambiguous) groups.set(foldName(o.name), [...(groups.get(foldName(o.name)) ?? []), o]);
  return (
    <section class="import-group" aria-labelledby="ambiguous-heading" data-testid="ambiguous-names">
      <h4 id="ambiguous-heading" class="group-title">
        Name or word?
      </h4>
      <p class="muted small">
        These hidden names are also ordinary words, and here the text does not say which. Ticked places are hidden;
        untick a place where it is just the word. Lower-case uses (“will”, “hope”) are always left as words.
      </p>
      {[...groups.values()].map((places) => {
        const name = places[0].name;
        const pseudonym = pseudonymOf(name);
        const kept = places.filter((o) => keptAsWord.has(o.id)).length;
        const ids = places.map((o) => o.id);
        const headingId = `ambiguous-${foldName(name).replace(/[^a-z0-9]+/gu, '-')}`;
        return (
          <fieldset key={name} class="ambiguous" data-testid="ambiguous-group" data-name={name}>
            <legend id={headingId}>
              “{name}”: {plural(places.length, 'place')} to check
            </legend>
            <p class="small ambiguous-count" aria-live="polite" data-testid="ambiguous-count">
              {places.length - kept} hidden as {pseudonym}, {kept} kept as the word
            </p>
            <div class="row ambiguous-actions">
              <button type="button" class="btn btn-tiny" onClick={() => setKept(ids, false)} disabled={kept === 0}>
                Hide all {places.length}
              </button>
              <button
                type="button"
                class="btn btn-tiny"
                onClick={() => setKept(ids, true)}
                disabled={kept === places.length}
                data-testid="ambiguous-keep-all"
              >
                Keep all as the word
              </button>
            </div>
            <ul class="plain-list ambiguous-places">
              {places.map((o) => (
                <li key={o.id}>
                  <label class="check ambiguous-place" data-testid="ambiguous-place">
                    <input
                      type="checkbox"
                      checked={!keptAsWord.has(o.id)}
                      onChange={(e) => setKept([o.id], !e.currentTarget.checked)}
                      data-testid="ambiguous-hide"
                    />
                    <span>
                      <span class="muted">
                        Line {o.n}, {REASON[o.reason ?? ''] ?? 'unclear'}:
                      </span>{' '}
                      <q class="ambiguous-context">
                        {o.before}
                        <mark>{o.found}</mark>
                        {o.after}
                      </q>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        );
      })}
    </section>
  );
}
