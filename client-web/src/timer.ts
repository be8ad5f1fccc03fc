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

/** mm:ss, rounding up so "00:00" appears only when time is really up. */
export function formatMmSs(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
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
