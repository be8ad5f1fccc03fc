// The big clock. It never keeps time itself: every 250 ms it recomputes the
// remaining time from the server's timer state and the estimated server now.

import { useEffect, useState } from 'preact/hooks';
import type { SessionStore } from '../store';
import { formatMmSs, remainingMs, spokenDuration } from '../timer';
import { TIMER_LABEL } from './labels';

const REDRAW_MS = 250;

export function Countdown({ store }: { store: SessionStore }) {
  const state = store.state.value!;
  const timer = state.timer;
  const compute = () => remainingMs(timer, store.serverNow());
  const [ms, setMs] = useState(compute);

  useEffect(() => {
    setMs(compute());
    if (timer.status !== 'running') return;
    const id = setInterval(() => setMs(compute()), REDRAW_MS);
    return () => clearInterval(id);
  }, [timer]);

  const text = formatMmSs(ms);
  const fraction = timer.duration_ms > 0 ? Math.min(1, ms / timer.duration_ms) : 0;
  const status = state.status === 'ended' ? 'ended' : timer.status;
  const label = state.status === 'ended' ? 'Ended' : TIMER_LABEL[timer.status];

  return (
    <div class={`countdown countdown-${status}`}>
      <div
        class="countdown-time"
        role="timer"
        aria-label={`${spokenDuration(ms)} remaining`}
        data-testid="countdown"
        data-status={status}
      >
        {text}
      </div>
      <div class="countdown-info">
        <span class="countdown-status" data-testid="timer-status">
          {label}
        </span>
        <span class="muted">of {formatMmSs(timer.duration_ms)}</span>
      </div>
      <div class="progress" aria-hidden="true">
        <div class="progress-fill" style={{ width: `${(fraction * 100).toFixed(2)}%` }} />
      </div>
    </div>
  );
}
