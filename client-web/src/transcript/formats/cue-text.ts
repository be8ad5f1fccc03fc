// The text of one caption cue, shared by WebVTT and SRT. Teams marks the
// speaker with a voice span ("<v Jordan Lee>…</v>"), Zoom with a "Name: "
// prefix; anything else is "Unknown". A cue holding several voice spans
// becomes several transcript lines.

import { cleanSpeaker, splitSpeakerPrefix } from '../speaker-label';

export const UNKNOWN_SPEAKER = 'Unknown';

export interface CueSegment {
  n: number;
  speaker: string;
  text: string;
}

const VOICE = /<v(?:\.[^\s>]*)*(?:[ \t]+([^>]*))?>/gu;
const TAG = /<[^>]*>|\{\\[^}]*\}/gu;
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  lrm: '',
  rlm: '',
};

function plainText(raw: string): string {
  return raw
    .replace(TAG, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (all, name: string) => {
      const lower = name.toLowerCase();
      if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
      if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
      return ENTITIES[lower] ?? all;
    })
    .replace(/\s+/gu, ' ')
    .trim();
}

interface Open {
  n: number;
  voice: string | null;
  parts: string[];
}

/**
 * cueStart: the 1-based source line where the cue starts (its identifier or
 * timing line), which numbers the cue's first transcript line; a further
 * voice in the same cue is numbered by the line its span starts on.
 * textLines: the cue's text lines with their source line numbers.
 */
export function cueSegments(cueStart: number, textLines: Array<{ n: number; text: string }>): CueSegment[] {
  const open: Open[] = [];
  const add = (n: number, piece: string) => {
    if (!plainText(piece)) return;
    if (open.length === 0) open.push({ n, voice: null, parts: [] });
    open[open.length - 1].parts.push(piece);
  };
  for (const { n, text } of textLines) {
    let last = 0;
    for (const m of text.matchAll(VOICE)) {
      add(n, text.slice(last, m.index));
      open.push({ n, voice: cleanSpeaker(plainText(m[1] ?? '')) || null, parts: [] });
      last = m.index + m[0].length;
    }
    add(n, text.slice(last));
  }
  if (open.length > 0) open[0].n = cueStart;
  const segments: CueSegment[] = [];
  for (const seg of open) {
    const text = plainText(seg.parts.join(' '));
    if (!text) continue;
    if (seg.voice) {
      segments.push({ n: seg.n, speaker: seg.voice, text });
      continue;
    }
    const split = splitSpeakerPrefix(text, false);
    segments.push(
      split && split.rest
        ? { n: seg.n, speaker: split.speaker, text: split.rest }
        : { n: seg.n, speaker: UNKNOWN_SPEAKER, text },
    );
  }
  return segments;
}
