// What one import may hold. The server enforces its own limits too; these
// keep the browser responsive and give the presenter a precise message
// before anything is sent. The server's own figures come from the generated
// contract.

import { LIMITS as PROTOCOL_LIMITS } from '../generated/contract';

export const MAX_INPUT_BYTES = 1024 * 1024;
export const MAX_TRANSCRIPT_LINES = PROTOCOL_LIMITS.max_transcript_lines;
export const MAX_LINE_CHARS = PROTOCOL_LIMITS.max_line_chars;
export const MAX_SPEAKER_CHARS = PROTOCOL_LIMITS.max_speaker_chars;
export const MAX_SPEAKERS = 50;

export const LIMITS = {
  inputBytes: MAX_INPUT_BYTES,
  transcriptLines: MAX_TRANSCRIPT_LINES,
  lineChars: MAX_LINE_CHARS,
  speakerChars: MAX_SPEAKER_CHARS,
  speakers: MAX_SPEAKERS,
} as const;

const fmt = (n: number) => n.toLocaleString('en-US');

export const limitMessages = {
  inputBytes: () =>
    `The file is larger than 1 MiB (${fmt(MAX_INPUT_BYTES)} bytes), the most Debrief accepts; ` +
    'it passes that size on this line. Split the transcript or trim it.',
  transcriptLines: () =>
    `The transcript has more than ${fmt(MAX_TRANSCRIPT_LINES)} lines, the most Debrief accepts; ` +
    'this is the first line over the limit.',
  lineChars: (chars: number) =>
    `This line's text is ${fmt(chars)} characters long; ` +
    `the most Debrief accepts is ${fmt(MAX_LINE_CHARS)} characters per line.`,
  speakerChars: (chars: number) =>
    `The speaker name on this line is ${fmt(chars)} characters long; ` +
    `the most Debrief accepts is ${fmt(MAX_SPEAKER_CHARS)} characters.`,
  speakers: () =>
    `This line brings in speaker number ${fmt(MAX_SPEAKERS + 1)}; ` +
    `the most Debrief accepts is ${fmt(MAX_SPEAKERS)} different speakers.`,
};

/** Length in Unicode code points, which is what a person counts as characters. */
export function charCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0 || !isHighSurrogate(text.charCodeAt(i - 1))) n++;
  }
  return n;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** UTF-8 size of one UTF-16 code unit at i (a surrogate pair counts 4 on its first half). */
function utf8UnitBytes(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (isHighSurrogate(c)) {
    const d = text.charCodeAt(i + 1);
    return d >= 0xdc00 && d <= 0xdfff ? 4 : 3;
  }
  if (c >= 0xdc00 && c <= 0xdfff && i > 0 && isHighSurrogate(text.charCodeAt(i - 1))) return 0;
  return 3;
}

/**
 * The 1-based line on which the UTF-8 encoding of text passes MAX_INPUT_BYTES,
 * or null if it fits. Counts the text as given (CRLF and BOM included), which
 * is what the presenter's file size says.
 */
export function lineOverByteLimit(text: string): number | null {
  // Every code unit is at least one byte and at most three.
  if (text.length * 3 <= MAX_INPUT_BYTES) return null;
  let bytes = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    bytes += utf8UnitBytes(text, i);
    if (bytes > MAX_INPUT_BYTES) return line;
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return null;
}
