// The last check before anything is sent, written apart from the matcher that
// redacts, so that a blind spot in one is not a blind spot in both: the text
// is folded letter by letter (accents dropped, lower case, one kind of
// apostrophe, hyphens as spaces) while remembering where each letter came
// from, and each folded hidden name is looked for as whole words.

import { classify, type Field, type Occurrence } from './occurrences';
import { foldName } from './name-pattern';
import { TITLES } from './stopwords';
import type { HiddenName } from './pseudonyms';
import type { TranscriptLine } from './types';

export interface RemainingName {
  /** The hidden name, as given in the list. */
  name: string;
  /** The line's source line number (TranscriptLine.n). */
  n: number;
  field: Field;
  /** What was found, as written in the line. */
  found: string;
}

interface Folded {
  text: string;
  /** For each UTF-16 unit of text, the index in the NFD source it came from. */
  from: number[];
}

function foldWithMap(nfd: string): Folded {
  let text = '';
  const from: number[] = [];
  let i = 0;
  for (const ch of nfd) {
    const at = i;
    i += ch.length;
    const ascii = ch.charCodeAt(0) < 0x80;
    if (!ascii && /\p{M}/u.test(ch)) continue;
    const space = ascii ? ch === '-' || ch.trim() === '' : /[‐‑–\s]/u.test(ch);
    const folded = space ? ' ' : ascii ? ch.toLowerCase() : foldName(ch) || ch;
    if (folded === ' ' && text.endsWith(' ')) continue;
    for (const unit of folded) {
      for (let k = 0; k < unit.length; k++) from.push(at);
      text += unit;
    }
  }
  return { text, from };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/gu, '\\$&');
}

/** Folded names, longest first, as one whole-word pattern for folded text. */
function pattern(names: string[]): RegExp {
  const sources = names.map((name) => {
    const words = foldName(name).split(' ');
    const first = words[0].replace(/\.$/u, '');
    if (words.length > 1 && TITLES.has(first))
      return `${escape(first)}(?:\\. ?| )${words.slice(1).map(escape).join(' ')}`;
    return words.map(escape).join(' ');
  });
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${sources.map((s) => `(${s})`).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

/**
 * Every hidden name still present, in any case or accent; empty means the
 * lines are safe to share. Only the lower-case word form of a word-like name
 * ("will") is not a name; an ambiguous occurrence is allowed only as many
 * times per line and field as the presenter kept one as a word (keptAsWord:
 * the kept occurrences, found in the lines before redaction).
 */
export function findRemaining(
  lines: TranscriptLine[],
  hidden: HiddenName[],
  keptAsWord: Occurrence[] = [],
): RemainingName[] {
  const byKey = new Map<string, string>();
  for (const h of hidden) if (foldName(h.name) && !byKey.has(foldName(h.name))) byKey.set(foldName(h.name), h.name);
  if (byKey.size === 0) return [];
  const names = [...byKey.values()].sort((a, b) => foldName(b).length - foldName(a).length || a.localeCompare(b));
  const regex = pattern(names);

  const slot = (line: number, field: Field, name: string) => `${line}:${field}:${foldName(name)}`;
  const allowance = new Map<string, number>();
  for (const o of keptAsWord) {
    if (o.kind !== 'ambiguous') continue;
    const key = slot(o.line, o.field, o.name);
    allowance.set(key, (allowance.get(key) ?? 0) + 1);
  }

  const found: RemainingName[] = [];
  lines.forEach((line, i) => {
    for (const field of ['speaker', 'text'] as const) {
      const nfd = line[field].normalize('NFD');
      const folded = foldWithMap(nfd);
      for (const m of folded.text.matchAll(regex)) {
        const name = names[m.slice(1).findIndex((g) => g !== undefined)];
        const start = folded.from[m.index];
        let end = folded.from[m.index + m[0].length - 1] + 1;
        while (end < nfd.length && /[\p{M}\uDC00-\uDFFF]/u.test(nfd[end])) end++;
        const written = nfd.slice(start, end).normalize('NFC');
        const { kind } = classify(name, field, nfd, start, written);
        if (kind === 'word') continue;
        const key = slot(i, field, name);
        const left = allowance.get(key) ?? 0;
        if (kind === 'ambiguous' && left > 0) {
          allowance.set(key, left - 1);
          continue;
        }
        found.push({ name, n: line.n, field, found: written });
      }
    }
  });
  return found;
}
