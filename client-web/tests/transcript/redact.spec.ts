// Redaction: every hidden name becomes its pseudonym — any case, any
// apostrophe, whole words only, longest first, in speakers and text — and
// findRemaining() proves nothing was missed.

import { expect, test } from '@playwright/test';
import {
  buildPseudonyms,
  findRemaining,
  letterLabel,
  parseTranscript,
  redact,
  speakersOf,
  suggestNames,
  type HiddenName,
  type TranscriptLine,
} from '../../src/transcript';
import { sample } from './samples';

const line = (text: string, speaker = 'Sam', n = 1): TranscriptLine => ({
  n,
  speaker,
  startMs: null,
  endMs: null,
  text,
});
const redactText = (text: string, hidden: HiddenName[]) => redact([line(text)], hidden)[0].text;

const maya: HiddenName[] = [{ name: 'Maya', pseudonym: 'Student A' }];

test('replacement is case-insensitive, and a name in capitals gets a pseudonym in capitals', () => {
  expect(redactText('Maya, maya and MAYA.', maya)).toBe('Student A, Student A and STUDENT A.');
});

test("possessives keep their apostrophe: Maya's, Maya’s, Mayas', James'", () => {
  expect(redactText("Maya's book and Maya’s pen", maya)).toBe("Student A's book and Student A’s pen");
  expect(redactText("the Mayas' table", maya)).toBe("the Student A's table");
  expect(redactText("James' idea", [{ name: 'James', pseudonym: 'Student B' }])).toBe("Student B's idea");
  expect(redactText("she wrote 'Maya' on it", maya)).toBe("she wrote 'Student A' on it");
});

test('a name inside another word is left alone', () => {
  const ana: HiddenName[] = [{ name: 'Ana', pseudonym: 'Student C' }];
  expect(redactText('Ana ate a banana with Anastasia and Ana’s sister, Mariana.', ana)).toBe(
    'Student C ate a banana with Anastasia and Student C’s sister, Mariana.',
  );
  expect(redactText('Mayan art, Mayas, and Maya2 are not Maya', maya)).toBe(
    'Mayan art, Mayas, and Maya2 are not Student A',
  );
});

test('accented letters count as word characters, and composed or decomposed spellings both match', () => {
  const jose: HiddenName[] = [{ name: 'José', pseudonym: 'Student D' }];
  expect(redactText('José, Josélito and JOSÉ', jose)).toBe('Student D, Josélito and STUDENT D');
  expect(redactText('Jose\u0301 was late', jose)).toBe('Student D was late');
  expect(redactText('Renée, not Renéeka', [{ name: 'Rene\u0301e', pseudonym: 'Student E' }])).toBe(
    'Student E, not Renéeka',
  );
});

test('longer names are replaced before the shorter names inside them', () => {
  const hidden: HiddenName[] = [
    { name: 'Maya', pseudonym: 'Student B' },
    { name: 'Maya Lopez', pseudonym: 'Student A' },
  ];
  expect(redactText('Maya Lopez and Maya Chen; maya  lopez again', hidden)).toBe(
    'Student A and Student B Chen; Student A again',
  );
});

test('a title written with or without its dot is part of the hidden name', () => {
  const hidden: HiddenName[] = [{ name: 'Ms. Rivera', pseudonym: 'Teacher' }];
  expect(redactText('Ms. Rivera, Ms Rivera and ms. rivera; Rivera alone is another name', hidden)).toBe(
    'Teacher, Teacher and Teacher; Rivera alone is another name',
  );
});

test('straight and curly apostrophes inside a name are the same name', () => {
  expect(redactText("O’Neill and O'Neill", [{ name: "O'Neill", pseudonym: 'Student F' }])).toBe(
    'Student F and Student F',
  );
});

test('speaker fields are redacted too, and the other fields are untouched', () => {
  const lines: TranscriptLine[] = [
    { n: 3, speaker: 'Maya Lopez', startMs: 1_000, endMs: 2_000, text: 'Hi, Ms. Rivera.' },
    { n: 7, speaker: 'Ms. Rivera', startMs: 2_000, endMs: 3_000, text: 'Hi Maya.' },
  ];
  const hidden = buildPseudonyms([
    { names: ['Maya Lopez', 'Maya', 'Lopez'], role: 'student' },
    { names: ['Ms. Rivera', 'Rivera'], role: 'teacher' },
  ]);
  const out = redact(lines, hidden);
  expect(out).toEqual([
    { n: 3, speaker: 'Student A', startMs: 1_000, endMs: 2_000, text: 'Hi, Teacher.' },
    { n: 7, speaker: 'Teacher', startMs: 2_000, endMs: 3_000, text: 'Hi Student A.' },
  ]);
  expect(speakersOf(out)).toEqual(['Student A', 'Teacher']);
  expect(lines[0].speaker).toBe('Maya Lopez'); // the input is not modified
});

test('default pseudonyms: Student A, B…, Teacher, Colleague A…; every name of a person gets theirs', () => {
  const hidden = buildPseudonyms([
    { names: ['Maya Lopez', 'Maya', 'Lopez'], role: 'student' },
    { names: ['Elena Rivera', 'Rivera'], role: 'teacher' },
    { names: ['Devon'], role: 'student' },
    { names: ['Mr. Okafor', 'Okafor'], role: 'other' },
    { names: ['Priya'], role: 'other' },
  ]);
  expect(hidden).toEqual([
    { name: 'Maya Lopez', pseudonym: 'Student A' },
    { name: 'Maya', pseudonym: 'Student A' },
    { name: 'Lopez', pseudonym: 'Student A' },
    { name: 'Elena Rivera', pseudonym: 'Teacher' },
    { name: 'Rivera', pseudonym: 'Teacher' },
    { name: 'Devon', pseudonym: 'Student B' },
    { name: 'Mr. Okafor', pseudonym: 'Colleague A' },
    { name: 'Okafor', pseudonym: 'Colleague A' },
    { name: 'Priya', pseudonym: 'Colleague B' },
  ]);
});

test('pseudonyms are stable: same input same output, a name keeps its first pseudonym, earlier results are kept', () => {
  const people = [
    { names: ['Maya'], role: 'student' as const },
    { names: ['Devon', 'maya'], role: 'student' as const },
  ];
  const first = buildPseudonyms(people);
  expect(buildPseudonyms(people)).toEqual(first);
  expect(first).toEqual([
    { name: 'Maya', pseudonym: 'Student A' },
    { name: 'Devon', pseudonym: 'Student B' },
  ]);
  // A person added in front does not take Maya's or Devon's letter.
  const again = buildPseudonyms([{ names: ['Priya'], role: 'student' }, ...people], first);
  expect(again).toEqual([
    { name: 'Priya', pseudonym: 'Student C' },
    { name: 'Maya', pseudonym: 'Student A' },
    { name: 'Devon', pseudonym: 'Student B' },
  ]);
});

test('a chosen pseudonym wins, and no default gives a hidden name away', () => {
  expect(
    buildPseudonyms([
      { names: ['Maya'], role: 'student', pseudonym: 'Student B' },
      { names: ['A'], role: 'student' },
      { names: ['Devon'], role: 'student' },
    ]),
  ).toEqual([
    { name: 'Maya', pseudonym: 'Student B' },
    { name: 'A', pseudonym: 'Student C' },
    { name: 'Devon', pseudonym: 'Student D' },
  ]);
  expect([0, 25, 26, 27, 701, 702].map(letterLabel)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
});

test('findRemaining lists each hidden name left in a line, and nothing after redaction', () => {
  const lines = [line("Maya's idea", 'Ms. Rivera', 4), line('ok', 'maya', 9)];
  const hidden = buildPseudonyms([
    { names: ['Maya'], role: 'student' },
    { names: ['Ms. Rivera'], role: 'teacher' },
  ]);
  expect(findRemaining(lines, hidden)).toEqual([
    { name: 'Ms. Rivera', n: 4, field: 'speaker', found: 'Ms. Rivera' },
    { name: 'Maya', n: 4, field: 'text', found: 'Maya' },
    { name: 'Maya', n: 9, field: 'speaker', found: 'maya' },
  ]);
  expect(findRemaining(redact(lines, hidden), hidden)).toEqual([]);
  expect(findRemaining(lines, [])).toEqual([]);
});

test('findRemaining catches a pseudonym that itself contains a hidden name', () => {
  const hidden: HiddenName[] = [{ name: 'Maya', pseudonym: 'Maya L.' }];
  expect(findRemaining(redact([line('Maya said')], hidden), hidden)).toHaveLength(1);
});

test('every sample, with all suggestions hidden, redacts clean and no real name survives', () => {
  for (const file of ['plain.txt', 'zoom.vtt', 'teams.vtt', 'rivera.srt', 'otter.txt']) {
    const r = parseTranscript(sample(file));
    if (!r.ok) throw new Error(file);
    const suggestions = suggestNames(r.lines);
    const people = suggestions.map((s, i) => ({
      names: [s.name],
      role: i === 0 ? ('teacher' as const) : ('student' as const),
    }));
    const hidden = buildPseudonyms(people);
    const out = redact(r.lines, hidden);
    expect(findRemaining(out, hidden), file).toEqual([]);
    const shared = JSON.stringify(out);
    for (const real of [
      'Maya',
      'Lopez',
      'Rivera',
      'Elena',
      'Devon',
      'Okafor',
      'Brandt',
      'Priya',
      'Jordan',
      'Samuel',
      'Ortiz',
      'Tomás',
    ]) {
      expect(shared, `${file}: ${real}`).not.toContain(real);
    }
  }
});
