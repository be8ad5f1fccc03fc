// One regular expression that finds every hidden name at once, longest
// alternative first, on word boundaries where Unicode letters, marks and
// digits are word characters — so "Ana" never matches inside "banana" or
// "Anastasia". Matching all names in one pass also means a pseudonym that was
// just written is never itself matched again.

import { TITLES } from './stopwords';

const W = String.raw`[\p{L}\p{M}\p{N}]`;

function escape(text: string): string {
  // Not '-': under the u flag an escaped hyphen outside a class is a syntax error.
  return text.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
}

/** Regex source for one name: any apostrophe, hyphen or run of spaces, and "Ms" with or without its dot. */
function nameSource(name: string): string {
  const words = name.split(/\s+/u);
  return words
    .map((word, i) => {
      const bare = word.replace(/\.$/u, '');
      if (i === 0 && words.length > 1 && TITLES.has(bare.toLowerCase())) return `${escape(bare)}\\.?`;
      return [...word]
        .map((ch) => (/['’]/u.test(ch) ? "['’]" : /[-‐‑–]/u.test(ch) ? '[-‐‑–]' : escape(ch)))
        .join('');
    })
    .join(String.raw`\s+`);
}

export function normaliseName(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Case-insensitive identity of a name. */
export function nameKey(name: string): string {
  return normaliseName(name).replace(/’/gu, "'").toLowerCase();
}

export interface NameMatcher {
  /** Global, so use with matchAll/replace; group 1+i is names[i]; the last group is the possessive suffix. */
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
 * apostrophe already ends the word.
 */
export function compileNames(names: string[]): NameMatcher {
  const sorted = [...new Set(names.map(normaliseName).filter(Boolean))].sort(
    (a, b) => b.length - a.length || a.localeCompare(b),
  );
  const alternatives = sorted.map((n) => `(${nameSource(n)})`).join('|');
  const regex = new RegExp(`(?<!${W})(?:${alternatives})(s?['’](?!${W}))?(?!${W})`, 'giu');
  return {
    regex,
    names: sorted,
    which(groups) {
      for (let i = 0; i < sorted.length; i++) if (groups[i + 1] !== undefined) return i;
      return -1;
    },
  };
}
