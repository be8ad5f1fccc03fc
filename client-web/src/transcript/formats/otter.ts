// Otter.ai's text export: a heading "Name  0:03" (a name, then m:ss or
// h:mm:ss), then one or more paragraphs until the next heading. A heading
// follows a blank line (or opens the file), which keeps a sentence ending in
// a time, such as "We met at 3:30", from being read as one.

import type { TranscriptBuilder } from '../builder';
import { fail, quote } from '../errors';
import { cleanSpeaker, looksLikeSpeaker } from '../speaker-label';
import { CLOCK_SOURCE, parseClock } from '../timestamps';

const HEADING = new RegExp(String.raw`^\s*(\S.*?)\s+(${CLOCK_SOURCE})\s*$`, 'u');
const FOOTER = /^\s*Transcribed by\s+https?:\/\/otter\.ai\S*\s*$/iu;

/** The heading on this line, if it is one; an impossible time is an error on line n. */
export function readOtterHeading(n: number, line: string): { speaker: string; ms: number } | null {
  const m = HEADING.exec(line);
  if (!m || m[1].endsWith(':') || !looksLikeSpeaker(m[1], true)) return null;
  const t = parseClock(m[2]);
  if (!t.ok) fail(n, `The time ${quote(m[2])} in this speaker heading is not valid: ${t.reason}.`);
  return { speaker: cleanSpeaker(m[1]), ms: t.ms };
}

export function parseOtter(lines: string[], out: TranscriptBuilder): void {
  let afterBlank = true;
  lines.forEach((line, i) => {
    const n = i + 1;
    if (line.trim() === '') {
      afterBlank = true;
      return;
    }
    const heading = afterBlank ? readOtterHeading(n, line) : null;
    afterBlank = false;
    if (heading) {
      out.start(n, heading.speaker, heading.ms, null, '');
    } else if (FOOTER.test(line)) {
      return;
    } else if (!out.hasOpenLine) {
      const hint = 'Otter exports start with a line like "Maya  0:00".';
      fail(n, `Text before the first speaker heading: ${quote(line)}. ${hint}`);
    } else {
      out.append(n, line);
    }
  });
}
