// What WebVTT and SRT share: blocks separated by blank lines, and a timing
// line "start --> end" whose times must be valid and in order.

import { fail, quote } from '../errors';
import { formatMs, parseSrtTime, parseVttTime, type TimeResult } from '../timestamps';

export interface Block {
  /** 1-based source line of the block's first line. */
  n: number;
  lines: string[];
}

/** Runs of non-blank lines. */
export function splitBlocks(lines: string[], from = 0): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  for (let i = from; i < lines.length; i++) {
    if (lines[i].trim() === '') {
      current = null;
    } else if (current) {
      current.lines.push(lines[i]);
    } else {
      current = { n: i + 1, lines: [lines[i]] };
      blocks.push(current);
    }
  }
  return blocks;
}

/** True for a line that is, or was meant to be, a timing line ("00:01.000 -> 00:04.000" too). */
export function looksLikeTiming(line: string): boolean {
  return line.includes('-->') || /^\s*\d[\d:.,]*\s*(?:-+>|–>|—>|=>|-{2,})\s*\d/u.test(line);
}

export type CueKind = 'vtt' | 'srt';

const EXAMPLE: Record<CueKind, string> = {
  vtt: '"00:00:01.000 --> 00:00:04.000"',
  srt: '"00:00:01,000 --> 00:00:04,000"',
};

export function timingExample(kind: CueKind): string {
  return EXAMPLE[kind];
}

/** Parses the timing line at 1-based source line n. */
export function parseTiming(n: number, line: string, kind: CueKind): { startMs: number; endMs: number } {
  const m = /^\s*(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+.*)?$/u.exec(line);
  if (!m) fail(n, `This timing line is malformed: ${quote(line)}. Expected ${EXAMPLE[kind]}.`);
  const read = kind === 'vtt' ? parseVttTime : parseSrtTime;
  const time = (text: string, which: string): number => {
    const t: TimeResult = read(text);
    if (!t.ok) fail(n, `The cue's ${which} time ${quote(text)} is not valid: ${t.reason}.`);
    return t.ms;
  };
  const startMs = time(m[1], 'start');
  const endMs = time(m[2], 'end');
  if (endMs < startMs) {
    fail(n, `This cue ends (${formatMs(endMs)}) before it starts (${formatMs(startMs)}).`);
  }
  return { startMs, endMs };
}

/** Cue text lines with their source line numbers; a timing line among them means a missing blank line. */
export function cueTextLines(block: Block, from: number): Array<{ n: number; text: string }> {
  return block.lines.slice(from).map((text, k) => {
    const n = block.n + from + k;
    if (looksLikeTiming(text)) {
      fail(n, `A timing line inside a cue's text: ${quote(text)}. Is a blank line missing before it?`);
    }
    return { n, text };
  });
}
