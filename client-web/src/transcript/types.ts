// The shape of an imported transcript. Everything here stays in the
// presenter's browser until redact() has replaced the hidden names.

export type TranscriptFormat = 'text' | 'vtt' | 'srt' | 'otter';
export type FormatChoice = 'auto' | TranscriptFormat;

export interface TranscriptLine {
  /** 1-based line of the source file where this cue or line started. */
  n: number;
  speaker: string;
  startMs: number | null;
  endMs: number | null;
  text: string;
}

export interface ParseError {
  /** 1-based line of the source file that is wrong. */
  line: number;
  message: string;
}

export type ParseResult =
  | { ok: true; format: TranscriptFormat; lines: TranscriptLine[]; speakers: string[] }
  | { ok: false; error: ParseError };
