// Every place a hidden name occurs, and whether it is the name there. A true
// name ("José") is the name in any case or accent. A name that is also a
// common word ("Will") is the name where it is capitalised mid-sentence or a
// speaker, the word where it is in lower case ("I will ask"), and ambiguous at
// the start of a sentence or in capitals: there the presenter decides.

import { isCapitalisedWord, isCommonWordName } from './common-word-names';
import { compileNames, foldName, matchableText, type NameMatcher } from './name-pattern';
import { atSentenceStart, isAllCaps } from './sentence';
import type { TranscriptLine } from './types';

export type OccurrenceKind = 'name' | 'ambiguous' | 'word';
export type AmbiguityReason = 'sentence-start' | 'capitals' | 'capitalised-word';
export type Field = 'speaker' | 'text';

export interface Occurrence {
  /** Stable for the same lines and names: line index, field and offset. */
  id: string;
  /** Index into the lines. */
  line: number;
  /** The line's source line number (TranscriptLine.n). */
  n: number;
  field: Field;
  /** The hidden name that matched, as given. */
  name: string;
  /** What the text says there, in NFC, without any possessive suffix. */
  found: string;
  kind: OccurrenceKind;
  reason?: AmbiguityReason;
  /** A little of the line on each side, in NFC, for the preview; empty unless ambiguous. */
  before: string;
  after: string;
}

const CONTEXT_CHARS = 40;

/** Whether a name is a common word too, so that not every occurrence is the name. */
export function isWordLikeName(name: string): boolean {
  return isCommonWordName(foldName(name));
}

export function classify(
  name: string,
  field: Field,
  text: string,
  index: number,
  found: string,
): { kind: OccurrenceKind; reason?: AmbiguityReason } {
  const folded = foldName(name);
  if (!isCommonWordName(folded) || field === 'speaker') return { kind: 'name' };
  if (!/^\p{Lu}/u.test(found)) return { kind: 'word' };
  if (isAllCaps(found)) return { kind: 'ambiguous', reason: 'capitals' };
  if (isCapitalisedWord(folded)) return { kind: 'ambiguous', reason: 'capitalised-word' };
  if (atSentenceStart(text, index)) return { kind: 'ambiguous', reason: 'sentence-start' };
  return { kind: 'name' };
}

/** Up to CONTEXT_CHARS on each side, cut at a word boundary, with … where the line goes on. */
function context(text: string, start: number, end: number): { before: string; after: string } {
  let before = text.slice(Math.max(0, start - CONTEXT_CHARS), start);
  let after = text.slice(end, end + CONTEXT_CHARS);
  if (start > CONTEXT_CHARS) before = `…${before.replace(/^\S*\s*/u, '')}`;
  if (text.length - end > CONTEXT_CHARS) after = `${after.replace(/\s*\S*$/u, '')}…`;
  return { before: before.normalize('NFC'), after: after.normalize('NFC') };
}

export interface Match {
  /** Offsets in the NFD text, the possessive suffix included. */
  start: number;
  end: number;
  nameIndex: number;
  /** The name as written, NFD, without the suffix. */
  written: string;
  suffix: string;
}

/** Every match of the matcher in NFD text. */
export function matchesIn(nfd: string, matcher: NameMatcher): Match[] {
  const out: Match[] = [];
  for (const m of nfd.matchAll(matcher.regex)) {
    const suffix = m[matcher.names.length + 1] ?? '';
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      nameIndex: matcher.which(m),
      written: m[0].slice(0, m[0].length - suffix.length),
      suffix,
    });
  }
  return out;
}

export function occurrenceId(line: number, field: Field, start: number): string {
  return `${line}:${field}:${start}`;
}

/** Every occurrence of the names in the lines, in line order, speaker before text. */
export function findOccurrences(lines: TranscriptLine[], names: string[]): Occurrence[] {
  if (names.every((n) => !n.trim())) return [];
  const matcher = compileNames(names);
  const out: Occurrence[] = [];
  lines.forEach((line, i) => {
    for (const field of ['speaker', 'text'] as const) {
      const nfd = matchableText(line[field]);
      for (const m of matchesIn(nfd, matcher)) {
        const name = matcher.names[m.nameIndex];
        const found = m.written.normalize('NFC');
        const shape = classify(name, field, nfd, m.start, found);
        out.push({
          id: occurrenceId(i, field, m.start),
          line: i,
          n: line.n,
          field,
          name,
          found,
          ...shape,
          // Only the places the presenter is shown need their surroundings.
          ...(shape.kind === 'ambiguous' ? context(nfd, m.start, m.end) : { before: '', after: '' }),
        });
      }
    }
  });
  return out;
}
