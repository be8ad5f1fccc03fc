// The client's copy of the session reducer: applies one event to a state
// value, never mutating it. Mirrors the effects table of PROTOCOL.md §3.

import type { Participant, SessionEvent, SessionState, Template, Timer } from './protocol';

export function idleTimer(minutes: number): Timer {
  const ms = minutes * 60_000;
  return { status: 'idle', duration_ms: ms, remaining_ms: ms, ends_at: 0 };
}

function stoppedTimer(timer: Timer, at: number): Timer {
  if (timer.status !== 'running') return timer;
  return {
    status: 'paused',
    duration_ms: timer.duration_ms,
    remaining_ms: Math.max(0, timer.ends_at - at),
    ends_at: 0,
  };
}

function initialState(event: SessionEvent): SessionState {
  const template = event.template as Template;
  return {
    session: String(event.session),
    title: String(event.title ?? ''),
    created_at: Number(event.created_at ?? 0),
    status: 'lobby',
    phase: 0,
    timer: idleTimer(template.phases[0]?.minutes ?? 0),
    participants: [],
    template,
  };
}

/**
 * Returns the state after `event`, which happened at server time `at`.
 * Unknown event types leave the state as it was; the caller still advances seq.
 */
export function applyEvent(
  state: SessionState | null,
  event: SessionEvent,
  at: number,
): SessionState | null {
  if (event.type === 'session_created') return initialState(event);
  if (state === null) return null;
  switch (event.type) {
    case 'participant_joined': {
      const joined = event.participant as Participant;
      const others = state.participants.filter((p) => p.id !== joined.id);
      return { ...state, participants: [...others, joined] };
    }
    case 'participant_left':
      return {
        ...state,
        participants: state.participants.filter((p) => p.id !== event.participant),
      };
    case 'presence_changed':
      return {
        ...state,
        participants: state.participants.map((p) =>
          p.id === event.participant ? { ...p, online: Boolean(event.online) } : p,
        ),
      };
    case 'session_started':
      return {
        ...state,
        status: 'live',
        phase: Number(event.phase),
        timer: event.timer as Timer,
      };
    case 'phase_changed':
      return { ...state, phase: Number(event.phase), timer: event.timer as Timer };
    case 'timer_started':
    case 'timer_paused':
    case 'timer_resumed':
    case 'timer_extended':
    case 'timer_reset':
    case 'timer_expired':
      return { ...state, timer: event.timer as Timer };
    case 'session_ended':
      return {
        ...state,
        status: 'ended',
        timer: (event.timer as Timer | undefined) ?? stoppedTimer(state.timer, at),
      };
    default:
      return state;
  }
}
