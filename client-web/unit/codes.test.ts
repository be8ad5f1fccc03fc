// What the join form accepts as a session code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSessionCode, normaliseCode } from '../src/codes';

test('12- and 13-character codes are codes, after normalising what was typed', () => {
  assert.equal(normaliseCode('k7m2-q9xp-4tda'), 'K7M2Q9XP4TDA');
  assert.equal(normaliseCode('https://debrief.example/s/BK7M2Q9XP4TDA'), 'BK7M2Q9XP4TDA');
  assert.equal(normaliseCode('ko1l'), 'K011');
  assert.ok(isSessionCode('K7M2Q9XP4TDA'));
  assert.ok(isSessionCode('BK7M2Q9XP4TDA'));
});

test('any other length, or a U, is not a code', () => {
  for (const bad of ['', 'K7M2Q9XP4TD', 'BK7M2Q9XP4TDAX', 'K7M2Q9XP4TDU', 'k7m2q9xp4tda']) {
    assert.equal(isSessionCode(bad), false, bad);
  }
});
