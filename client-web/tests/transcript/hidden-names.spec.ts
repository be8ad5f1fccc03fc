// Hidden names in tricky text: accents and case never matter for a true name,
// variants share one pseudonym, names that are common words are replaced only
// where they are names, pseudonyms follow the casing of the text, and the
// guard finds any hidden name or variant left.

import { expect, test } from '@playwright/test';
import {
  buildPseudonyms,
  findOccurrences,
  findRemaining,
  foldName,
  redact,
  type HiddenName,
  type TranscriptLine,
} from '../../src/transcript';

const line = (text: string, speaker = 'Sam', n = 1): TranscriptLine => ({
  n,
  speaker,
  startMs: null,
  endMs: null,
  text,
});
const redactText = (text: string, hidden: HiddenName[], kept?: Set<string>) =>
  redact([line(text)], hidden, kept)[0].text;
const hide = (name: string, pseudonym = 'Student A'): HiddenName[] => [{ name, pseudonym }];

test('a true name is found whatever its accents and case, composed or decomposed', () => {
  const text = 'José, Jose, JOSE, jose, JOSÉ, Jose\u0301, JOSE\u0301 and Jos\u00e9.';
  const want = 'Student A, Student A, STUDENT A, Student A, STUDENT A, Student A, STUDENT A and Student A.';
  expect(redactText(text, hide('José'))).toBe(want);
  expect(redactText(text, hide('Jose'))).toBe(want);
  expect(redactText(text, hide('Jose\u0301'))).toBe(want);
  expect(redactText(text, hide('JOSÉ'))).toBe(want);
});

test('the output is NFC whatever the input', () => {
  const out = redactText('Rene\u0301e met Zoe\u0308 at the cafe\u0301', hide('Zoë'));
  expect(out).toBe('Renée met Student A at the café');
  expect(out).toBe(out.normalize('NFC'));
});

test('letters without a separable accent count as their plain letter', () => {
  expect(redactText('Søren, Soren, SØREN and Łukasz', [...hide('Soren'), ...hide('Lukasz', 'Student B')])).toBe(
    'Student A, Student A, STUDENT A and Student B',
  );
});

test('names inside other words are never replaced', () => {
  expect(redactText('Ana ate a banana with Mariana, Anabel and Ana’s Santana.', hide('Ana'))).toBe(
    'Student A ate a banana with Mariana, Anabel and Student A’s Santana.',
  );
  expect(redactText('Will is willing; Willow and Willa will not; Will2 either', hide('Will'))).toBe(
    'Student A is willing; Willow and Willa will not; Will2 either',
  );
  expect(redactText('Josefina and Joséphine are not José', hide('Jose'))).toBe(
    'Josefina and Joséphine are not Student A',
  );
});

test('variants of one name are one name: one pseudonym, one entry', () => {
  const hidden = buildPseudonyms([
    { names: ['Zoë'], role: 'student' },
    { names: ['Maya'], role: 'student' },
    { names: ['Zoe', 'ZOË'], role: 'student' },
  ]);
  expect(hidden).toEqual([
    { name: 'Zoë', pseudonym: 'Student A' },
    { name: 'Maya', pseudonym: 'Student B' },
  ]);
  expect(redactText('Zoe and ZOË and Zoë and zoe', hidden)).toBe('Student A and STUDENT A and Student A and Student A');
  expect(foldName('ZOË')).toBe(foldName('zoe'));
  expect(foldName('O’Brien')).toBe("o'brien");
  expect(foldName('Mary‑Kate')).toBe(foldName('MARY KATE'));
});

test('pseudonyms keep the casing of the text; a possessive keeps its own', () => {
  const hidden = [...hide('Zoë'), ...hide('James', 'Student B')];
  expect(redactText("Zoë's bag, ZOË'S BAG, Zoë’s pen, ZOË’S PEN", hidden)).toBe(
    "Student A's bag, STUDENT A'S BAG, Student A’s pen, STUDENT A’S PEN",
  );
  expect(redactText("James' idea, JAMES' IDEA, the Zoës' table, THE ZOËS' TABLE", hidden)).toBe(
    "Student B's idea, STUDENT B'S IDEA, the Student A's table, THE STUDENT A'S TABLE",
  );
  expect(redactText("I said 'Zoë' twice", hidden)).toBe("I said 'Student A' twice");
});

test('hyphenated and apostrophe names match in every spelling', () => {
  const hidden = [...hide("O'Brien"), ...hide('Mary-Kate', 'Student B')];
  expect(redactText("O'Brien, O’Brien, O‘BRIEN, o'brien; Mary-Kate, Mary Kate, MARY‑KATE, Mary–Kate", hidden)).toBe(
    'Student A, Student A, STUDENT A, Student A; Student B, Student B, STUDENT B, Student B',
  );
  expect(redactText('OBrien and Mary and Kate are other words', hidden)).toBe(
    'OBrien and Mary and Kate are other words',
  );
});

test('a name that is a common word is replaced where it is a name, kept where it is the word', () => {
  const text = 'I will ask you. Yesterday Will said he will try; ask Will’s mum, willing or not.';
  expect(redactText(text, hide('Will'))).toBe(
    'I will ask you. Yesterday Student A said he will try; ask Student A’s mum, willing or not.',
  );
  expect(
    redactText('Hope and Grace said I hope so, by the grace of it.', [...hide('Hope'), ...hide('Grace', 'Student B')]),
  ).toBe('Student A and Student B said I hope so, by the grace of it.');
});

test('at a sentence start or in capitals a word-like name is ambiguous: hidden unless the presenter keeps it', () => {
  const lines = [line('Will you sit down? Will, sit down. I WILL ASK WILL. in May, may I', 'Will', 4)];
  const hidden = [...hide('Will'), ...hide('May', 'Student B')];
  const occ = findOccurrences(
    lines,
    hidden.map((h) => h.name),
  );
  expect(occ.map((o) => [o.field, o.found, o.kind, o.reason])).toEqual([
    ['speaker', 'Will', 'name', undefined],
    ['text', 'Will', 'ambiguous', 'sentence-start'],
    ['text', 'Will', 'ambiguous', 'sentence-start'],
    ['text', 'WILL', 'ambiguous', 'capitals'],
    ['text', 'WILL', 'ambiguous', 'capitals'],
    ['text', 'May', 'ambiguous', 'capitalised-word'],
    ['text', 'may', 'word', undefined],
  ]);
  expect(occ[1]).toMatchObject({ n: 4, line: 0, before: '', after: ' you sit down? Will, sit down. I WILL…' });

  // By default every ambiguous occurrence is hidden: a name never leaks by default.
  const all = redact(lines, hidden);
  expect(all[0]).toMatchObject({
    speaker: 'Student A',
    text: 'Student A you sit down? Student A, sit down. I STUDENT A ASK STUDENT A. in Student B, may I',
  });
  expect(findRemaining(all, hidden)).toEqual([]);

  // The presenter keeps the verbs and the month.
  const kept = [occ[1], occ[3], occ[5]];
  const chosen = redact(lines, hidden, new Set(kept.map((o) => o.id)));
  expect(chosen[0].text).toBe('Will you sit down? Student A, sit down. I WILL ASK STUDENT A. in May, may I');
  expect(findRemaining(chosen, hidden, kept)).toEqual([]);
  // Without knowing what was kept, the guard reports each of them.
  expect(findRemaining(chosen, hidden).map((r) => r.found)).toEqual(['Will', 'WILL', 'May']);
});

test('the guard finds every hidden name or variant left, says which, and ignores the plain word', () => {
  const lines = [
    line('Jose and ZOË came; I will ask Will. Zoe\u0308’s turn', 'JOSÉ', 2),
    line('banana, willing, will', 'Sam', 3),
  ];
  const hidden = buildPseudonyms([
    { names: ['José'], role: 'student' },
    { names: ['Zoe'], role: 'student' },
    { names: ['Will'], role: 'student' },
  ]);
  expect(findRemaining(lines, hidden)).toEqual([
    { name: 'José', n: 2, field: 'speaker', found: 'JOSÉ' },
    { name: 'José', n: 2, field: 'text', found: 'Jose' },
    { name: 'Zoe', n: 2, field: 'text', found: 'ZOË' },
    { name: 'Will', n: 2, field: 'text', found: 'Will' },
    { name: 'Zoe', n: 2, field: 'text', found: 'Zoë' },
  ]);
  expect(findRemaining(redact(lines, hidden), hidden)).toEqual([]);
  // A kept occurrence allows only its own line and field.
  const kept = findOccurrences([line('Will you?', 'Sam', 9)], ['Will']);
  expect(
    findRemaining(
      [line('Will you?', 'Sam', 2)],
      hide('Will'),
      kept.map((o) => ({ ...o, line: 5 })),
    ),
  ).toHaveLength(1);
});

test('a tricky transcript, every name hidden, leaves no name or variant in the output', () => {
  const lines: TranscriptLine[] = [
    line('Good morning. Mariana, Will and ZOË are here; José is late.', 'Ms. O’Brien', 1),
    line('I will ask you all. Grace? Grace said MARY-KATE’S idea was Zoe’s.', 'Ms. O’Brien', 2),
    line('Jose\u0301 says: JOSE WILL HELP. Will’s book.', 'Will', 3),
  ];
  const hidden = buildPseudonyms([
    { names: ["Ms. O'Brien", "O'Brien"], role: 'teacher' },
    { names: ['Mariana'], role: 'student' },
    { names: ['Will'], role: 'student' },
    { names: ['Zoë'], role: 'student' },
    { names: ['José'], role: 'student' },
    { names: ['Grace'], role: 'student' },
    { names: ['Mary-Kate'], role: 'student' },
  ]);
  const out = redact(lines, hidden);
  expect(findRemaining(out, hidden)).toEqual([]);
  const shared = foldName(JSON.stringify(out));
  for (const real of ['mariana', 'zoe', 'jose', 'grace', 'mary', 'kate', "o'brien", 'o’brien']) {
    expect(shared).not.toContain(real);
  }
  expect(out[1].text).toBe('I will ask you all. Student E? Student E said STUDENT F’S idea was Student C’s.');
  expect(out[2]).toMatchObject({
    speaker: 'Student B',
    text: 'Student D says: STUDENT D STUDENT B HELP. Student B’s book.',
  });
  expect(out[0].speaker).toBe('Teacher');
});

test('the guard reads every spelling on its own: decomposed accents, odd hyphens and apostrophes, titles without a dot', () => {
  const hidden = [
    ...hide('José'),
    ...hide('Mary-Kate', 'Student B'),
    ...hide("Ms. O'Brien", 'Teacher'),
    ...hide('Søren', 'Student C'),
  ];
  const lines = [
    line('JOSE\u0301 and mary\u2011kate; MS O‘BRIEN, 𝒳 ms.   o’brien. SOREN! José’s, Josefina, Sørensen', 'Sam', 7),
  ];
  expect(findRemaining(lines, hidden).map((r) => [r.name, r.found])).toEqual([
    ['José', 'JOSÉ'],
    ['Mary-Kate', 'mary\u2011kate'],
    ["Ms. O'Brien", 'MS O‘BRIEN'],
    ["Ms. O'Brien", 'ms.   o’brien'],
    ['Søren', 'SOREN'],
    ['José', 'José'],
  ]);
  expect(findRemaining(redact(lines, hidden), hidden)).toEqual([]);
});

test('a modifier-letter apostrophe and a title without its space are handled by both the redaction and the guard', () => {
  const hidden = [...hide('Zoë'), ...hide("O'Brien", 'Student B'), ...hide('Ms. Rivera', 'Teacher')];
  const text = 'Zoëʼs pen, Oʼbrien, Ms.Rivera, MS RIVERA, Ms-Rivera';
  expect(findRemaining([line(text)], hidden).map((r) => r.found)).toEqual([
    'Zoë',
    'Oʼbrien',
    'Ms.Rivera',
    'MS RIVERA',
    'Ms-Rivera',
  ]);
  const out = redact([line(text)], hidden);
  expect(out[0].text).toBe('Student A’s pen, Student B, Teacher, TEACHER, Teacher');
  expect(findRemaining(out, hidden)).toEqual([]);
});

test('redaction and the guard agree on many generated lines: nothing the guard can find is left', () => {
  let seed = 13;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const spellings = [
    'José',
    'Jose',
    'JOSÉ',
    'jose',
    'Jose\u0301',
    'Zoë',
    'ZOE',
    'zoe\u0308',
    'O’Brien',
    "o'brien",
    'OʼBRIEN',
    'Mary-Kate',
    'mary kate',
    'MARY‑KATE',
    'Will',
    'will',
    'WILL',
    'Ms. Rivera',
    'ms rivera',
    'Søren',
    'SOREN',
  ];
  const fillers = ['and', 'banana', 'willing', 'Josefina', 'Zoey', 'Mary', 'the', 'Rivera’s', 'I', 'said', 'Kate'];
  const joins = [' ', ', ', '. ', '? ', ' "', '" ', '’s ', "s' ", ' - ', '\n', '  '];
  const hidden = buildPseudonyms([
    { names: ['José'], role: 'student' },
    { names: ['Zoë'], role: 'student' },
    { names: ["O'Brien"], role: 'student' },
    { names: ['Mary-Kate'], role: 'student' },
    { names: ['Will'], role: 'student' },
    { names: ['Ms. Rivera'], role: 'teacher' },
    { names: ['Søren'], role: 'student' },
  ]);
  for (let i = 0; i < 400; i++) {
    let text = '';
    const words = 3 + Math.floor(random() * 10);
    for (let w = 0; w < words; w++) text += (random() < 0.5 ? pick(spellings) : pick(fillers)) + pick(joins);
    const lines = [line(text, pick(spellings), i)];
    const out = redact(lines, hidden);
    expect(findRemaining(out, hidden), JSON.stringify(text)).toEqual([]);
    expect(out[0].text).toBe(out[0].text.normalize('NFC'));
    // With nothing kept as a word, no name shape of any hidden name is left.
    const folded = foldName(out[0].text);
    for (const name of ['jose', 'zoe', "o'brien", 'mary kate', 'soren']) {
      expect(
        new RegExp(`(?<![\\p{L}\\p{N}])${name}(?![\\p{L}\\p{N}])`, 'u').test(folded),
        `${name} in ${JSON.stringify(out[0].text)}`,
      ).toBe(false);
    }
  }
});
