// Plain text: "Speaker: words", one utterance per line, optionally with a
// leading time ("[00:01:23]", "(1:23)", "00:01:23", "1:23 -") or a time after
// the name ("Maya (0:42): …"). A line with no speaker continues the one before.

import type { TranscriptBuilder } from '../builder';
import { fail, quote } from '../errors';
import { cleanSpeaker, looksLikeSpeaker, splitSpeakerPrefix } from '../speaker-label';
import { CLOCK_SOURCE, parseClock } from '../timestamps';

const LEADING_TIME = new RegExp(
  String.raw`^\s*(?:\[(${CLOCK_SOURCE})\]|\((${CLOCK_SOURCE})\)|(${CLOCK_SOURCE})(?=\s))\s*(?:[-–—]\s+)?`,
  'u',
);
const NAME_THEN_TIME = new RegExp(String.raw`^([^:[\]()]+?)\s*[[(](${CLOCK_SOURCE})[\])]\s*:(?:\s+([\s\S]*))?$`, 'u');

interface Stamped {
  ms: number | null;
  rest: string;
}

/**
 * Strips a leading time; a time that is there but impossible is an error on
 * line n. On a continuation line a bare number like "10:30 is when…" is more
 * likely words than a stamp, so only a bracketed or dashed time is removed.
 */
function leadingTime(n: number, line: string, continuation = false): Stamped {
  const m = LEADING_TIME.exec(line);
  if (!m) return { ms: null, rest: line };
  if (continuation && m[3] !== undefined && !/[-–—]\s*$/u.test(m[0])) return { ms: null, rest: line };
  return { ms: clock(n, m[1] ?? m[2] ?? m[3]), rest: line.slice(m[0].length) };
}

function clock(n: number, text: string): number {
  const t = parseClock(text);
  if (!t.ok) fail(n, `The time ${quote(text)} is not valid: ${t.reason}.`);
  return t.ms;
}

/** One source line read as a speaker line, or null if it has no speaker. */
export function readSpeakerLine(n: number, line: string): { speaker: string; ms: number | null; rest: string } | null {
  const lead = leadingTime(n, line);
  const timed = NAME_THEN_TIME.exec(lead.rest.trim());
  if (timed && looksLikeSpeaker(timed[1], true)) {
    return { speaker: cleanSpeaker(timed[1]), ms: lead.ms ?? clock(n, timed[2]), rest: timed[3] ?? '' };
  }
  const split = splitSpeakerPrefix(lead.rest, true);
  return split ? { speaker: split.speaker, ms: lead.ms, rest: split.rest } : null;
}

export function parsePlain(lines: string[], out: TranscriptBuilder): void {
  lines.forEach((line, i) => {
    const n = i + 1;
    if (line.trim() === '') return;
    const said = readSpeakerLine(n, line);
    if (said) {
      out.start(n, said.speaker, said.ms, null, said.rest);
      return;
    }
    if (!out.hasOpenLine) {
      fail(n, `Text before any speaker: ${quote(line)}. Each line should start with a name, like "Maya: …".`);
    }
    out.append(n, leadingTime(n, line, true).rest);
  });
}
