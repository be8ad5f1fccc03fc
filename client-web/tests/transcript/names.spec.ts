// Name suggestions: every speaker and the capitalised words that read like
// names, never sentence starts or common capitalised words.

import { expect, test } from '@playwright/test';
import { foldName, parseTranscript, suggestNames, type TranscriptLine } from '../../src/transcript';
import { sample } from './samples';

function parsed(text: string): TranscriptLine[] {
  const r = parseTranscript(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.lines;
}

const names = (lines: TranscriptLine[]) => suggestNames(lines).map((s) => s.name);

test('speakers and in-text names are suggested, ranked by how often they occur', () => {
  const s = suggestNames(parsed(sample('plain.txt')));
  expect(s[0]).toEqual({ name: 'Maya', count: 5, source: 'speaker' });
  expect(s.map((x) => x.name)).toEqual(expect.arrayContaining(['Ms. Rivera', 'Rivera', 'Maya', 'Devon', 'Okafor']));
  expect(s.find((x) => x.name === 'Rivera')).toEqual({
    name: 'Rivera',
    count: 4,
    source: 'speaker',
    partOf: 'Ms. Rivera',
  });
  expect(s.find((x) => x.name === 'Devon')).toEqual({ name: 'Devon', count: 2, source: 'text' });
  const counts = s.map((x) => x.count);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
});

test('a speaker is split into its parts and kept whole; titles and role labels are not names', () => {
  const lines = parsed('Jordan Lee: Hi.\nMs. Rivera: Hello.\nTeacher: Welcome.\nSpeaker 2: Yes.\nStudent A: Hi.\n');
  const s = suggestNames(lines);
  expect(s.map((x) => [x.name, x.partOf])).toEqual(
    expect.arrayContaining([
      ['Jordan Lee', undefined],
      ['Jordan', 'Jordan Lee'],
      ['Lee', 'Jordan Lee'],
      ['Ms. Rivera', undefined],
      ['Rivera', 'Ms. Rivera'],
    ]),
  );
  for (const notAName of ['Teacher', 'Speaker 2', 'Student A', 'Ms', 'Ms.', 'Hi', 'Hello', 'Welcome', 'Yes']) {
    expect(names(lines)).not.toContain(notAName);
  }
});

test('sentence starts, stop words, all-caps words and "I" are not suggested', () => {
  const lines = parsed(
    'Sam: Homework takes forever. On Monday I asked Kenji, and in March we read about NASA. ' +
      'Okay, so. "Maybe," I said. Then Mr. Chen helped. Yeah, Priya too!',
  );
  const got = names(lines);
  expect(got).toEqual(expect.arrayContaining(['Sam', 'Kenji', 'Chen', 'Priya']));
  for (const word of ['Homework', 'On', 'Monday', 'I', 'March', 'NASA', 'Okay', 'Maybe', 'Then', 'Mr', 'Yeah']) {
    expect(got).not.toContain(word);
  }
});

test('a run of capitalised words is suggested whole and in parts, even when it opens a sentence', () => {
  const got = suggestNames(parsed('Sam: Maya Lopez sits next to me. I told Maya Lopez about it.'));
  expect(got.map((x) => [x.name, x.partOf])).toEqual(
    expect.arrayContaining([
      ['Maya Lopez', undefined],
      ['Maya', 'Maya Lopez'],
      ['Lopez', 'Maya Lopez'],
    ]),
  );
  expect(got.find((x) => x.name === 'Maya Lopez')?.count).toBe(2);
});

test('suggestions are deduplicated case-insensitively, keeping the speaker spelling', () => {
  const s = suggestNames(parsed('maya: hi\nSam: I saw Maya and MAYA and Maya’s bag.\n'));
  expect(s.filter((x) => x.name.toLowerCase() === 'maya')).toEqual([{ name: 'maya', count: 4, source: 'speaker' }]);
});

test('names with accents, apostrophes and hyphens are whole names', () => {
  const got = names(parsed("Sam: I sat with Tomás, Siobhán O'Neill and Ana-Lucía today."));
  expect(got).toEqual(expect.arrayContaining(['Tomás', "Siobhán O'Neill", 'Ana-Lucía']));
});

test('every sample yields its speakers among the suggestions', () => {
  for (const file of ['plain.txt', 'zoom.vtt', 'teams.vtt', 'rivera.srt', 'otter.txt']) {
    const r = parseTranscript(sample(file));
    if (!r.ok) throw new Error(file);
    const got = names(r.lines);
    for (const speaker of r.speakers.filter((x) => x !== 'Unknown')) expect(got, file).toContain(speaker);
    expect(got, file).not.toContain('Unknown');
  }
});

test('variants of a name in accents and case are one suggestion, counted together', () => {
  const s = suggestNames(parsed('Zoë: Hi.\nJosé: Hello.\nSam: I sat with Zoe, ZOË and Jose. Zoe’s bag.\n'));
  expect(s.filter((x) => foldName(x.name) === 'zoe')).toEqual([{ name: 'Zoë', count: 4, source: 'speaker' }]);
  expect(s.filter((x) => foldName(x.name) === 'jose')).toEqual([{ name: 'José', count: 2, source: 'speaker' }]);
});

test('a known first name that only starts sentences or is in capitals is suggested, flagged as such', () => {
  const s = suggestNames(
    parsed('Sam: Homework is hard. Mariana said so. "Grace, come here." I saw PRIYA. Fractions again.'),
  );
  expect(s.find((x) => x.name === 'Mariana')).toEqual({
    name: 'Mariana',
    count: 1,
    source: 'text',
    onlySentenceStarts: true,
  });
  expect(s.find((x) => x.name === 'Grace')).toEqual({
    name: 'Grace',
    count: 1,
    source: 'text',
    onlySentenceStarts: true,
  });
  expect(s.find((x) => x.name === 'PRIYA')).toEqual({
    name: 'PRIYA',
    count: 1,
    source: 'text',
    onlySentenceStarts: true,
  });
  for (const word of ['Homework', 'Fractions', 'I']) expect(names(parsed(`Sam: ${word} again.`))).not.toContain(word);
});

test('a word-like name is counted only where it may be the name, and flagged when the word is also used', () => {
  const s = suggestNames(parsed('Sam: Will you help? I will. Grace helped. I asked Hope, I hope.'));
  expect(s.find((x) => x.name === 'Will')).toEqual({
    name: 'Will',
    count: 1,
    source: 'text',
    onlySentenceStarts: true,
    alsoAWord: true,
  });
  expect(s.find((x) => x.name === 'Grace')).toEqual({
    name: 'Grace',
    count: 1,
    source: 'text',
    onlySentenceStarts: true,
  });
  expect(s.find((x) => x.name === 'Hope')).toEqual({ name: 'Hope', count: 1, source: 'text', alsoAWord: true });
});

test('a word-like name capitalised mid-sentence is suggested even when the word is a stop word', () => {
  const got = names(parsed('Sam: I told Will and Summer. In May we start; Art is on Monday.'));
  expect(got).toEqual(expect.arrayContaining(['Will', 'Summer']));
  for (const word of ['May', 'Art', 'Monday', 'In']) expect(got).not.toContain(word);
});
