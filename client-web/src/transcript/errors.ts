// Parsers stop at the first problem by throwing a ParseFailure, so that
// parseTranscript() can never hand back half a transcript.

import type { ParseError } from './types';

export class ParseFailure extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }

  toParseError(): ParseError {
    return { line: this.line, message: this.message };
  }
}

export function fail(line: number, message: string): never {
  throw new ParseFailure(line, message);
}

/** "Line 12: …", for a notice in the UI. */
export function formatParseError(error: ParseError): string {
  return `Line ${error.line}: ${error.message}`;
}

/** A snippet of a source line for an error message, cut short if long. */
export function quote(text: string, max = 60): string {
  const s = text.trim();
  return `"${s.length > max ? `${s.slice(0, max)}…` : s}"`;
}
