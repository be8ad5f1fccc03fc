// The entry point for an import: detect the format, parse, enforce the
// limits. Pure: no DOM, no network, nothing leaves the browser from here.

import { TranscriptBuilder } from './builder';
import { ParseFailure } from './errors';
import { looksLikeTiming } from './formats/cues';
import { parseOtter, readOtterHeading } from './formats/otter';
import { parsePlain, readSpeakerLine } from './formats/plain';
import { parseSrt } from './formats/srt';
import { parseVtt } from './formats/vtt';
import { normaliseText, prepareInput } from './input';
import type { FormatChoice, ParseResult, TranscriptFormat } from './types';

const PARSERS: Record<TranscriptFormat, (lines: string[], out: TranscriptBuilder) => void> = {
  text: parsePlain,
  vtt: parseVtt,
  srt: parseSrt,
  otter: parseOtter,
};

const SNIFF_LINES = 60;

/** Never fails: a mangled file gets the format whose parser will explain what is wrong. */
export function detectFormat(text: string): TranscriptFormat {
  const all = normaliseText(text).split('\n');
  const sample: Array<{ line: string; afterBlank: boolean }> = [];
  for (let i = 0; i < all.length && sample.length < SNIFF_LINES; i++) {
    if (all[i].trim() !== '') sample.push({ line: all[i], afterBlank: i === 0 || all[i - 1].trim() === '' });
  }
  if (sample.length === 0) return 'text';
  if (/^WEBVTT(?:\s|$)/u.test(sample[0].line)) return 'vtt';
  if (sample.some(({ line }) => looksLikeTiming(line) && /\d:\d\d[,.]\d/u.test(line))) return 'srt';
  const quiet = <T>(f: () => T): T | null => {
    try {
      return f();
    } catch {
      return null; // a bad time still shows which format it was meant to be
    }
  };
  const isHeading = (s: { line: string; afterBlank: boolean }, i: number) =>
    s.afterBlank && quiet(() => readOtterHeading(i, s.line)) !== null;
  const headings = sample.filter(isHeading).length;
  const speakerLines = sample.filter((s, i) => quiet(() => readSpeakerLine(i, s.line)) !== null).length;
  return isHeading(sample[0], 1) && headings >= speakerLines ? 'otter' : 'text';
}

export function parseTranscript(text: string, format: FormatChoice = 'auto'): ParseResult {
  try {
    const lines = prepareInput(text);
    const chosen = format === 'auto' ? detectFormat(text) : format;
    const out = new TranscriptBuilder();
    PARSERS[chosen](lines, out);
    return { ok: true, format: chosen, ...out.finish() };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.toParseError() };
    throw e;
  }
}
