// Reads a transcript file's bytes into text before parsing: refuses files
// over the size limit without decoding them, recognises UTF-16 (Windows
// "Unicode" text) by its BOM, refuses binary data, and falls back to
// Windows-1252 for older exports that are not valid UTF-8.

import { BINARY_MESSAGE } from './input';
import { limitMessages, MAX_INPUT_BYTES } from './limits';
import type { ParseError } from './types';

export type DecodeResult = { ok: true; text: string } | { ok: false; error: ParseError };

function lineAt(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (bytes[i] === 10) line++;
  return line;
}

export function decodeTranscriptBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length > MAX_INPUT_BYTES) {
    return { ok: false, error: { line: lineAt(bytes, MAX_INPUT_BYTES), message: limitMessages.inputBytes() } };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes) };
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      ok: false,
      error: {
        line: lineAt(bytes, nul),
        message: BINARY_MESSAGE,
      },
    };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: true, text: new TextDecoder('windows-1252').decode(bytes) };
  }
}
