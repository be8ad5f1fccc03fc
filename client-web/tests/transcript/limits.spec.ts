// Every limit refuses the import with the line where it was crossed and the
// limit in plain words; input right at a limit is accepted.

import { expect, test } from '@playwright/test';
import {
  decodeTranscriptBytes,
  MAX_INPUT_BYTES,
  MAX_LINE_CHARS,
  MAX_SPEAKER_CHARS,
  MAX_SPEAKERS,
  MAX_TRANSCRIPT_LINES,
  parseTranscript,
} from '../../src/transcript';

const lines = (count: number) =>
  Array.from({ length: count }, (_, i) => `${i % 2 ? 'Maya' : 'Sam'}: this is line ${i + 1}.`).join('\n');

test('the limits are the ones the product promises', () => {
  expect([MAX_INPUT_BYTES, MAX_TRANSCRIPT_LINES, MAX_LINE_CHARS, MAX_SPEAKER_CHARS, MAX_SPEAKERS]).toEqual([
    1_048_576, 5_000, 2_000, 60, 50,
  ]);
});

test('5,000 transcript lines are accepted, 5,001 are refused at line 5,001', () => {
  const atLimit = parseTranscript(lines(5_000));
  expect(atLimit.ok && atLimit.lines.length).toBe(5_000);
  expect(parseTranscript(lines(5_001))).toEqual({
    ok: false,
    error: { line: 5_001, message: expect.stringContaining('more than 5,000 lines') },
  });
});

test('a line of 2,000 characters is accepted, 2,001 is refused at its line', () => {
  const atLimit = parseTranscript(`Sam: hello\nMaya: ${'a'.repeat(2_000)}\n`);
  expect(atLimit.ok).toBe(true);
  expect(parseTranscript(`Sam: hello\nMaya: ${'a'.repeat(2_001)}\n`)).toEqual({
    ok: false,
    error: { line: 2, message: expect.stringMatching(/2,001 characters.*2,000 characters per line/) },
  });
});

test('characters are counted as a person counts them, not in UTF-16 units', () => {
  const emoji = parseTranscript(`Maya: ${'🙂'.repeat(2_000)}`);
  expect(emoji.ok).toBe(true);
});

test('continuation lines that push a line past 2,000 characters are refused where they cross it', () => {
  const text = `Maya: ${'a'.repeat(1_500)}\n${'b'.repeat(300)}\n${'c'.repeat(300)}\nSam: ok\n`;
  expect(parseTranscript(text)).toEqual({
    ok: false,
    error: { line: 3, message: expect.stringContaining('2,000 characters per line') },
  });
});

/** A valid transcript of exactly `bytes` UTF-8 bytes, with two-byte letters to make bytes ≠ characters. */
function transcriptOfBytes(bytes: number): string {
  const line = `Tomás: ${'é'.repeat(140)}\n`; // 289 bytes
  const size = (s: string) => new TextEncoder().encode(s).length;
  const body = line.repeat(Math.floor((bytes - 100) / size(line)));
  const rest = bytes - size(body) - size('Sam: ');
  return `${body}Sam: ${'x'.repeat(rest)}`;
}

test('1 MiB of input is accepted, 1 MiB + 1 byte is refused on the line that passes the size', () => {
  const atLimit = transcriptOfBytes(MAX_INPUT_BYTES);
  expect(new TextEncoder().encode(atLimit).length).toBe(MAX_INPUT_BYTES);
  expect(parseTranscript(atLimit).ok).toBe(true);

  const over = transcriptOfBytes(MAX_INPUT_BYTES + 1);
  const lastLine = over.split('\n').length;
  expect(parseTranscript(over)).toEqual({
    ok: false,
    error: { line: lastLine, message: expect.stringContaining('larger than 1 MiB (1,048,576 bytes)') },
  });
  expect(decodeTranscriptBytes(new TextEncoder().encode(over))).toEqual({
    ok: false,
    error: { line: lastLine, message: expect.stringContaining('larger than 1 MiB') },
  });
});

test('a speaker name of 61 characters is refused at its line', () => {
  const name = 'Alexandra Montgomery Fitzwilliam Beauregard Wolfeschlegel Day'; // 61
  expect([...name].length).toBe(61);
  expect(parseTranscript(`Sam: hi\n${name}: hello\n`)).toEqual({
    ok: false,
    error: { line: 2, message: expect.stringMatching(/61 characters long.*60 characters/) },
  });
  expect(parseTranscript(`WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v ${name}>hello</v>\n`)).toEqual({
    ok: false,
    error: { line: 3, message: expect.stringContaining('60 characters') },
  });
});

test('50 speakers are accepted, the 51st is refused at the line it first speaks', () => {
  const text = (count: number) => Array.from({ length: count }, (_, i) => `Speaker ${i + 1}: hello`).join('\n');
  const atLimit = parseTranscript(text(50));
  expect(atLimit.ok && atLimit.speakers.length).toBe(50);
  expect(parseTranscript(`${text(51)}\nSpeaker 1: again`)).toEqual({
    ok: false,
    error: { line: 51, message: expect.stringContaining('speaker number 51; the most Debrief accepts is 50') },
  });
});
