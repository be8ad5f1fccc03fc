// The shape of a word where it stands: capitalised, all capitals, or the
// first word of a sentence. Names and ordinary words are told apart by it.

import { TITLES } from './stopwords';

const LETTERS = /\p{L}/gu;

/** Starts upper case and has a lower-case letter (so not "NASA" or "I"). */
export function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word) && /\p{Ll}/u.test(word) && [...word].length >= 2;
}

/** Two or more letters and none in lower case: "ZOË", "O'BRIEN". */
export function isAllCaps(word: string): boolean {
  const letters = word.match(LETTERS) ?? [];
  return letters.length >= 2 && !/\p{Ll}/u.test(word) && /\p{Lu}/u.test(word);
}

/** Start of the text, or after . ! ? … or an opening quote — except the dot of a title or an initial. */
export function atSentenceStart(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && /\s/u.test(text[i])) i--;
  if (i < 0 || /["“«(\[‘]/u.test(text[i])) return true;
  if (!/[.!?…]/u.test(text[i])) return false;
  if (text[i] !== '.') return true;
  const before = /(\p{L}+)\.$/u.exec(text.slice(Math.max(0, i - 12), i + 1));
  return !before || !(TITLES.has(before[1].toLowerCase()) || [...before[1]].length === 1);
}
