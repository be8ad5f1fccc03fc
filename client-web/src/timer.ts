// What the countdown shows, derived only from the server's timer state and
// the estimated server time. Nothing here counts down by itself.

import type { Timer } from './protocol';

export function remainingMs(timer: Timer, serverNow: number): number {
  switch (timer.status) {
    case 'running':
      return Math.max(0, timer.ends_at - serverNow);
    case 'expired':
      return 0;
    default:
      return Math.max(0, timer.remaining_ms);
  }
}

/**
 * How long a timer has run: its length, with any time added, less what is
 * left. A phase's timer is kept when the phase is left and resumed on return,
 * so this counts each minute once however often the phase is revisited.
 */
export function timeRun(timer: Timer | undefined, remaining: number): number {
  if (!timer || timer.status === 'idle') return 0;
  return Math.max(0, timer.duration_ms - remaining);
}

/** The server's used_ms brought up to `at` (timer_state::used_at): it counts on from `since` when that is set. */
export function usedAt(timer: Timer, at: number): number {
  return (timer.used_ms ?? 0) + (timer.since ? Math.max(0, at - timer.since) : 0);
}

/**
 * How long a phase has been under way, from the server's record: kept through
 * pauses, resets and time past zero. Older servers sent no record; there the
 * timer's own length less what is left is the best estimate.
 */
export function usedMs(timer: Timer | undefined, serverNow: number): number {
  if (!timer) return 0;
  if (timer.used_ms === undefined) return timeRun(timer, remainingMs(timer, serverNow));
  return usedAt(timer, serverNow);
}

/**
 * Time past zero once the timer has run out; 0 before. An expired timer counts
 * the phase's used time beyond the moment it ran out (zero_used_ms), so time
 * used before a reset is not counted again. Servers before that field sent
 * none: there it is the used time past the planned length.
 */
export function overtimeMs(timer: Timer, serverNow: number): number {
  // Past the deadline, before the server's timer_expired has arrived.
  if (timer.status === 'running') return Math.max(0, serverNow - timer.ends_at);
  if (timer.status !== 'expired') return 0;
  return Math.max(0, usedMs(timer, serverNow) - (timer.zero_used_ms || timer.duration_ms));
}

/** The clock keeps counting while a timer runs and while the current phase is past its time. */
export function isCounting(timer: Timer): boolean {
  return timer.status === 'running' || (timer.status === 'expired' && Boolean(timer.since));
}

/** mm:ss, rounding up so "00:00" appears only when time is really up. */
export function formatMmSs(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** Time over the plan, e.g. "+6:40 over" (minutes may pass 59). */
export function formatOver(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  return `+${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')} over`;
}

/** Words for screen readers, e.g. "4 minutes 5 seconds". */
export function spokenDuration(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const parts: string[] = [];
  if (minutes > 0) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`);
  if (seconds > 0 || minutes === 0) parts.push(`${seconds} second${seconds === 1 ? '' : 's'}`);
  return parts.join(' ');
}
