// The permission table of PROTOCOL.md ("Who may do what, in which phase"),
// so that views offer only what the server will accept. The server checks
// again; this is for a calm screen, not for security.

import type { CommandType, PhaseKind, Role, Writers } from './protocol';

type Kinds = readonly PhaseKind[] | 'any';

interface Rule {
  roles: readonly Role[];
  kinds: Kinds;
}

const F: Role[] = ['facilitator'];
const P: Role[] = ['presenter'];
const WRITERS: Role[] = ['facilitator', 'presenter', 'colleague'];
const ALL: Role[] = ['facilitator', 'presenter', 'colleague', 'observer'];
const BOARD_KINDS: PhaseKind[] = ['opening', 'assumptions', 'discussion', 'reflection', 'adaptations'];

const TABLE: Partial<Record<CommandType, Rule>> = {
  leave: { roles: ALL, kinds: 'any' },
  start_session: { roles: F, kinds: 'any' },
  end_session: { roles: F, kinds: 'any' },
  next_phase: { roles: F, kinds: 'any' },
  previous_phase: { roles: F, kinds: 'any' },
  go_to_phase: { roles: F, kinds: 'any' },
  timer_start: { roles: F, kinds: 'any' },
  timer_pause: { roles: F, kinds: 'any' },
  timer_resume: { roles: F, kinds: 'any' },
  timer_add: { roles: F, kinds: 'any' },
  timer_reset: { roles: F, kinds: 'any' },
  set_phase_minutes: { roles: F, kinds: 'any' },
  add_phase: { roles: F, kinds: 'any' },
  remove_phase: { roles: F, kinds: 'any' },
  move_phase: { roles: F, kinds: 'any' },
  hand_over: { roles: F, kinds: 'any' },
  move_presenter: { roles: F, kinds: 'any' },
  reveal_phase: { roles: F, kinds: 'any' },
  set_done: { roles: ALL, kinds: 'any' },
  board_add: { roles: P, kinds: BOARD_KINDS },
  board_edit: { roles: P, kinds: BOARD_KINDS },
  board_move: { roles: P, kinds: BOARD_KINDS },
  board_remove: { roles: P, kinds: BOARD_KINDS },
  board_mark: { roles: P, kinds: ['discussion', 'reflection', 'adaptations'] },
  board_propose: { roles: ['facilitator', 'colleague'], kinds: ['assumptions', 'discussion', 'transcript'] },
  proposal_decide: { roles: P, kinds: 'any' },
  entry_add: {
    roles: WRITERS,
    kinds: ['opening', 'assumptions', 'discussion', 'reflection', 'chart', 'transcript', 'adaptations'],
  },
  entry_edit: { roles: WRITERS, kinds: 'any' },
  entry_remove: { roles: WRITERS, kinds: 'any' },
  entry_share: { roles: WRITERS, kinds: 'any' },
  adaptation_add: { roles: WRITERS, kinds: ['discussion', 'adaptations', 'reflection'] },
  adaptation_edit: { roles: WRITERS, kinds: 'any' },
  adaptation_decide: { roles: P, kinds: 'any' },
  adaptation_remove: { roles: WRITERS, kinds: 'any' },
  transcript_import: { roles: P, kinds: 'any' },
  transcript_withdraw: { roles: P, kinds: 'any' },
  annotate: { roles: WRITERS, kinds: ['transcript', 'discussion'] },
  annotation_edit: { roles: WRITERS, kinds: 'any' },
  annotation_remove: { roles: WRITERS, kinds: 'any' },
  annotation_reply: { roles: WRITERS, kinds: ['transcript', 'discussion', 'reflection'] },
  focus_line: { roles: ['facilitator', 'presenter'], kinds: ['transcript', 'discussion'] },
};

/** Whether `role` may send `command` while the current phase is of `kind`. */
export function allowed(command: CommandType, role: Role | null | undefined, kind: string | undefined): boolean {
  if (!role) return false;
  const rule = TABLE[command];
  if (!rule || !rule.roles.includes(role)) return false;
  return rule.kinds === 'any' || (kind !== undefined && (rule.kinds as readonly string[]).includes(kind));
}

/** Whether a phase's `writers` lets `role` add entries (on top of the table above). */
export function writersAllow(writers: Writers | undefined, role: Role | null): boolean {
  if (!role || role === 'observer') return false;
  if (writers === 'presenter') return role === 'presenter';
  if (writers === 'colleagues') return role === 'facilitator' || role === 'colleague';
  return true;
}
