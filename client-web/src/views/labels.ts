// Words shown for the protocol's identifiers.

import type {
  AdaptationStatus,
  AnnotationTag,
  BoardList,
  ContentType,
  ItemStatus,
  Role,
  SpeakerRole,
  TimerStatus,
} from '../protocol';

export const ROLE_LABEL: Record<Role, string> = {
  facilitator: 'Facilitator',
  presenter: 'Presenter',
  colleague: 'Colleague',
  observer: 'Observer',
  host: 'Host',
};

export const ROLE_HINT: Record<Role, string> = {
  facilitator: 'Runs the timer and steps the protocol.',
  presenter: 'Held the conversation; owns assumptions and adaptations.',
  colleague: 'Helps the presenter see what they cannot see alone.',
  observer: 'Follows along and reads.',
  host: "The event's host, looking in: reads along, never writes.",
};

const KIND_LABEL: Record<string, string> = {
  opening: 'Opening',
  assumptions: 'Assumption board',
  transcript: 'Transcript',
  adaptations: 'Adaptations',
  reflection: 'Reflection',
  discussion: 'Discussion',
  chart: 'Chart',
  check_in: 'Check-in',
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

export const LIST_ORDER: BoardList[] = ['know', 'dont_know', 'assumptions', 'find_out'];

export const LIST_LABEL: Record<BoardList, string> = {
  know: 'What I know',
  dont_know: "What I don't know",
  assumptions: 'Assumptions I may hold',
  find_out: 'What I need to find out',
};

export const LIST_SHORT: Record<BoardList, string> = {
  know: 'Know',
  dont_know: "Don't know",
  assumptions: 'Assumption',
  find_out: 'Find out',
};

export const ITEM_STATUS_LABEL: Record<ItemStatus, string> = {
  open: 'Still open',
  confirmed: 'Confirmed',
  challenged: 'Challenged',
};

export const TAG_ORDER: AnnotationTag[] = ['notice', 'wonder', 'strength', 'need'];

export const TAG_LABEL: Record<AnnotationTag, string> = {
  notice: 'Notice',
  wonder: 'Wonder',
  strength: 'Strength',
  need: 'Need',
};

export const SPEAKER_ROLE_LABEL: Record<SpeakerRole, string> = {
  teacher: 'Teacher',
  student: 'Student',
  other: 'Other',
};

export const ADAPTATION_STATUS_LABEL: Record<AdaptationStatus, string> = {
  suggested: 'Suggested',
  accepted: 'Accepted',
  declined: 'Declined',
};

/** "3 private notes", "1 private note". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** m:ss of a transcript line's start, or "" when the source had no time. */
export function lineTime(ms: number): string {
  if (!(ms >= 0)) return '';
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

export const CONTENT_LABEL: Record<ContentType, string> = {
  entry_add: 'Note',
  board_add: 'Board item',
  board_propose: 'Proposal',
  adaptation_add: 'Adaptation',
  annotate: 'Annotation',
  annotation_reply: 'Reply',
};

/** A check-in's "tried" as said of an adaptation ("Tried") and of a question ("Asked"). */
export const TRIED_LABEL: Record<'adaptation' | 'question', Record<string, string>> = {
  adaptation: { yes: 'Tried', partly: 'Partly', not_yet: 'Not yet' },
  question: { yes: 'Asked', partly: 'Partly', not_yet: 'Not yet' },
};

/** A check-in's decision, as a sentence. */
export const DECISION_SAID: Record<string, string> = {
  keep: 'Keep it as it is',
  adjust: 'Adjust it',
  drop: 'Drop it',
};
