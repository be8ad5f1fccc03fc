// The presenter's import: paste or open a transcript, choose the names to
// hide and the role of each speaker, check the redacted preview, confirm the
// learner's consent, and only then send the redacted lines. The original
// text and the real names live only in this component's state: never in a
// frame, never in localStorage (the pseudonyms given are remembered on this
// device under digests of the names: src/pseudonym-memory.ts).

import { useMemo, useRef, useState } from 'preact/hooks';
import { inquiryOfSession } from '../../inquiry-keys';
import { prefill, recall, remember, scopesFor } from '../../pseudonym-memory';
import type { ImportLine, SpeakerRole } from '../../protocol';
import {
  buildPseudonyms,
  decodeTranscriptBytes,
  findOccurrences,
  findRemaining,
  foldName,
  isWordLikeName,
  formatParseError,
  parseTranscript,
  redact,
  suggestNames,
  type FormatChoice,
  type ParseResult,
  type TranscriptLine,
} from '../../transcript';
import { InlineError, usePending } from '../common';
import { SPEAKER_ROLE_LABEL, lineTime, plural } from '../labels';
import { AmbiguousNames } from './AmbiguousNames';
import { guessRoles, peopleFrom, toHide, type Person } from './people';
import { useStore } from '../useStore';
import './ImportFlow.css';

const FORMATS: { value: FormatChoice; label: string }[] = [
  { value: 'auto', label: 'Detect automatically' },
  { value: 'text', label: 'Plain text (Speaker: words)' },
  { value: 'vtt', label: 'WebVTT (Zoom, Teams)' },
  { value: 'srt', label: 'SRT subtitles' },
  { value: 'otter', label: 'Otter text export' },
];

const FORMAT_NAME: Record<string, string> = { text: 'plain text', vtt: 'WebVTT', srt: 'SRT', otter: 'Otter' };
const ROLES: SpeakerRole[] = ['teacher', 'student', 'other'];
const PREVIEW_LINES = 300;
const PSEUDONYM_MAX = 40;
const MAX_REMAINING_SHOWN = 5;

type Parsed = Extract<ParseResult, { ok: true }>;

export function ImportFlow({ replacing, onDone }: { replacing?: boolean; onDone?(): void }) {
  const store = useStore();
  const [source, setSource] = useState('');
  const [format, setFormat] = useState<FormatChoice>('auto');
  const [parsed, setParsed] = useState<Parsed | null>(null);
  const [parseError, setParseError] = useState('');
  const [people, setPeople] = useState<Person[]>([]);
  const [roles, setRoles] = useState<Record<string, SpeakerRole>>({});
  const [consent, setConsent] = useState(false);
  const [extra, setExtra] = useState('');
  const [addNote, setAddNote] = useState('');
  /** Ids of ambiguous occurrences ("Will you…") the presenter kept as the word. */
  const [keptAsWord, setKeptAsWord] = useState<ReadonlySet<string>>(new Set());
  const pending = usePending();
  /** Counts reads, so a recall that finishes after the next read changes nothing. */
  const reads = useRef(0);
  const scopes = useMemo(() => scopesFor(inquiryOfSession(store.code)?.id ?? null), [store.code]);

  /** Offers the pseudonyms this device gave these names before (the presenter may change them). */
  async function offerRemembered(found: Person[], attempt: number) {
    const foldedOf = (p: Person) => [p.name, ...p.parts.map((x) => x.name)].map(foldName);
    const recalled = await recall(scopes, found.flatMap(foldedOf));
    if (recalled.size === 0 || reads.current !== attempt) return;
    setPeople((list) => {
      const offers = prefill(
        list.map((p) => ({ folded: p.hide ? foldedOf(p) : [], pseudonym: p.pseudonym })),
        recalled,
      );
      return list.map((p, i) => (offers[i] ? { ...p, pseudonym: offers[i], remembered: true } : p));
    });
  }

  function read(text: string) {
    const attempt = ++reads.current;
    const result = parseTranscript(text, format);
    setConsent(false);
    if (!result.ok) {
      setParsed(null);
      setParseError(formatParseError(result.error));
      return;
    }
    const guessed = guessRoles(result.speakers);
    setKeptAsWord(new Set());
    setAddNote('');
    setParseError('');
    setParsed(result);
    setRoles(guessed);
    const found = peopleFrom(suggestNames(result.lines), result.speakers, guessed);
    setPeople(found);
    void offerRemembered(found, attempt);
  }

  async function openFile(file: File | undefined) {
    if (!file) return;
    const decoded = decodeTranscriptBytes(new Uint8Array(await file.arrayBuffer()));
    if (!decoded.ok) {
      setParsed(null);
      setParseError(formatParseError(decoded.error));
      return;
    }
    setSource(decoded.text);
    read(decoded.text);
  }

  const hidden = useMemo(() => buildPseudonyms(toHide(people, roles)), [people, roles]);
  // Typing a pseudonym changes hidden but not the names: the places to check stay put.
  const hiddenNames = hidden.map((h) => h.name).join('\n');
  const ambiguous = useMemo(
    () =>
      parsed && hiddenNames
        ? findOccurrences(parsed.lines, hiddenNames.split('\n')).filter((o) => o.kind === 'ambiguous')
        : [],
    [parsed, hiddenNames],
  );
  const redacted = useMemo(
    () => (parsed ? redact(parsed.lines, hidden, keptAsWord) : []),
    [parsed, hidden, keptAsWord],
  );
  const remaining = useMemo(
    () =>
      findRemaining(
        redacted,
        hidden,
        ambiguous.filter((o) => keptAsWord.has(o.id)),
      ),
    [redacted, hidden, ambiguous, keptAsWord],
  );

  function setKept(ids: string[], kept: boolean) {
    setKeptAsWord((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (kept) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }

  function wireLines(): ImportLine[] {
    return redacted.map((l: TranscriptLine, i) => {
      const line: ImportLine = {
        speaker: l.speaker,
        role: roles[parsed!.lines[i].speaker] ?? 'other',
        text: l.text,
      };
      if (l.startMs !== null && l.startMs >= 0) line.start_ms = Math.round(l.startMs);
      return line;
    });
  }

  async function send(e: Event) {
    e.preventDefault();
    if (!parsed || !consent || remaining.length > 0) return;
    const result = await pending.run(() =>
      store.send(
        { type: 'transcript_import', lines: wireLines(), format: parsed.format, consent: true },
        { quiet: true },
      ),
    );
    if (result?.ok) {
      void remember(
        scopes,
        hidden.map((h) => ({ folded: foldName(h.name), pseudonym: h.pseudonym })),
      );
      setSource('');
      setParsed(null);
      setPeople([]);
      setConsent(false);
      onDone?.();
    }
  }

  function update(key: string, change: Partial<Person>) {
    setPeople((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));
  }

  function addName(e: Event) {
    e.preventDefault();
    const name = extra.trim();
    if (!name) return;
    // "Zoe" when "Zoë" is listed: the same name, already hidden with its pseudonym.
    const same = people.find((p) =>
      [p.name, ...p.parts.map((x) => x.name)].some((n) => foldName(n) === foldName(name)),
    );
    if (same) {
      setAddNote(
        `“${name}” is the same name as “${same.name}”, already in the list: every spelling of it is hidden together.`,
      );
      return;
    }
    setAddNote('');
    setPeople((list) => [
      ...list,
      { key: `a:${name}`, name, source: 'added', hide: true, parts: [], role: 'student', pseudonym: '', count: 0 },
    ]);
    setExtra('');
  }

  const pseudonymOf = (name: string) => hidden.find((h) => foldName(h.name) === foldName(name))?.pseudonym ?? '';
  const speakerPeople = people.filter((p) => p.source === 'speaker');
  const textPeople = people.filter((p) => p.source !== 'speaker');
  const lineCount = (speaker: string) => parsed?.lines.filter((l) => l.speaker === speaker).length ?? 0;

  return (
    <section class="import" aria-labelledby="import-heading" data-testid="transcript-import">
      <h3 id="import-heading" class="section-title">
        {replacing ? 'Replace the transcript' : 'Import the transcript'}
      </h3>
      <p class="muted small">
        Student names are replaced with pseudonyms here in your browser. Only the redacted lines are sent; the original
        never leaves this device.
      </p>

      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          read(source);
        }}
      >
        <label class="field">
          <span class="field-label">Paste the transcript</span>
          <textarea
            class="textarea mono"
            rows={6}
            value={source}
            spellcheck={false}
            autoComplete="off"
            placeholder={'Teacher: How is the fractions unit going for you?\nMaya: It’s okay…'}
            onInput={(e) => {
              setSource(e.currentTarget.value);
              setParsed(null);
              setParseError('');
            }}
            data-testid="import-text"
          />
        </label>
        <div class="form-row">
          <label class="field">
            <span class="field-label">…or choose a file</span>
            <input
              type="file"
              class="file-input"
              accept=".txt,.vtt,.srt,text/plain,text/vtt"
              onChange={(e) => void openFile(e.currentTarget.files?.[0])}
              data-testid="import-file"
            />
          </label>
          <label class="field">
            <span class="field-label">Format</span>
            <select class="select" value={format} onChange={(e) => setFormat(e.currentTarget.value as FormatChoice)}>
              {FORMATS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div>
          <button type="submit" class="btn" disabled={!source.trim()} data-testid="import-read">
            Read transcript
          </button>
        </div>
        {parseError && (
          <p class="inline-error" role="alert" data-testid="import-error">
            {parseError}
          </p>
        )}
      </form>

      {parsed && (
        <form class="stack import-review" onSubmit={send}>
          <p data-testid="import-summary">
            Read {plural(parsed.lines.length, 'line')} from {plural(parsed.speakers.length, 'speaker')} (
            {FORMAT_NAME[parsed.format] ?? parsed.format}).
          </p>

          <fieldset class="import-group">
            <legend>Speakers</legend>
            <p class="muted small">Choose each speaker’s role. Named speakers are hidden behind a pseudonym.</p>
            <ul class="plain-list people">
              {parsed.speakers.map((speaker) => {
                const person = speakerPeople.find((p) => p.name === speaker);
                return (
                  <li key={speaker} class="person" data-testid="import-speaker">
                    <div class="person-head">
                      {person ? (
                        <label class="check">
                          <input
                            type="checkbox"
                            checked={person.hide}
                            onChange={(e) => update(person.key, { hide: e.currentTarget.checked })}
                            data-testid="hide-name"
                            data-name={speaker}
                          />
                          <span>
                            Hide <strong>{speaker}</strong>
                          </span>
                        </label>
                      ) : (
                        <span>
                          <strong>{speaker}</strong> <span class="muted small">(a role, not a name)</span>
                        </span>
                      )}
                      <span class="muted small">{plural(lineCount(speaker), 'line')}</span>
                      <RoleSelect
                        label={`Role of ${speaker}`}
                        value={roles[speaker] ?? 'other'}
                        onChange={(role) => setRoles((r) => ({ ...r, [speaker]: role }))}
                      />
                    </div>
                    {person && !person.hide && (
                      <p class="name-note small warn-text" data-testid="name-shown">
                        {speaker}’s name will be shared as written.
                      </p>
                    )}
                    {person && <PersonDetails person={person} pseudonym={pseudonymOf(person.name)} update={update} />}
                  </li>
                );
              })}
            </ul>
          </fieldset>

          <fieldset class="import-group">
            <legend>Names in the text</legend>
            <p class="muted small">Capitalised words that look like names. Untick anything that is not a person.</p>
            {textPeople.length === 0 && <p class="muted small">None found.</p>}
            <ul class="plain-list people">
              {textPeople.map((person) => (
                <li key={person.key} class="person" data-testid="import-name">
                  <div class="person-head">
                    <label class="check">
                      <input
                        type="checkbox"
                        checked={person.hide}
                        onChange={(e) => update(person.key, { hide: e.currentTarget.checked })}
                        data-testid="hide-name"
                        data-name={person.name}
                      />
                      <span>
                        Hide <strong>{person.name}</strong>
                      </span>
                    </label>
                    <span class="muted small">{person.count > 0 ? `${person.count}×` : 'added'}</span>
                    <RoleSelect
                      label={`Role of ${person.name}`}
                      value={person.role}
                      onChange={(role) => update(person.key, { role })}
                    />
                  </div>
                  <NameNote person={person} />
                  <PersonDetails person={person} pseudonym={pseudonymOf(person.name)} update={update} />
                </li>
              ))}
            </ul>
            <div class="add-form">
              <label class="visually-hidden" for="import-extra">
                Another name to hide
              </label>
              <input
                id="import-extra"
                type="text"
                placeholder="Another name to hide…"
                value={extra}
                onInput={(e) => setExtra(e.currentTarget.value)}
                onKeyDown={(e) => e.key === 'Enter' && addName(e)}
                data-testid="import-extra"
              />
              <button type="button" class="btn btn-small" onClick={addName} disabled={!extra.trim()}>
                Add name
              </button>
            </div>
            <p class="muted small" aria-live="polite" data-testid="import-extra-note">
              {addNote}
            </p>
          </fieldset>

          <AmbiguousNames ambiguous={ambiguous} keptAsWord={keptAsWord} pseudonymOf={pseudonymOf} setKept={setKept} />

          <section class="import-group" aria-labelledby="preview-heading">
            <h4 id="preview-heading" class="group-title">
              Preview of what will be shared
            </h4>
            <ol class="preview" tabIndex={0} aria-labelledby="preview-heading" data-testid="import-preview">
              {redacted.slice(0, PREVIEW_LINES).map((l, i) => (
                <li key={i} class="preview-line">
                  <span class="line-time">{lineTime(l.startMs ?? -1)}</span>
                  <span class={`line-speaker role-${roles[parsed.lines[i].speaker] ?? 'other'}`}>{l.speaker}</span>
                  <span class="preview-text">{l.text}</span>
                </li>
              ))}
            </ol>
            {redacted.length > PREVIEW_LINES && (
              <p class="muted small">…and {redacted.length - PREVIEW_LINES} more lines.</p>
            )}
            {remaining.length > 0 && (
              <div class="inline-error" role="alert" data-testid="import-remaining">
                <p>
                  {remaining.length === 1 ? 'A hidden name is' : `${remaining.length} hidden names are`} still in the
                  text. Nothing can be shared until they are gone.
                </p>
                <ul>
                  {remaining.slice(0, MAX_REMAINING_SHOWN).map((r, i) => (
                    <li key={i}>
                      “{r.found}”
                      {foldName(r.found) === foldName(r.name) && r.found === r.name ? '' : ` (hidden as “${r.name}”)`}{' '}
                      {r.field === 'speaker' ? 'as the speaker' : 'in the text'} of source line {r.n}
                    </li>
                  ))}
                </ul>
                {remaining.length > MAX_REMAINING_SHOWN && <p>…and {remaining.length - MAX_REMAINING_SHOWN} more.</p>}
              </div>
            )}
          </section>

          <label class="check consent" data-testid="consent">
            <input
              type="checkbox"
              checked={consent}
              onChange={(e) => setConsent(e.currentTarget.checked)}
              data-testid="consent-checkbox"
            />
            <span>The learner agreed to the recording and to sharing it with colleagues.</span>
          </label>
          <InlineError message={pending.error} />
          <div class="row">
            <button
              type="submit"
              class="btn btn-primary"
              disabled={!consent || remaining.length > 0 || pending.busy}
              data-testid="import-send"
            >
              {replacing ? 'Replace with the redacted transcript' : 'Share the redacted transcript'}
            </button>
            {onDone && (
              <button type="button" class="btn" onClick={onDone}>
                Cancel
              </button>
            )}
          </div>
        </form>
      )}
      {!parsed && onDone && (
        <div class="row">
          <button type="button" class="btn" onClick={onDone}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}

/** Why a suggested name may not be a name, or is only partly replaced. */
function NameNote({ person }: { person: Person }) {
  const notes: string[] = [];
  if (person.onlySentenceStarts)
    notes.push('Found only at the start of sentences or in capitals: tick it if it is a person.');
  if (isWordLikeName(person.name)) notes.push('Also an ordinary word: only its uses as a name are hidden.');
  if (notes.length === 0) return null;
  return (
    <p class="name-note muted small" data-testid="name-note">
      {notes.join(' ')}
    </p>
  );
}

function RoleSelect(props: { label: string; value: SpeakerRole; onChange(role: SpeakerRole): void }) {
  return (
    <select
      class="select select-tiny"
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value as SpeakerRole)}
      data-testid="import-role"
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {SPEAKER_ROLE_LABEL[r]}
        </option>
      ))}
    </select>
  );
}

function PersonDetails(props: {
  person: Person;
  pseudonym: string;
  update(key: string, change: Partial<Person>): void;
}) {
  const { person, update } = props;
  if (!person.hide) return null;
  return (
    <div class="person-details small">
      {person.parts.length > 0 && (
        <span class="parts">
          Also hide:{' '}
          {person.parts.map((part, i) => (
            <label key={part.name} class="check check-inline">
              <input
                type="checkbox"
                checked={part.hide}
                onChange={(e) => {
                  const parts = person.parts.slice();
                  parts[i] = { ...part, hide: e.currentTarget.checked };
                  update(person.key, { parts });
                }}
              />
              <span>{part.name}</span>
            </label>
          ))}
        </span>
      )}
      <label class="pseudonym">
        <span>Shown as</span>
        <input
          type="text"
          maxLength={PSEUDONYM_MAX}
          value={person.pseudonym}
          placeholder={props.pseudonym}
          onInput={(e) => update(person.key, { pseudonym: e.currentTarget.value, remembered: false })}
          data-testid="pseudonym"
        />
      </label>
      {person.remembered && (
        <span class="muted" data-testid="pseudonym-remembered">
          As in an earlier session on this device
        </span>
      )}
    </div>
  );
}
