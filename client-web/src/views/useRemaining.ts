// The remaining, used and overtime of the current phase, recomputed four times
// a second while the clock counts (running, or past zero). Nothing counts by
// itself: every value comes from the server's timer state and the estimated
// server clock.

import { useEffect, useState } from 'preact/hooks';
import type { SessionStore } from '../store';
import { isCounting, overtimeMs, remainingMs, usedMs } from '../timer';

const REDRAW_MS = 250;

/** The estimated server time, redrawn while the current timer counts. */
export function useServerNow(store: SessionStore): number {
  const timer = store.state.value!.timer;
  // The tick only asks for a redraw; the time drawn is always read fresh.
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!isCounting(timer)) return;
    const id = setInterval(() => setTick((n) => n + 1), REDRAW_MS);
    return () => clearInterval(id);
  }, [timer]);
  return store.serverNow();
}

export function useRemaining(store: SessionStore): number {
  const timer = store.state.value!.timer;
  return remainingMs(timer, useServerNow(store));
}

/** Remaining, used and over for the current phase, all at the same server second. */
export function useClock(store: SessionStore): { remaining: number; used: number; over: number; now: number } {
  const timer = store.state.value!.timer;
  const now = useServerNow(store);
  return { remaining: remainingMs(timer, now), used: usedMs(timer, now), over: overtimeMs(timer, now), now };
}
