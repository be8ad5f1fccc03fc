// Words shown for the protocol's identifiers.

import type { Role, TimerStatus } from '../protocol';

export const ROLE_LABEL: Record<Role, string> = {
  facilitator: 'Facilitator',
  presenter: 'Presenter',
  colleague: 'Colleague',
  observer: 'Observer',
};

export const ROLE_HINT: Record<Role, string> = {
  facilitator: 'Runs the timer and steps the protocol.',
  presenter: 'Held the conversation; owns assumptions and adaptations.',
  colleague: 'Helps the presenter see what they cannot see alone.',
  observer: 'Follows along and reads.',
};

const KIND_LABEL: Record<string, string> = {
  opening: 'Opening',
  assumptions: 'Assumption board',
  transcript: 'Transcript',
  adaptations: 'Adaptations',
  reflection: 'Reflection',
  discussion: 'Discussion',
  chart: 'Chart',
};

export function kindLabel(kind: string): string {
  return KIND_LABEL[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1);
}

export const TIMER_LABEL: Record<TimerStatus, string> = {
  idle: 'Ready',
  running: 'Running',
  paused: 'Paused',
  expired: "Time's up",
};

export function roleLabel(role: string): string {
  return ROLE_LABEL[role as Role] ?? role;
}
