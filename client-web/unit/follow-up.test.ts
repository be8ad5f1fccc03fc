// "Plan the follow-up": the focal learners it suggests and reads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultDate, defaultLearners, parseLearners } from '../src/follow-up';
import type { Adaptation, SessionState, TranscriptLineWire } from '../src/protocol';

function adaptation(for_whom: string, status: Adaptation['status'] = 'accepted'): Adaptation {
  return { for_whom, status } as Adaptation;
}

function state(parts: Partial<SessionState>): SessionState {
  return { learners: [], adaptations: [], transcript: null, ...parts } as SessionState;
}

test('the accepted adaptations name the learners: each once, in order, never "all learners"', () => {
  const s = state({
    adaptations: [
      adaptation('Student A'),
      adaptation('all learners'),
      adaptation('All Learners'),
      adaptation(''),
      adaptation('Student B', 'suggested'),
      adaptation('Student C', 'declined'),
      adaptation(' Student A '),
      adaptation('student a'),
      adaptation('Student D'),
    ],
  });
  assert.deepEqual(defaultLearners(s), ['Student A', 'Student D']);
});

test('at most four learners are suggested', () => {
  const s = state({ adaptations: ['A', 'B', 'C', 'D', 'E'].map((x) => adaptation(`Student ${x}`)) });
  assert.deepEqual(defaultLearners(s), ['Student A', 'Student B', 'Student C', 'Student D']);
});

test("a follow-up suggests its own learners; with no adaptation for anyone, the transcript's students", () => {
  assert.deepEqual(defaultLearners(state({ learners: ['Student B'], adaptations: [adaptation('Student A')] })), [
    'Student B',
  ]);
  const lines = [
    { speaker: 'Teacher', role: 'teacher' },
    { speaker: 'Student A', role: 'student' },
    { speaker: 'Student A', role: 'student' },
    { speaker: 'Student C', role: 'student' },
  ] as TranscriptLineWire[];
  const s = state({ adaptations: [adaptation('all learners')], transcript: { lines } as SessionState['transcript'] });
  assert.deepEqual(defaultLearners(s), ['Student A', 'Student C']);
  assert.deepEqual(defaultLearners(state({})), []);
});

test('typed learners: by line or comma, trimmed, each once', () => {
  assert.deepEqual(parseLearners('Student A, Student B\n\n student a \nall learners,Student C'), [
    'Student A',
    'Student B',
    'Student C',
  ]);
  assert.deepEqual(parseLearners('  ,\n'), []);
});

test('the suggested day is the earliest check-in of an accepted adaptation', () => {
  const a = (check_in: string, status: Adaptation['status'] = 'accepted') => ({ check_in, status }) as Adaptation;
  assert.equal(
    defaultDate(state({ adaptations: [a('2027-04-02'), a(''), a('2027-03-01', 'suggested'), a('2027-03-15')] })),
    '2027-03-15',
  );
  assert.equal(defaultDate(state({ adaptations: [a('')] })), '');
});
