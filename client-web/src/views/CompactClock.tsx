// The small clock in the sticky bar: the current phase's short title, the
// time left (or "+6:40 over" once past zero), and for the facilitator the one
// timer button, so that a phone never has to scroll back up to pause.
// Same values as the big clock: the server's timer and the estimated server now.

import { formatMmSs, formatOver, spokenDuration } from '../timer';
import { useClock } from './useRemaining';
import { useStore } from './useStore';
import './CompactClock.css';

export function CompactClock() {
  const store = useStore();
  const state = store.state.value!;
  const timer = state.timer;
  const phase = store.currentPhase.value;
  const { remaining, over } = useClock(store);
  const past = over >= 1000;
  const time = past ? formatOver(over) : formatMmSs(remaining);
  const spoken = past ? `${spokenDuration(over)} over time` : `${spokenDuration(remaining)} left`;
  const word = timer.status === 'paused' ? 'paused' : timer.status === 'idle' ? 'not started' : '';
  return (
    <div class="compact-clock" data-testid="compact-clock" data-status={timer.status}>
      <span class="compact-phase" title={phase?.title}>
        <span class="visually-hidden">Phase {state.phase + 1}: </span>
        {phase?.title ?? ''}
      </span>
      <span class={`compact-time${past ? ' is-over' : ''}`} data-testid="compact-time">
        <span aria-hidden="true">{time}</span>
        <span class="visually-hidden">{spoken}</span>
        {word && <span class="compact-word"> {word}</span>}
      </span>
      {store.isFacilitator.value && <CompactTimerButton />}
    </div>
  );
}

/** Pause, resume or start: the same command as the console's timer button. */
function CompactTimerButton() {
  const store = useStore();
  const status = store.state.value!.timer.status;
  const [label, action] =
    status === 'running'
      ? ['Pause', () => store.send({ type: 'timer_pause' })]
      : status === 'paused'
        ? ['Resume', () => store.send({ type: 'timer_resume' })]
        : status === 'idle'
          ? ['Start', () => store.send({ type: 'timer_start' })]
          : [null, null];
  if (!label || !action) return null;
  return (
    <button
      type="button"
      class="btn btn-small compact-button"
      onClick={() => action()}
      aria-label={`${label} the timer`}
      data-testid={`dock-${label.toLowerCase()}`}
    >
      {label}
    </button>
  );
}
