// A broken file is refused as a whole, with the exact line that is wrong and
// what is wrong with it in words a presenter can act on.

import { expect, test } from '@playwright/test';
import { decodeTranscriptBytes, formatParseError, parseTranscript, type FormatChoice } from '../../src/transcript';
import { sample } from './samples';

const cases: Array<{ file: string; format?: FormatChoice; line: number; says: RegExp }> = [
  { file: 'bad-arrow.vtt', line: 8, says: /timing line is malformed.*-->/ },
  { file: 'end-before-start.vtt', line: 8, says: /ends \(00:00:07\.250\) before it starts \(00:00:09\.000\)/ },
  { file: 'missing-blank.vtt', line: 7, says: /timing line inside a cue.*blank line missing/ },
  { file: 'no-header.vtt', format: 'vtt', line: 1, says: /must start with "WEBVTT"/ },
  { file: 'bad-time.srt', line: 6, says: /end time "00:00:6,500" is not valid/ },
  { file: 'missing-number.srt', line: 9, says: /Expected a cue number.*"Sometimes I help Devon\."/ },
  { file: 'no-speaker.txt', line: 3, says: /Text before any speaker/ },
  { file: 'bad-timestamp.txt', line: 3, says: /"00:61:10" is not valid: minutes must be 00–59/ },
  { file: 'otter-bad-time.txt', line: 4, says: /"0:75".*seconds must be 00–59/ },
  { file: 'otter-no-heading.txt', format: 'otter', line: 2, says: /Text before the first speaker heading/ },
  { file: 'empty.txt', line: 1, says: /empty/ },
  { file: 'binary.txt', line: 4, says: /binary data \(a NUL byte\)/ },
];

for (const c of cases) {
  test(`${c.file} is refused at line ${c.line}`, () => {
    const r = parseTranscript(sample(c.file), c.format ?? 'auto');
    expect(r).toEqual({ ok: false, error: { line: c.line, message: expect.stringMatching(c.says) } });
    expect(Object.keys(r)).toEqual(['ok', 'error']); // nothing partial rides along
  });
}

test('a VTT cue identifier with no timing line after it names that line', () => {
  const r = parseTranscript('WEBVTT\n\nintro\nElena Rivera: hi\n');
  expect(r).toEqual({ ok: false, error: { line: 4, message: expect.stringMatching(/Expected a cue timing line/) } });
});

test('an SRT cue number with no timing line after it names the line where the timing belongs', () => {
  const r = parseTranscript('1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\nMaya: hello\n');
  expect(r).toEqual({
    ok: false,
    error: { line: 6, message: expect.stringMatching(/Expected a timing line.*cue number 2/) },
  });
});

test('a file with a header and no cues has no transcript lines', () => {
  const r = parseTranscript('WEBVTT\n\nNOTE nothing was said\n');
  expect(r).toEqual({ ok: false, error: { line: 1, message: expect.stringMatching(/no transcript lines/) } });
});

test('a control character other than NUL is refused at its line', () => {
  const r = parseTranscript('Maya: one\nMaya: two \u001b[0m\n');
  expect(r).toEqual({ ok: false, error: { line: 2, message: expect.stringContaining('U+001B') } });
});

test('formatParseError puts the line in front for a notice', () => {
  expect(formatParseError({ line: 7, message: 'Something is off.' })).toBe('Line 7: Something is off.');
});

test('decodeTranscriptBytes: UTF-8, UTF-16 with BOM, Windows-1252 fallback, NUL refused at its line', () => {
  const utf8 = new TextEncoder().encode('Tomás: hola\n');
  expect(decodeTranscriptBytes(utf8)).toEqual({ ok: true, text: 'Tomás: hola\n' });

  const utf16 = new Uint8Array([0xff, 0xfe, ...[...'Sam: hi'].flatMap((ch) => [ch.charCodeAt(0), 0])]);
  expect(decodeTranscriptBytes(utf16)).toEqual({ ok: true, text: 'Sam: hi' });

  const cp1252 = new Uint8Array([...new TextEncoder().encode('Tom'), 0xe1, ...new TextEncoder().encode('s: hola')]);
  expect(decodeTranscriptBytes(cp1252)).toEqual({ ok: true, text: 'Tomás: hola' });

  const binary = new Uint8Array([...new TextEncoder().encode('a: b\nc: d\n'), 0x00, 0x01]);
  expect(decodeTranscriptBytes(binary)).toEqual({
    ok: false,
    error: { line: 3, message: expect.stringMatching(/NUL/) },
  });
});
