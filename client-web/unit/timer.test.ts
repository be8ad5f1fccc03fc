// The clock's "+m:ss over": time past zero, never the time used before a reset.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Timer } from '../src/protocol';
import { formatOver, overtimeMs } from '../src/timer';

const minute = 60_000;
const five = 5 * minute;

function timer(fields: Partial<Timer>): Timer {
  return {
    status: 'idle',
    duration_ms: five,
    remaining_ms: five,
    ends_at: 0,
    used_ms: 0,
    since: 0,
    zero_used_ms: 0,
    ...fields,
  };
}

test('an expired timer counts the used time since it ran out', () => {
  const t = timer({ status: 'expired', remaining_ms: 0, used_ms: five, since: 1_000_000, zero_used_ms: five });
  assert.equal(overtimeMs(t, 1_000_000), 0);
  assert.equal(formatOver(overtimeMs(t, 1_000_000 + 6 * minute + 40_000)), '+6:40 over');
});

test('after a reset, the second run out starts again from +0:00', () => {
  // Seven minutes used in a five-minute phase, reset, then five more minutes:
  // used 12 minutes, but the timer ran out just now.
  const t = timer({
    status: 'expired',
    remaining_ms: 0,
    used_ms: 12 * minute,
    since: 2_000_000,
    zero_used_ms: 12 * minute,
  });
  assert.equal(overtimeMs(t, 2_000_000), 0);
  assert.equal(overtimeMs(t, 2_030_000), 30_000);
});

test('a running timer past its deadline counts from the deadline, whatever was used before', () => {
  const t = timer({ status: 'running', ends_at: 3_000_000, used_ms: 7 * minute, since: 2_700_000 });
  assert.equal(overtimeMs(t, 2_999_000), 0);
  assert.equal(overtimeMs(t, 3_004_000), 4_000);
});

test('an expired timer from a server without zero_used_ms: used time past the planned length', () => {
  const t = timer({ status: 'expired', remaining_ms: 0, used_ms: five, since: 1_000_000, zero_used_ms: undefined });
  assert.equal(overtimeMs(t, 1_060_000), minute);
});

test('idle and paused timers are never over', () => {
  assert.equal(overtimeMs(timer({ used_ms: 9 * minute }), 5_000_000), 0);
  assert.equal(overtimeMs(timer({ status: 'paused', remaining_ms: 0, used_ms: 9 * minute }), 5_000_000), 0);
});
