// Suggests names the presenter may want to hide: every speaker that is not a
// role label ("Ms. Rivera" → "Ms. Rivera", "Rivera"), and capitalised words in
// the text that read like names — not at the start of a sentence, not a
// common capitalised word, not all capitals. Privacy leans towards
// suggesting too much: unticking a word costs a click, a missed name leaks.

import { compileNames, nameKey } from './name-pattern';
import { isGenericSpeaker, STOP_WORDS, TITLES } from './stopwords';
import type { TranscriptLine } from './types';

export interface NameSuggestion {
  name: string;
  /** Lines spoken plus mentions in the text; the ranking key. */
  count: number;
  source: 'speaker' | 'text';
  /** The fuller name this one is part of: "Jordan Lee" for "Jordan". */
  partOf?: string;
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

const isStopWord = (word: string) => STOP_WORDS.has(word.replace(/’/gu, "'").toLowerCase());
const isTitle = (word: string) => TITLES.has(word.replace(/\.$/u, '').toLowerCase());

/** Starts upper case, has a lower-case letter (so not "NASA" or "I"). */
function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word) && /\p{Ll}/u.test(word) && [...word].length >= 2;
}

/** Start of the text, or after . ! ? … or an opening quote — except the dot of a title or an initial. */
function atSentenceStart(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && /\s/u.test(text[i])) i--;
  if (i < 0 || /["“«(\[‘]/u.test(text[i])) return true;
  if (!/[.!?…]/u.test(text[i])) return false;
  if (text[i] !== '.') return true;
  const before = /([\p{L}]+)\.$/u.exec(text.slice(Math.max(0, i - 12), i + 1));
  return !before || !(isTitle(before[1]) || [...before[1]].length === 1);
}

interface Candidate {
  name: string;
  source: 'speaker' | 'text';
  partOf?: string;
}

function speakerCandidates(speakers: string[]): Candidate[] {
  const out: Candidate[] = [];
  for (const speaker of speakers) {
    if (isGenericSpeaker(speaker)) continue;
    const core = speaker.replace(/\([^)]*\)/gu, ' ').replace(/\s+/gu, ' ').trim();
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

/** Capitalised words and runs of them ("Maya Lopez") that are not sentence starts or stop words. */
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
      if (named.length === 0) continue;
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

/** How often each name occurs as a whole word in speakers and text, longest match first. */
function counts(lines: TranscriptLine[], names: string[]): Map<string, number> {
  const result = new Map<string, number>();
  if (names.length === 0) return result;
  const matcher = compileNames(names);
  for (const field of ['speaker', 'text'] as const) {
    for (const line of lines) {
      for (const m of line[field].matchAll(matcher.regex)) {
        const key = nameKey(matcher.names[matcher.which(m)]);
        result.set(key, (result.get(key) ?? 0) + 1);
      }
    }
  }
  return result;
}

export function suggestNames(lines: TranscriptLine[]): NameSuggestion[] {
  const speakers = [...new Set(lines.map((l) => l.speaker))];
  const seen = new Map<string, NameSuggestion>();
  for (const c of [...speakerCandidates(speakers), ...textCandidates(lines)]) {
    const key = nameKey(c.name);
    if (!key || seen.has(key)) continue;
    seen.set(key, { name: c.name, count: 0, source: c.source, ...(c.partOf ? { partOf: c.partOf } : {}) });
  }
  const all = [...seen.values()];
  // Count each name on its own so that "Maya" also counts inside "Maya Lopez".
  const standalone = counts(lines, all.filter((s) => !s.name.includes(' ')).map((s) => s.name));
  const phrases = counts(lines, all.filter((s) => s.name.includes(' ')).map((s) => s.name));
  for (const s of all) {
    const key = nameKey(s.name);
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
