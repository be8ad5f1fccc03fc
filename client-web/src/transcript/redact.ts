// Replaces hidden names with pseudonyms in speaker and text fields — any
// case, any accents, any apostrophe style, whole words only, longest name
// first. findRemaining (guard.ts) proves afterwards that none is left. A name that is also a
// common word is replaced where it is the name; where it may be either, it is
// replaced unless the presenter kept that occurrence as the word.

import { compileNames, foldName, matchableText, type NameMatcher } from './name-pattern';
import { classify, matchesIn, occurrenceId, type Field } from './occurrences';
import type { HiddenName } from './pseudonyms';
import { isAllCaps } from './sentence';
import type { TranscriptLine } from './types';

export { buildPseudonyms, letterLabel, type HiddenName, type PersonRole, type PersonToHide } from './pseudonyms';

interface Compiled {
  matcher: NameMatcher;
  pseudonymOf: string[];
}

function compile(hidden: HiddenName[]): Compiled | null {
  const byKey = new Map<string, string>();
  for (const h of hidden) {
    const key = foldName(h.name);
    if (key && !byKey.has(key)) byKey.set(key, h.pseudonym);
  }
  if (byKey.size === 0) return null;
  const matcher = compileNames(hidden.map((h) => h.name));
  return { matcher, pseudonymOf: matcher.names.map((n) => byKey.get(foldName(n))!) };
}

/** "ZOË" → "STUDENT A"; any other spelling → the pseudonym as chosen. */
export function casedLike(pseudonym: string, written: string): string {
  return isAllCaps(written) ? pseudonym.toUpperCase() : pseudonym;
}

/**
 * The replacement for one match. A possessive suffix keeps its own case:
 * "Zoë's" → "Student A's", "ZOË'S" → "STUDENT A'S"; "James'" and the
 * misspelt "Mayas'" become "Student A's", with an "S" if the name was in capitals.
 */
function replacement(pseudonym: string, name: string, written: string, suffix: string): string {
  const shown = casedLike(pseudonym, written);
  if (!suffix) return shown;
  const apostrophe = suffix.slice(-1);
  const possessive = suffix.length === 2 || /s$/iu.test(name);
  if (!possessive) return `${shown}${apostrophe}`; // a closing quote after the name
  const s = suffix.length === 2 ? suffix[0] : isAllCaps(written) ? 'S' : 's';
  return `${shown}${apostrophe}${s}`;
}

function replaceIn(text: string, c: Compiled, line: number, field: Field, keptAsWord: ReadonlySet<string>): string {
  const nfd = matchableText(text);
  let out = '';
  let at = 0;
  for (const m of matchesIn(nfd, c.matcher)) {
    const name = c.matcher.names[m.nameIndex];
    const { kind } = classify(name, field, nfd, m.start, m.written.normalize('NFC'));
    if (kind === 'word' || (kind === 'ambiguous' && keptAsWord.has(occurrenceId(line, field, m.start)))) continue;
    out += nfd.slice(at, m.start) + replacement(c.pseudonymOf[m.nameIndex], name, m.written, m.suffix);
    at = m.end;
  }
  return (out + nfd.slice(at)).normalize('NFC');
}

/**
 * keptAsWord holds the ids (Occurrence.id, from findOccurrences on the same
 * lines and names) of ambiguous occurrences the presenter kept as words.
 */
export function redact(
  lines: TranscriptLine[],
  hidden: HiddenName[],
  keptAsWord: ReadonlySet<string> = new Set(),
): TranscriptLine[] {
  const c = compile(hidden);
  if (!c) return lines.map((l) => ({ ...l }));
  return lines.map((l, i) => ({
    ...l,
    speaker: replaceIn(l.speaker, c, i, 'speaker', keptAsWord),
    text: replaceIn(l.text, c, i, 'text', keptAsWord),
  }));
}

/** Distinct speakers in order of first appearance, e.g. after redact(). */
export function speakersOf(lines: TranscriptLine[]): string[] {
  return [...new Set(lines.map((l) => l.speaker))];
}

export { findRemaining, type RemainingName } from './guard';
