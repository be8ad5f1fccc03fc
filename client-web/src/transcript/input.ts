// Turns whatever the presenter pasted or opened into clean lines: no BOM, one
// kind of line ending, NFC so that "José" typed two ways is one name, and a
// refusal of anything that is not text.

import { fail } from './errors';
import { lineOverByteLimit, limitMessages } from './limits';

const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/;

export const BINARY_MESSAGE =
  'The file contains binary data (a NUL byte), not text. Export the transcript as .txt, .vtt or .srt.';

/** BOM stripped, CRLF and lone CR turned into LF, NFC. Never fails. */
export function normaliseText(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.replace(/\r\n?/g, '\n').normalize('NFC');
}

/** The input's lines, or a ParseFailure for an empty, binary or oversized input. */
export function prepareInput(text: string): string[] {
  const tooBig = lineOverByteLimit(text);
  if (tooBig !== null) fail(tooBig, limitMessages.inputBytes());

  const clean = normaliseText(text);
  const nul = clean.indexOf('\u0000');
  if (nul !== -1) {
    fail(lineOfIndex(clean, nul), BINARY_MESSAGE);
  }
  const bad = CONTROL.exec(clean);
  if (bad) {
    const line = lineOfIndex(clean, bad.index);
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    fail(line, `The file contains a control character (U+${code}) that does not belong in a text transcript.`);
  }
  if (clean.trim() === '') fail(1, 'The file is empty: there is no transcript in it.');
  return clean.split('\n');
}

function lineOfIndex(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
