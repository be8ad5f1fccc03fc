// Suggests names the presenter may want to hide: every speaker that is not a
// role label ("Ms. Rivera" → "Ms. Rivera", "Rivera"), and capitalised words in
// the text that read like names — mid-sentence, not a common capitalised
// word. A word that only starts sentences or is written in capitals is
// suggested when it is a known first name ("Mariana said…", "ZOË"). Names
// that differ only in accents or case are one suggestion. Privacy leans
// towards suggesting too much: unticking a word costs a click, a missed name
// leaks.

import { isCapitalisedWord, isCommonWordName } from './common-word-names';
import { FIRST_NAMES } from './first-names';
import { foldName } from './name-pattern';
import { findOccurrences } from './occurrences';
import { atSentenceStart, isAllCaps, isCapitalised } from './sentence';
import { isGenericSpeaker, STOP_WORDS, TITLES } from './stopwords';
import type { TranscriptLine } from './types';

export interface NameSuggestion {
  name: string;
  /** Lines spoken plus mentions in the text; the ranking key. */
  count: number;
  source: 'speaker' | 'text';
  /** The fuller name this one is part of: "Jordan Lee" for "Jordan". */
  partOf?: string;
  /** Found in the text only where any word is capitalised: at sentence starts or in capitals. */
  onlySentenceStarts?: true;
  /** Also a common word, and written in lower case somewhere in the text ("will"). */
  alsoAWord?: true;
}

const TOKEN = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;
const MAX_PHRASE_WORDS = 3;

interface Token {
  word: string;
  index: number;
  end: number;
}

function tokens(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => {
    const word = m[0].replace(/['’]s$/iu, '');
    return { word, index: m.index, end: m.index + word.length };
  });
}

/** A common capitalised word; "Will" and "Summer" are not, since capitalised mid-sentence they are names. */
function isStopWord(word: string): boolean {
  const folded = foldName(word);
  return (
    STOP_WORDS.has(word.replace(/’/gu, "'").toLowerCase()) && !(isCommonWordName(folded) && !isCapitalisedWord(folded))
  );
}
const isTitle = (word: string) => TITLES.has(word.replace(/\.$/u, '').toLowerCase());

const isKnownName = (word: string) => FIRST_NAMES.has(foldName(word)) || isCommonWordName(foldName(word));

interface Candidate {
  name: string;
  source: 'speaker' | 'text';
  partOf?: string;
  onlySentenceStarts?: true;
}

function speakerCandidates(speakers: string[]): Candidate[] {
  const out: Candidate[] = [];
  for (const speaker of speakers) {
    if (isGenericSpeaker(speaker)) continue;
    const core = speaker
      .replace(/\([^)]*\)/gu, ' ')
      .replace(/\s+/gu, ' ')
      .trim();
    const parts = tokens(core)
      .map((t) => t.word)
      // Months and the like stay: in a speaker label "April" is a name. Roles do not.
      .filter((w) => !isTitle(w) && [...w].length >= 2 && !isGenericSpeaker(w));
    const full = parts.join(' ');
    out.push({ name: speaker, source: 'speaker' });
    if (core && core !== speaker) out.push({ name: core, source: 'speaker', partOf: speaker });
    if (parts.length > 1 && full !== core) out.push({ name: full, source: 'speaker', partOf: speaker });
    for (const part of parts) if (part !== speaker) out.push({ name: part, source: 'speaker', partOf: speaker });
  }
  return out;
}

/** Capitalised words and runs of them ("Maya Lopez") mid-sentence, not stop words; known first names anywhere capitalised. */
function textCandidates(lines: TranscriptLine[]): Candidate[] {
  const out: Candidate[] = [];
  for (const { text } of lines) {
    const toks = tokens(text);
    for (let i = 0; i < toks.length; i++) {
      const run: Token[] = [];
      for (let j = i; j < toks.length && run.length < MAX_PHRASE_WORDS; j++) {
        const t = toks[j];
        const joined = j === i || /^ $/u.test(text.slice(toks[j - 1].end, t.index));
        if (!joined || !isCapitalised(t.word) || isStopWord(t.word)) break;
        run.push(t);
      }
      const named = run.filter((t) => !atSentenceStart(text, t.index));
      if (named.length === 0) {
        // "Mariana said…": only a sentence start, so only a known first name is suggested.
        const t = toks[i];
        if (run.length === 1 && isKnownName(t.word))
          out.push({ name: t.word, source: 'text', onlySentenceStarts: true });
        else if (run.length === 0 && isAllCaps(t.word) && FIRST_NAMES.has(foldName(t.word)))
          out.push({ name: t.word, source: 'text', onlySentenceStarts: true });
        continue;
      }
      if (run.length > 1) {
        const phrase = text.slice(run[0].index, run[run.length - 1].end);
        out.push({ name: phrase, source: 'text' });
        for (const t of run) out.push({ name: t.word, source: 'text', partOf: phrase });
        i += run.length - 1;
      } else {
        out.push({ name: run[0].word, source: 'text' });
      }
    }
  }
  return out;
}

/** How often each name occurs as a name (not "will" for Will) in speakers and text, longest match first. */
function counts(lines: TranscriptLine[], names: string[]): Map<string, number> {
  const result = new Map<string, number>();
  if (names.length === 0) return result;
  for (const o of findOccurrences(lines, names)) {
    if (o.kind === 'word') continue;
    const key = foldName(o.name);
    result.set(key, (result.get(key) ?? 0) + 1);
  }
  return result;
}

/** Folded words written all in lower case somewhere in the text. */
function lowerCaseWords(lines: TranscriptLine[]): Set<string> {
  const words = new Set<string>();
  for (const { text } of lines) for (const t of tokens(text)) if (!/\p{Lu}/u.test(t.word)) words.add(foldName(t.word));
  return words;
}

export function suggestNames(lines: TranscriptLine[]): NameSuggestion[] {
  const speakers = [...new Set(lines.map((l) => l.speaker))];
  const seen = new Map<string, NameSuggestion>();
  const elsewhere = new Set<string>();
  const candidates = [...speakerCandidates(speakers), ...textCandidates(lines)];
  for (const c of candidates) if (!c.onlySentenceStarts) elsewhere.add(foldName(c.name));
  const lower = lowerCaseWords(lines);
  for (const c of candidates) {
    const key = foldName(c.name);
    if (!key || seen.has(key)) continue;
    seen.set(key, {
      name: c.name,
      count: 0,
      source: c.source,
      ...(c.partOf ? { partOf: c.partOf } : {}),
      ...(elsewhere.has(key) ? {} : { onlySentenceStarts: true as const }),
      ...(isCommonWordName(key) && lower.has(key) ? { alsoAWord: true as const } : {}),
    });
  }
  const all = [...seen.values()];
  // Count each name on its own so that "Maya" also counts inside "Maya Lopez".
  const standalone = counts(
    lines,
    all.filter((s) => !s.name.includes(' ')).map((s) => s.name),
  );
  const phrases = counts(
    lines,
    all.filter((s) => s.name.includes(' ')).map((s) => s.name),
  );
  for (const s of all) {
    const key = foldName(s.name);
    s.count = (standalone.get(key) ?? 0) + (phrases.get(key) ?? 0);
  }
  return all.sort(
    (a, b) =>
      b.count - a.count ||
      (a.source === b.source ? 0 : a.source === 'speaker' ? -1 : 1) ||
      // A full name before its parts, so the list reads "Jordan Lee, Jordan, Lee".
      Number(a.partOf !== undefined) - Number(b.partOf !== undefined) ||
      a.name.localeCompare(b.name),
  );
}
