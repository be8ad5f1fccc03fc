// The pseudonyms a device remembers: kept under salted digests, never the
// names; offered again without two people sharing one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_REMEMBERED, digestName, prefill, scopesFor, withNames } from '../src/pseudonym-memory';

test('a digest depends on the book’s salt and hides the name', async () => {
  const a = { salt: 'aa', names: {} };
  const b = { salt: 'bb', names: {} };
  const maya = await digestName(a, 'maya');
  assert.match(maya, /^[0-9a-f]{32}$/u);
  assert.equal(await digestName(a, 'maya'), maya);
  assert.notEqual(await digestName(b, 'maya'), maya);
  assert.notEqual(await digestName(a, 'devon'), maya);
  assert.ok(!maya.includes('maya'));
});

test('the latest pseudonym of a name wins, and the oldest names go first past the limit', () => {
  let book = withNames({ salt: 's', names: {} }, [
    ['d1', 'Student A'],
    ['d2', 'Student B'],
  ]);
  book = withNames(book, [['d1', 'Learner M']]);
  assert.deepEqual(book.names, { d2: 'Student B', d1: 'Learner M' });
  const many: [string, string][] = Array.from({ length: MAX_REMEMBERED + 5 }, (_, i) => [`x${i}`, `P${i}`]);
  const full = withNames(book, many);
  assert.equal(Object.keys(full.names).length, MAX_REMEMBERED);
  assert.equal(full.names.d1, undefined);
  assert.equal(full.names[`x${MAX_REMEMBERED + 4}`], `P${MAX_REMEMBERED + 4}`);
  assert.equal(full.salt, 's');
});

test('pre-fill offers a remembered pseudonym by any of a person’s names, unless typed or already taken', () => {
  const recalled = new Map([
    ['maya', 'Student A'],
    ['devon', 'Student A'],
    ['okafor', 'Colleague B'],
    ['lee', 'Student C'],
  ]);
  const offers = prefill(
    [
      { folded: ['maya lopez', 'maya'], pseudonym: '' },
      // Remembered as Student A too (another inquiry on this device): not offered twice.
      { folded: ['devon'], pseudonym: '' },
      { folded: ['okafor'], pseudonym: 'Mr. O' },
      { folded: ['sam'], pseudonym: '' },
      // Typed for someone else here: taken.
      { folded: ['jordan lee', 'lee'], pseudonym: '' },
      { folded: ['ana'], pseudonym: 'student c' },
    ],
    recalled,
  );
  assert.deepEqual(offers, ['Student A', null, null, null, null, null]);
});

test('a session of a known inquiry looks in the inquiry’s book first, then the device’s', () => {
  assert.deepEqual(scopesFor('ABCD'), ['inquiry:ABCD', 'device']);
  assert.deepEqual(scopesFor(null), ['device']);
});
