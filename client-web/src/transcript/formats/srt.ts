// SubRip: numbered cues, "00:00:01,000 --> 00:00:04,000", then text, which
// may start with "Name: ". Without a name the speaker is "Unknown".

import type { TranscriptBuilder } from '../builder';
import { fail, quote } from '../errors';
import { cueSegments } from './cue-text';
import { cueTextLines, looksLikeTiming, parseTiming, splitBlocks, timingExample } from './cues';

export function parseSrt(lines: string[], out: TranscriptBuilder): void {
  for (const block of splitBlocks(lines)) {
    const first = block.lines[0].trim();
    // Some tools leave out the cue number; the timing line alone is enough.
    const timingAt = looksLikeTiming(first) ? 0 : 1;
    if (timingAt === 1 && !/^\d+$/u.test(first)) {
      const hint = 'Is there a blank line inside a cue?';
      fail(block.n, `Expected a cue number (the start of a new subtitle), found ${quote(first)}. ${hint}`);
    }
    const timing = block.lines[timingAt];
    if (timing === undefined || !looksLikeTiming(timing)) {
      const n = block.n + (timing === undefined ? 0 : 1);
      const found = timing === undefined ? 'nothing' : quote(timing);
      fail(n, `Expected a timing line like ${timingExample('srt')} after cue number ${first}, found ${found}.`);
    }
    const { startMs, endMs } = parseTiming(block.n + timingAt, timing, 'srt');
    for (const seg of cueSegments(block.n, cueTextLines(block, timingAt + 1))) {
      out.start(seg.n, seg.speaker, startMs, endMs, seg.text);
    }
  }
}
