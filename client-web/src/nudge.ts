// The low-inference nudge: finds judging words (a list kept as data in
// data/judging-words.json) in a comment so the client can suggest describing
// what was seen or heard instead. It only ever suggests.

import list from './data/judging-words.json';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const phrases: string[] = (list.words as string[]).map((w) => w.toLowerCase());

// Longest first, so "doesn't care" wins over a shorter word inside it.
const pattern = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...phrases]
    .sort((a, b) => b.length - a.length)
    .map((w) => escape(w).replace(/'/g, "['’]").replace(/ /g, '\\s+'))
    .join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);

/** The judging words in `text`, each once, as written. */
export function judgingWords(text: string): string[] {
  const found = new Map<string, string>();
  for (const m of text.matchAll(pattern)) {
    const key = m[0].toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ');
    if (!found.has(key)) found.set(key, m[0]);
  }
  return [...found.values()];
}
