// The big clock with a progress ring. It never keeps time itself: the
// remaining time comes from the server's timer state and the estimated
// server now. Announces the last minute and time up; an optional sound at zero.

import { useEffect, useRef, useState } from 'preact/hooks';
import { chime, setSound, soundOn } from '../sound';
import { formatMmSs, formatOver, spokenDuration } from '../timer';
import { TIMER_LABEL } from './labels';
import { useClock } from './useRemaining';
import { useStore } from './useStore';
import './Countdown.css';

const LAST_MINUTE_MS = 60_000;
const R = 54;
const CIRCUMFERENCE = 2 * Math.PI * R;

export function Countdown() {
  const store = useStore();
  const state = store.state.value!;
  const timer = state.timer;
  const { remaining: ms, over } = useClock(store);
  const [sound, setSoundState] = useState(soundOn);
  const previous = useRef(ms);
  const phaseTitle = store.currentPhase.value?.title ?? 'this phase';

  useEffect(() => {
    const before = previous.current;
    previous.current = ms;
    if (timer.status !== 'running' && timer.status !== 'expired') return;
    if (before > LAST_MINUTE_MS && ms <= LAST_MINUTE_MS && ms > 0) {
      store.announce(`One minute left for ${phaseTitle}.`);
    }
    if (before > 0 && ms === 0) {
      store.announce(`Time is up for ${phaseTitle}.`);
      if (soundOn()) chime();
    }
  }, [ms]);

  const text = formatMmSs(ms);
  // Past zero the clock counts the time over, from the server's record.
  const overText = over >= 1000 && state.status === 'live' ? formatOver(over) : '';
  const fraction = timer.duration_ms > 0 ? Math.min(1, ms / timer.duration_ms) : 0;
  const ended = state.status === 'ended';
  const status = ended ? 'ended' : ms === 0 && timer.status === 'running' ? 'expired' : timer.status;
  const label = ended ? 'Ended' : TIMER_LABEL[status as keyof typeof TIMER_LABEL];
  const lastMinute = !ended && timer.status === 'running' && ms > 0 && ms <= LAST_MINUTE_MS;

  return (
    <div class={`countdown countdown-${status}${lastMinute ? ' is-last-minute' : ''}`}>
      <div class="ring">
        <svg viewBox="0 0 120 120" aria-hidden="true" class="ring-svg">
          <circle class="ring-track" cx="60" cy="60" r={R} />
          <circle
            class="ring-fill"
            cx="60"
            cy="60"
            r={R}
            stroke-dasharray={CIRCUMFERENCE.toFixed(2)}
            stroke-dashoffset={(CIRCUMFERENCE * (1 - fraction)).toFixed(2)}
          />
        </svg>
        <div class="ring-center">
          <div
            class="countdown-time"
            role="timer"
            aria-label={overText ? `${spokenDuration(over)} over time` : `${spokenDuration(ms)} remaining`}
            data-testid="countdown"
            data-status={status}
          >
            {text}
          </div>
          {overText && (
            <div class="countdown-over" aria-hidden="true" data-testid="countdown-over">
              {overText}
            </div>
          )}
          <div class="countdown-status" data-testid="timer-status">
            {label}
          </div>
        </div>
      </div>
      <div class="countdown-info">
        <span class="muted small">of {formatMmSs(timer.duration_ms)}</span>
        <label class="sound-toggle small">
          <input
            type="checkbox"
            checked={sound}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setSound(on);
              setSoundState(on);
              if (on) chime();
            }}
            data-testid="sound-toggle"
          />
          <span>Sound at zero</span>
        </label>
      </div>
    </div>
  );
}
