// WebVTT as Zoom and Microsoft Teams export it: a WEBVTT header, then cues
// (optional identifier — Zoom numbers them, Teams uses GUID-like ids — a
// timing line, then text). NOTE, STYLE and REGION blocks are skipped.

import type { TranscriptBuilder } from '../builder';
import { fail, quote } from '../errors';
import { cueSegments } from './cue-text';
import { cueTextLines, looksLikeTiming, parseTiming, splitBlocks, timingExample, type Block } from './cues';

const HEADER = /^WEBVTT(?:[ \t].*)?$/u;
const SKIPPED = /^(?:NOTE(?:[ \t].*)?|STYLE[ \t]*|REGION[ \t]*)$/u;

/** Index of the first line after the header block; start is the header's index. */
function headerEnd(lines: string[], start: number): number {
  if (!HEADER.test(lines[start])) {
    fail(start + 1, `A WebVTT file must start with "WEBVTT"; this one starts with ${quote(lines[start])}.`);
  }
  let i = start + 1;
  for (; i < lines.length && lines[i].trim() !== ''; i++) {
    if (looksLikeTiming(lines[i])) {
      fail(i + 1, 'A cue right after the WEBVTT header: a blank line must separate them.');
    }
  }
  return i;
}

function readCue(block: Block, out: TranscriptBuilder): void {
  const timingAt = looksLikeTiming(block.lines[0]) ? 0 : 1;
  if (timingAt === 1 && (block.lines.length < 2 || !looksLikeTiming(block.lines[1]))) {
    const n = block.n + (block.lines.length < 2 ? 0 : 1);
    const found = block.lines.length < 2 ? block.lines[0] : block.lines[1];
    fail(n, `Expected a cue timing line like ${timingExample('vtt')}, found ${quote(found)}.`);
  }
  const { startMs, endMs } = parseTiming(block.n + timingAt, block.lines[timingAt], 'vtt');
  for (const seg of cueSegments(block.n, cueTextLines(block, timingAt + 1))) {
    out.start(seg.n, seg.speaker, startMs, endMs, seg.text);
  }
}

export function parseVtt(lines: string[], out: TranscriptBuilder): void {
  // Blank lines before the header are tolerated; prepareInput guarantees some text.
  const end = headerEnd(
    lines,
    lines.findIndex((l) => l.trim() !== ''),
  );
  for (const block of splitBlocks(lines, end)) {
    if (!SKIPPED.test(block.lines[0].trim())) readCue(block, out);
  }
}
