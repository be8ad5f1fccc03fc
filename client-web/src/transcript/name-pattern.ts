// One regular expression that finds every hidden name at once, longest
// alternative first, on word boundaries where Unicode letters, marks and
// digits are word characters — so "Ana" never matches inside "banana" or
// "Anastasia". Matching all names in one pass also means a pseudonym that was
// just written is never itself matched again.
//
// Names match whatever their accents and case: the text is matched in NFD
// (letters and their combining accents apart) and every letter of a name may
// carry any accents, so "José" also finds "Jose", "JOSÉ", "jose" and
// "Jose\u0301". Letters that do not decompose (ø, ł, đ, ı) count as their
// plain letter too.

import { TITLES } from './stopwords';

export const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}]`;

/** Plain letter → letters that look like it but carry no separable accent. */
const ALSO: Record<string, string> = { o: 'ø', l: 'ł', d: 'đ', i: 'ı' };
const UNSEPARABLE: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd', ı: 'i' };

function escape(text: string): string {
  // Not '-': under the u flag an escaped hyphen outside a class is a syntax error.
  return text.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
}

function letterSource(ch: string): string {
  if (/['’‘]/u.test(ch)) return "['’‘]";
  if (/[-‐‑–]/u.test(ch)) return String.raw`(?:[-‐‑–]|\s+)`;
  if (/\p{L}/u.test(ch)) {
    const also = ALSO[ch];
    return `${also ? `[${ch}${also}]` : escape(ch)}\\p{M}*`;
  }
  return escape(ch);
}

/** Regex source for one name: accents free, any apostrophe, a hyphen or a space between its words ("Mary-Kate", "Mary Kate"), and "Ms" with or without its dot. */
function nameSource(name: string): string {
  const words = foldName(name).split(' ');
  return words
    .map((word, i) => {
      const bare = word.replace(/\.$/u, '');
      // "Ms. Rivera", "Ms Rivera", "Ms.Rivera": the separator is part of the title.
      if (i === 0 && words.length > 1 && TITLES.has(bare)) return `${escape(bare)}(?:\\.\\s*|\\s+|[-‐‑–])`;
      const source = [...word].map(letterSource).join('');
      return i < words.length - 1 ? `${source}(?:\\s+|[-‐‑–])` : source;
    })
    .join('');
}

/**
 * The form of a line that names are matched in: NFD, so accents can be
 * skipped, and the modifier-letter apostrophe ("Zoëʼs", "Oʼbrien") as a plain
 * one, since as a letter it would glue a possessive to the name.
 */
export function matchableText(text: string): string {
  return text.normalize('NFD').replace(/\u02BC/gu, '’');
}

export function normaliseName(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * A name without accents, case, apostrophe style or hyphens: "JOSÉ", "José"
 * and "jose" fold to "jose", "Mary-Kate" and "mary kate" to "mary kate".
 */
export function foldName(name: string): string {
  let folded = FOLDED.get(name);
  if (folded === undefined) {
    if (FOLDED.size >= FOLD_CACHE_SIZE) FOLDED.clear();
    folded = fold(name);
    FOLDED.set(name, folded);
  }
  return folded;
}

// The same few names and words are folded again and again while a long transcript is read.
const FOLD_CACHE_SIZE = 20_000;
const FOLDED = new Map<string, string>();

function fold(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øłđı]/gu, (ch) => UNSEPARABLE[ch])
    .replace(/[’‘\u02BC]/gu, "'")
    .replace(/[-‐‑–\s]+/gu, ' ')
    .trim();
}

/** The identity of a name: two names with the same key are the same name. */
export const nameKey = foldName;

export interface NameMatcher {
  /** Global, for NFD text; group 1+i is names[i]; the last group is the possessive suffix. */
  regex: RegExp;
  /** The names, longest first: the order of the alternatives. */
  names: string[];
  /** Index into names of the alternative that matched. */
  which(groups: ReadonlyArray<string | undefined>): number;
}

/**
 * names must be non-empty. After a name the optional suffix takes a
 * possessive written without its "s" ("James'" and the misspelt "Mayas'"), so
 * the replacement can read "Student A's"; "Maya's" needs nothing, since the
 * apostrophe already ends the word. Match against matchableText(text).
 */
export function compileNames(names: string[]): NameMatcher {
  const byKey = new Map<string, string>();
  for (const n of names.map(normaliseName)) if (n && !byKey.has(foldName(n))) byKey.set(foldName(n), n);
  const sorted = [...byKey.values()].sort((a, b) => foldName(b).length - foldName(a).length || a.localeCompare(b));
  const alternatives = sorted.map((n) => `(${nameSource(n)})`).join('|');
  const regex = new RegExp(`(?<!${WORD_CHAR})(?:${alternatives})(s?['’‘](?!${WORD_CHAR}))?(?!${WORD_CHAR})`, 'giu');
  return {
    regex,
    names: sorted,
    which(groups) {
      for (let i = 0; i < sorted.length; i++) if (groups[i + 1] !== undefined) return i;
      return -1;
    },
  };
}
