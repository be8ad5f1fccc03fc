// Each supported export parses to the speakers, lines and times a person
// reading the file would see; auto-detection picks the right parser.

import { expect, test } from '@playwright/test';
import { detectFormat, parseTranscript, type ParseResult, type TranscriptLine } from '../../src/transcript';
import { sample } from './samples';

function ok(result: ParseResult) {
  if (!result.ok) throw new Error(`expected success, got line ${result.error.line}: ${result.error.message}`);
  return result;
}

const brief = (lines: TranscriptLine[]) => lines.map((l) => [l.n, l.speaker, l.startMs, l.endMs]);

test('plain text: speakers, leading timestamps in every style, continuation lines joined', () => {
  const r = ok(parseTranscript(sample('plain.txt')));
  expect(r.format).toBe('text');
  expect(r.speakers).toEqual(['Ms. Rivera', 'Maya']);
  expect(brief(r.lines)).toEqual([
    [1, 'Ms. Rivera', 4_000, null],
    [2, 'Maya', 11_000, null],
    [4, 'Ms. Rivera', 19_000, null],
    [5, 'Maya', 24_000, null],
    [8, 'Ms. Rivera', 101_000, null],
    [9, 'Maya', null, null],
    [10, 'Ms. Rivera', null, null],
  ]);
  expect(r.lines[0].text).toBe(
    "Thanks for staying a few minutes, Maya. I'd like to hear how the fractions unit is going for you.",
  );
  expect(r.lines[3].text).toBe(
    'I never know where to put the marks. Devon says you just count the spaces but I count the lines.',
  );
});

test('plain text: a time after the name, h:mm:ss with fractions, and a colon inside a sentence', () => {
  const r = ok(parseTranscript('Jordan Lee (0:42): We start at 3:30.\nSam [1:02:03.5]: OK: fine.\n'));
  expect(r.lines).toEqual([
    { n: 1, speaker: 'Jordan Lee', startMs: 42_000, endMs: null, text: 'We start at 3:30.' },
    { n: 2, speaker: 'Sam', startMs: 3_723_500, endMs: null, text: 'OK: fine.' },
  ]);
});

test('plain text: a sentence with a colon continues the line instead of inventing a speaker', () => {
  const r = ok(parseTranscript('Maya: I remember what she told me\nI said: no thanks.\n10:30 is when it starts.\n'));
  expect(r.speakers).toEqual(['Maya']);
  expect(r.lines[0].text).toBe('I remember what she told me I said: no thanks. 10:30 is when it starts.');
});

test('Zoom WebVTT: "Name: text" cues, NOTE skipped, multi-line cue text joined', () => {
  const r = ok(parseTranscript(sample('zoom.vtt')));
  expect(r.format).toBe('vtt');
  expect(r.speakers).toEqual(['Elena Rivera', 'Maya Lopez']);
  expect(brief(r.lines)).toEqual([
    [3, 'Elena Rivera', 1_200, 5_900],
    [7, 'Elena Rivera', 5_900, 8_400],
    [11, 'Maya Lopez', 9_050, 10_300],
    [18, 'Elena Rivera', 72_000, 78_750],
    [23, 'Maya Lopez', 79_100, 84_000],
  ]);
  expect(r.lines[3].text).toBe("When you get stuck in math, what's the first thing you do?");
  expect(r.lines.some((l) => l.text.includes('paused'))).toBe(false);
});

test('Teams WebVTT: voice spans give the speaker, GUID ids, STYLE and NOTE skipped, two voices in one cue', () => {
  const r = ok(parseTranscript(sample('teams.vtt')));
  expect(r.format).toBe('vtt');
  expect(r.speakers).toEqual(['Jordan Lee', 'Samuel Ortiz']);
  expect(r.lines).toEqual([
    {
      n: 6,
      speaker: 'Jordan Lee',
      startMs: 740,
      endMs: 4_210,
      text: 'Thanks for coming in, Sam. This will only take five minutes.',
    },
    { n: 10, speaker: 'Samuel Ortiz', startMs: 4_900, endMs: 6_050, text: 'OK.' },
    {
      n: 16,
      speaker: 'Jordan Lee',
      startMs: 6_800,
      endMs: 13_400,
      text: 'What helps you most when the reading gets hard & long?',
    },
    { n: 20, speaker: 'Samuel Ortiz', startMs: 6_800, endMs: 13_400, text: 'Probably reading it out loud with Tomás.' },
  ]);
});

test('SRT: "Name: text" cues, "Unknown" without a name, markup stripped', () => {
  const r = ok(parseTranscript(sample('rivera.srt')));
  expect(r.format).toBe('srt');
  expect(r.speakers).toEqual(['Ms. Rivera', 'Unknown', 'Maya']);
  expect(brief(r.lines)).toEqual([
    [1, 'Ms. Rivera', 2_000, 5_500],
    [5, 'Unknown', 6_100, 9_800],
    [9, 'Ms. Rivera', 10_000, 13_250],
    [14, 'Maya', 62_480, 67_000],
  ]);
  expect(r.lines[1].text).toBe("I guess the story about my abuela's kitchen.");
  expect(r.lines[2].text).toBe('What made that one different? (pause)');
});

test('Otter export: headings with times, paragraphs joined, the otter.ai footer dropped', () => {
  const r = ok(parseTranscript(sample('otter.txt')));
  expect(r.format).toBe('otter');
  expect(r.speakers).toEqual(['Elena Rivera', 'Maya Lopez']);
  expect(brief(r.lines)).toEqual([
    [1, 'Elena Rivera', 3_000, null],
    [4, 'Maya Lopez', 11_000, null],
    [7, 'Elena Rivera', 19_000, null],
    [10, 'Maya Lopez', 22_000, null],
    [14, 'Elena Rivera', 245_000, null],
  ]);
  expect(r.lines[3].text).toBe('I just write it down. Like, in my notebook. Then I forget it by the time we share.');
  expect(r.lines[4].text).toBe('Thank you, Maya. That helps me a lot.');
});

test('Otter export: h:mm:ss headings, and a sentence ending in a time stays text', () => {
  const r = ok(parseTranscript('Jordan Lee  1:00:12\nWhen did you start?\n\nWe met at 3:30\n'));
  expect(r.format).toBe('otter');
  expect(r.lines).toEqual([
    { n: 1, speaker: 'Jordan Lee', startMs: 3_612_000, endMs: null, text: 'When did you start? We met at 3:30' },
  ]);
});

test('CRLF line endings and a BOM parse exactly like the LF original', () => {
  for (const name of ['plain.txt', 'zoom.vtt', 'teams.vtt', 'rivera.srt', 'otter.txt']) {
    const lf = sample(name);
    const crlf = `\ufeff${lf.replace(/\n/g, '\r\n')}`;
    expect(parseTranscript(crlf), name).toEqual(parseTranscript(lf));
  }
});

test('auto-detection picks the right format for every sample', () => {
  expect(detectFormat(sample('plain.txt'))).toBe('text');
  expect(detectFormat(sample('zoom.vtt'))).toBe('vtt');
  expect(detectFormat(sample('teams.vtt'))).toBe('vtt');
  expect(detectFormat(sample('rivera.srt'))).toBe('srt');
  expect(detectFormat(sample('otter.txt'))).toBe('otter');
  expect(detectFormat(`\ufeffWEBVTT\r\n\r\n`)).toBe('vtt');
});

test('a chosen format overrides detection', () => {
  const forced = parseTranscript(sample('plain.txt'), 'vtt');
  expect(forced.ok).toBe(false);
  expect(ok(parseTranscript(sample('otter.txt'), 'otter')).lines).toHaveLength(5);
});

test('the same text always parses to equal results (nothing hidden in module state)', () => {
  expect(parseTranscript(sample('teams.vtt'))).toEqual(parseTranscript(sample('teams.vtt')));
});
