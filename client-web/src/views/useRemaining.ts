// The remaining time of the current phase, recomputed four times a second
// while the timer runs. Nothing counts down by itself: every value comes from
// the server's timer state and the estimated server clock.

import { useEffect, useState } from 'preact/hooks';
import type { SessionStore } from '../store';
import { remainingMs } from '../timer';

const REDRAW_MS = 250;

export function useRemaining(store: SessionStore): number {
  const timer = store.state.value!.timer;
  const compute = () => remainingMs(timer, store.serverNow());
  const [ms, setMs] = useState(compute);
  useEffect(() => {
    setMs(compute());
    if (timer.status !== 'running') return;
    const id = setInterval(() => setMs(compute()), REDRAW_MS);
    return () => clearInterval(id);
  }, [timer]);
  return timer.status === 'running' ? Math.min(ms, compute()) : compute();
}
