// Collects transcript lines as a parser finds them and enforces the limits
// while they grow, so an error names the source line where a limit was
// actually crossed (a continuation line, not the line the speaker started on).

import { fail } from './errors';
import {
  charCount,
  limitMessages,
  MAX_LINE_CHARS,
  MAX_SPEAKER_CHARS,
  MAX_SPEAKERS,
  MAX_TRANSCRIPT_LINES,
} from './limits';
import type { TranscriptLine } from './types';

interface Open {
  line: TranscriptLine;
  parts: string[];
  chars: number;
}

export class TranscriptBuilder {
  private readonly lines: TranscriptLine[] = [];
  private readonly speakers = new Set<string>();
  private open: Open | null = null;

  get hasOpenLine(): boolean {
    return this.open !== null;
  }

  /** Starts a new transcript line at source line n; text may be empty and added later. */
  start(n: number, speaker: string, startMs: number | null, endMs: number | null, text: string): void {
    this.close();
    const chars = charCount(speaker);
    if (chars > MAX_SPEAKER_CHARS) fail(n, limitMessages.speakerChars(chars));
    this.open = { line: { n, speaker, startMs, endMs, text: '' }, parts: [], chars: 0 };
    this.append(n, text);
  }

  /** Adds words from source line n to the open line, joined with a space. */
  append(n: number, text: string): void {
    const open = this.open;
    if (!open) throw new Error('TranscriptBuilder.append without start');
    const piece = text.replace(/\s+/gu, ' ').trim();
    if (!piece) return;
    open.chars += charCount(piece) + (open.parts.length > 0 ? 1 : 0);
    if (open.chars > MAX_LINE_CHARS) fail(n, limitMessages.lineChars(open.chars));
    open.parts.push(piece);
  }

  /** Closes the open line; a line that ended up with no words is dropped. */
  close(): void {
    const open = this.open;
    this.open = null;
    if (!open || open.parts.length === 0) return;
    const { line } = open;
    if (this.lines.length >= MAX_TRANSCRIPT_LINES) fail(line.n, limitMessages.transcriptLines());
    if (!this.speakers.has(line.speaker)) {
      if (this.speakers.size >= MAX_SPEAKERS) fail(line.n, limitMessages.speakers());
      this.speakers.add(line.speaker);
    }
    this.lines.push({ ...line, text: open.parts.join(' ') });
  }

  finish(): { lines: TranscriptLine[]; speakers: string[] } {
    this.close();
    if (this.lines.length === 0) fail(1, 'The file has no transcript lines: nothing anyone said was found in it.');
    return { lines: this.lines, speakers: [...this.speakers] };
  }
}
