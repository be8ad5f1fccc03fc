// Times as transcripts write them. Cue times (WebVTT, SRT) have a fixed
// shape; clock times in plain text and Otter exports are looser (m:ss or
// h:mm:ss). Each parser returns milliseconds, or a reason a person can act on.

export type TimeResult = { ok: true; ms: number } | { ok: false; reason: string };

const CLOCK = /^(?:(\d{1,2}):)?(\d{1,3}):(\d{2})(?:[.,](\d{1,3}))?$/;
const VTT_TIME = /^(?:(\d{2,}):)?(\d{2}):(\d{2})\.(\d{3})$/;
const SRT_TIME = /^(\d{1,3}):(\d{2}):(\d{2})[,.](\d{1,3})$/;

/** A regex source for a clock time in plain text or an Otter heading. */
export const CLOCK_SOURCE = String.raw`\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?`;

function fromParts(h: number, m: number, s: number, frac: string | undefined, shape: string): TimeResult {
  // In m:ss the minutes may run past 59 ("75:10"); with hours they may not.
  if (m > 59 && shape !== 'm:ss') return { ok: false, reason: `minutes must be 00–59 (expected ${shape})` };
  if (s > 59) return { ok: false, reason: `seconds must be 00–59 (expected ${shape})` };
  const ms = frac ? Number(frac.padEnd(3, '0')) : 0;
  return { ok: true, ms: ((h * 60 + m) * 60 + s) * 1000 + ms };
}

/** "1:23", "01:23", "0:01:23", "00:01:23.5". */
export function parseClock(text: string): TimeResult {
  const m = CLOCK.exec(text.trim());
  if (!m) return { ok: false, reason: 'expected a time like 1:23 or 00:01:23' };
  const shape = m[1] === undefined ? 'm:ss' : 'h:mm:ss';
  return fromParts(Number(m[1] ?? 0), Number(m[2]), Number(m[3]), m[4], shape);
}

export function parseVttTime(text: string): TimeResult {
  const m = VTT_TIME.exec(text);
  if (!m) return { ok: false, reason: 'expected hh:mm:ss.ttt, e.g. 00:01:23.450' };
  return fromParts(Number(m[1] ?? 0), Number(m[2]), Number(m[3]), m[4], 'hh:mm:ss.ttt');
}

/** SRT writes a comma before the milliseconds; some tools write a dot. Both are read. */
export function parseSrtTime(text: string): TimeResult {
  const m = SRT_TIME.exec(text);
  if (!m) return { ok: false, reason: 'expected hh:mm:ss,ttt, e.g. 00:01:23,450' };
  return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), m[4], 'hh:mm:ss,ttt');
}

/** "00:01:23.450" for messages. */
export function formatMs(ms: number): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const s = Math.floor(ms / 1000);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${pad(ms % 1000, 3)}`;
}
