// What the browser keeps of an inquiry, and how it reads the inquiry's story.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

/** localStorage as a browser has it, for the module under test. */
class MemoryStorage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, String(v));
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}
(globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();

const { forgetInquiry, inquiryOfSession, loadInquiry, rememberInquiry } = await import('../src/inquiry-keys');
const { linesOf, normaliseStory } = await import('../src/inquiry-story');

beforeEach(() => {
  (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
});

test('an inquiry is kept with its key, and gathers the codes of its sessions', () => {
  rememberInquiry('INQ1', { key: 'k1', title: 'Number lines', sessions: ['AAAAAAAAAAAA'] });
  rememberInquiry('INQ1', { sessions: ['BBBBBBBBBBBB', 'AAAAAAAAAAAA'] });
  assert.deepEqual(loadInquiry('INQ1'), {
    key: 'k1',
    title: 'Number lines',
    sessions: ['AAAAAAAAAAAA', 'BBBBBBBBBBBB'],
  });
  assert.equal(inquiryOfSession('BBBBBBBBBBBB')?.id, 'INQ1');
  assert.equal(inquiryOfSession('CCCCCCCCCCCC'), null);
  forgetInquiry('INQ1');
  assert.equal(loadInquiry('INQ1'), null);
  assert.equal(inquiryOfSession('AAAAAAAAAAAA'), null);
});

test('nothing is kept without a key; a damaged entry reads as none', () => {
  rememberInquiry('INQ2', { sessions: ['AAAAAAAAAAAA'] });
  assert.equal(loadInquiry('INQ2'), null);
  localStorage.setItem('debrief:inquiry:INQ3', '{not json');
  localStorage.setItem('debrief:inquiry:INQ4', JSON.stringify({ key: '', sessions: ['AAAAAAAAAAAA'] }));
  assert.equal(loadInquiry('INQ3'), null);
  assert.equal(inquiryOfSession('AAAAAAAAAAAA'), null);
});

test('the story gets every list, whatever the server left out', () => {
  const story = normaliseStory({
    title: 'Number lines',
    adaptations: [{ thread: '1.a1', kind: 'adaptation', text: 'x', carried: true }],
  });
  assert.equal(story.title, 'Number lines');
  assert.deepEqual(story.sessions, []);
  assert.deepEqual(story.learner_words, []);
  assert.deepEqual(story.adaptations[0].steps, []);
  assert.deepEqual(normaliseStory(null).assumptions, []);
});

test('a quote says which lines it is', () => {
  assert.equal(linesOf({ first_line: 4, last_line: 4, speaker: 'Student M', text: '' }), 'Line 4');
  assert.equal(linesOf({ first_line: 4, last_line: 6, speaker: null, text: '' }), 'Lines 4–6');
  assert.equal(linesOf({ first_line: null, last_line: null, speaker: null, text: '' }), '');
});
