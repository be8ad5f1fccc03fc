// Replaces hidden names with pseudonyms in speaker and text fields — every
// case, every apostrophe style, whole words only, longest name first — and
// proves afterwards that none is left.

import { compileNames, nameKey, type NameMatcher } from './name-pattern';
import type { HiddenName } from './pseudonyms';
import type { TranscriptLine } from './types';

export { buildPseudonyms, letterLabel, type HiddenName, type PersonRole, type PersonToHide } from './pseudonyms';

interface Compiled {
  matcher: NameMatcher;
  pseudonymOf: string[];
}

function compile(hidden: HiddenName[]): Compiled | null {
  const byKey = new Map<string, string>();
  for (const h of hidden) {
    const key = nameKey(h.name);
    if (key && !byKey.has(key)) byKey.set(key, h.pseudonym);
  }
  if (byKey.size === 0) return null;
  const matcher = compileNames(hidden.map((h) => h.name));
  return { matcher, pseudonymOf: matcher.names.map((n) => byKey.get(nameKey(n))!) };
}

// Lines are matched in NFC, like the names, so "José" typed with a combining
// accent is still found; parseTranscript already returns NFC.
function replaceIn(text: string, c: Compiled): string {
  return text.normalize('NFC').replace(c.matcher.regex, (...args: unknown[]) => {
    const groups = args.slice(0, c.matcher.names.length + 2) as Array<string | undefined>;
    const i = c.matcher.which(groups);
    const suffix = groups[c.matcher.names.length + 1];
    const pseudonym = c.pseudonymOf[i];
    if (!suffix) return pseudonym;
    // "Mayas'" and "James'" are possessives; a lone quote after "Maya" is kept as it was.
    const apostrophe = suffix.slice(-1);
    const possessive = suffix.length === 2 || /s$/iu.test(c.matcher.names[i]);
    return possessive ? `${pseudonym}${apostrophe}s` : `${pseudonym}${apostrophe}`;
  });
}

export function redact(lines: TranscriptLine[], hidden: HiddenName[]): TranscriptLine[] {
  const c = compile(hidden);
  if (!c) return lines.map((l) => ({ ...l }));
  return lines.map((l) => ({ ...l, speaker: replaceIn(l.speaker, c), text: replaceIn(l.text, c) }));
}

/** Distinct speakers in order of first appearance, e.g. after redact(). */
export function speakersOf(lines: TranscriptLine[]): string[] {
  return [...new Set(lines.map((l) => l.speaker))];
}

export interface RemainingName {
  /** The hidden name, as given in the list. */
  name: string;
  /** The line's source line number (TranscriptLine.n). */
  n: number;
  field: 'speaker' | 'text';
  /** What was found, as written in the line. */
  found: string;
}

/** Every hidden name still present; empty means the lines are safe to share. */
export function findRemaining(lines: TranscriptLine[], hidden: HiddenName[]): RemainingName[] {
  const c = compile(hidden);
  if (!c) return [];
  const found: RemainingName[] = [];
  for (const line of lines) {
    for (const field of ['speaker', 'text'] as const) {
      for (const m of line[field].normalize('NFC').matchAll(c.matcher.regex)) {
        const name = c.matcher.names[c.matcher.which(m)];
        found.push({ name, n: line.n, field, found: m[0] });
      }
    }
  }
  return found;
}
