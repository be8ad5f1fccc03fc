// Wire types of protocol/PROTOCOL.md, version 2. Times are server-clock
// milliseconds since the Unix epoch.

import type { CommandName, ContractPhaseKind, ContractRole, ErrorCode, EventName } from './generated/contract';

export type { CommandName, ErrorCode, EventName };

export const PROTOCOL_VERSION = 2;

export type Role = ContractRole;
export type SessionStatus = 'lobby' | 'live' | 'ended';
export type TimerStatus = 'idle' | 'running' | 'paused' | 'expired';
export type PhaseKind = ContractPhaseKind;
export type Writers = 'everyone' | 'presenter' | 'colleagues';

export interface Phase {
  id: string;
  title: string;
  kind: PhaseKind | string;
  minutes: number;
  prompts: string[];
  writers?: Writers;
  private?: boolean;
  anonymous?: boolean;
  auto_advance?: boolean;
}

/** A phase as `add_phase` sends it: the server names it. */
export type NewPhase = Omit<Phase, 'id'>;

export interface Template {
  id: string;
  name: string;
  description?: string;
  phases: Phase[];
}

export interface Timer {
  status: TimerStatus;
  duration_ms: number;
  remaining_ms: number;
  ends_at: number;
  /** Time the phase has been under way as of `since` (absent from older servers). */
  used_ms?: number;
  /** Server time it still counts from (running, or expired while current); 0 when not counting. */
  since?: number;
}

export interface Participant {
  id: string;
  name: string;
  role: Role;
  online: boolean;
}

export type BoardList = 'know' | 'dont_know' | 'assumptions' | 'find_out';
export type ItemStatus = 'open' | 'confirmed' | 'challenged';
export type ProposalState = 'pending' | 'accepted' | 'set_aside';
export type AdaptationStatus = 'suggested' | 'accepted' | 'declined';
export type AnnotationTag = 'notice' | 'wonder' | 'strength' | 'need';
export type SpeakerRole = 'teacher' | 'student' | 'other';

/** `item:<id>`, `annotation:<id>` or `line:<id>`. */
export type EvidenceRef = string;

export interface BoardItem {
  id: string;
  list: BoardList;
  text: string;
  author: string;
  status: ItemStatus;
  evidence: EvidenceRef[];
  version: number;
}

export interface Proposal {
  id: string;
  list: BoardList;
  text: string;
  author: string;
  state: ProposalState;
  item: string;
}

/** What others receive of an entry or annotation in an unrevealed private phase. */
export interface Hidden {
  id: string;
  phase: string;
  hidden: true;
  author?: string;
}

export interface Entry {
  id: string;
  phase: string;
  prompt: number;
  text: string;
  author: string;
  shared: boolean;
  version: number;
  hidden?: false;
}

export interface Adaptation {
  id: string;
  change: string;
  for_whom: string;
  evidence: EvidenceRef[];
  check_in: string;
  follow_ups: string[];
  author: string;
  status: AdaptationStatus;
  version: number;
}

export interface TranscriptLineWire {
  id: string;
  speaker: string;
  role: SpeakerRole;
  /** −1 when the source had no time for the line. */
  start_ms: number;
  text: string;
}

export interface Transcript {
  lines: TranscriptLineWire[];
  consent_by: string;
  consent_at: number;
  source_format: string;
  version: number;
}

export interface Reply {
  id: string;
  author: string;
  text: string;
  at: number;
}

export interface Annotation {
  id: string;
  phase: string;
  from_line: string;
  to_line: string;
  start_char: number;
  end_char: number;
  quote: string;
  tag: AnnotationTag;
  comment: string;
  author: string;
  replies: Reply[];
  placed: boolean;
  version: number;
  hidden?: false;
}

export type EntryView = Entry | Hidden;
export type AnnotationView = Annotation | Hidden;

export function isHidden<T extends { hidden?: boolean }>(x: T | Hidden): x is Hidden {
  return (x as Hidden).hidden === true;
}

export interface SessionState {
  session: string;
  title: string;
  created_at: number;
  status: SessionStatus;
  phase: number;
  timer: Timer;
  participants: Participant[];
  participants_ever_joined: number;
  template: Template;
  board: BoardItem[];
  proposals: Proposal[];
  entries: EntryView[];
  adaptations: Adaptation[];
  transcript: Transcript | null;
  annotations: AnnotationView[];
  done: string[];
  revealed: string[];
  focus_line: string;
  ids_issued: number;
  /** Timers of phases left part-way, by phase id: stepping back resumes them. */
  phase_timers: Record<string, Timer>;
}

/** An event as carried inside an `event` message; unknown types are allowed. */
export interface SessionEvent {
  type: string;
  [field: string]: unknown;
}

/** A phase as the lobby shows it to someone who has not joined: no id, no prompts. */
export interface LobbyPhase {
  title: string;
  kind: PhaseKind | string;
  minutes: number;
}

/** What a connection that has not joined may know: only what the join form needs. */
export interface Lobby {
  session: string;
  title: string;
  /** The template's name. */
  template: string;
  status: SessionStatus;
  phases: LobbyPhase[];
  participants: Participant[];
}

/** `current` of a `conflict` refusing writing bound to a phase that is no longer current. */
export interface PhaseMovedOn {
  phase: string;
}

export type ServerMessage =
  | { type: 'welcome'; version: number; session: string; server_time: number; you: string | null }
  | ({ type: 'lobby'; seq: number } & Lobby)
  | { type: 'snapshot'; seq: number; server_time: number; state: SessionState }
  | { type: 'event'; seq: number; time: number; event: SessionEvent }
  | { type: 'ack'; id: string; seq: number; you?: string; token?: string }
  | { type: 'error'; id?: string; code: ErrorCode; message: string; current?: unknown }
  | { type: 'pong'; t: number; server_time: number }
  /** Whether the server can store changes now; reading goes on either way. */
  | { type: 'storage'; state: 'ok' | 'unavailable' };

export interface AdaptationFields {
  change: string;
  for_whom: string;
  evidence: EvidenceRef[];
  check_in: string;
  follow_ups: string[];
}

export interface ImportLine {
  speaker: string;
  role: SpeakerRole;
  start_ms?: number;
  text: string;
}

/**
 * The id of the phase the author wrote in (the current phase when they
 * acted): the server refuses the command if the session has moved on.
 */
export interface PhaseBound {
  phase: string;
}

export interface AnnotateFields {
  from_line: string;
  to_line: string;
  start_char?: number;
  end_char?: number;
  tag: AnnotationTag;
  comment: string;
}

export type Command =
  | {
      type: 'join';
      name: string;
      role: Role;
      /** 32–128 of A–Z a–z 0–9 - _; chosen once per join attempt, resent with the same id on a retry. */
      client_secret: string;
      facilitator_key?: string;
    }
  | { type: 'leave' }
  | { type: 'start_session' }
  | { type: 'next_phase' }
  | { type: 'previous_phase' }
  | { type: 'go_to_phase'; phase: number }
  | { type: 'timer_start' }
  | { type: 'timer_pause' }
  | { type: 'timer_resume' }
  | { type: 'timer_add'; seconds: number }
  | { type: 'timer_reset' }
  | { type: 'end_session' }
  | { type: 'set_phase_minutes'; phase: number; minutes: number }
  | { type: 'add_phase'; at: number; phase: NewPhase }
  | { type: 'remove_phase'; phase: number }
  | { type: 'move_phase'; from: number; to: number }
  | { type: 'hand_over'; to: string }
  | { type: 'move_presenter'; to: string }
  | { type: 'reveal_phase'; phase: number }
  | ({ type: 'set_done'; done: boolean } & PhaseBound)
  | ({ type: 'board_add'; list: BoardList; text: string } & PhaseBound)
  | { type: 'board_edit'; item: string; text: string; version: number }
  | { type: 'board_move'; item: string; list: BoardList; index: number; version: number }
  | { type: 'board_remove'; item: string; version: number }
  | { type: 'board_mark'; item: string; status: ItemStatus; evidence: EvidenceRef[]; version: number }
  | ({ type: 'board_propose'; list: BoardList; text: string } & PhaseBound)
  | { type: 'proposal_decide'; proposal: string; accept: boolean }
  | ({ type: 'entry_add'; text: string; prompt: number } & PhaseBound)
  | { type: 'entry_edit'; entry: string; text: string; version: number }
  | { type: 'entry_remove'; entry: string }
  | { type: 'entry_share'; entry: string }
  | ({ type: 'adaptation_add' } & AdaptationFields & PhaseBound)
  | ({ type: 'adaptation_edit'; adaptation: string; version: number } & AdaptationFields)
  | { type: 'adaptation_decide'; adaptation: string; accept: boolean; version: number }
  | { type: 'adaptation_remove'; adaptation: string }
  | { type: 'transcript_import'; lines: ImportLine[]; format: string; consent: true }
  | { type: 'transcript_withdraw' }
  | ({ type: 'annotate' } & AnnotateFields & PhaseBound)
  | { type: 'annotation_edit'; annotation: string; tag: AnnotationTag; comment: string; version: number }
  | { type: 'annotation_remove'; annotation: string }
  | ({ type: 'annotation_reply'; annotation: string; text: string } & PhaseBound)
  | { type: 'focus_line'; line: string };

/** A command name the server's contract knows; anything else fails to compile. */
type Known<T extends CommandName> = T;
/** The `type` of every command a client sends. */
export type CommandType = Known<Command['type']>;
export type CommandMessage = Command & { id: string };

/** Text a person wrote into the session: what must never be lost nor land in another phase. */
export type ContentCommand = Extract<
  Command,
  { type: 'board_add' | 'board_propose' | 'entry_add' | 'adaptation_add' | 'annotate' | 'annotation_reply' }
>;
export type ContentType = ContentCommand['type'];

export const CONTENT_TYPES: readonly ContentType[] = [
  'board_add',
  'board_propose',
  'entry_add',
  'adaptation_add',
  'annotate',
  'annotation_reply',
];

export function isContentCommand(c: Command): c is ContentCommand {
  return (CONTENT_TYPES as readonly string[]).includes(c.type);
}

/** A command as a view describes it: the store adds the phase when the person acts. */
export type Unbound<C> = C extends PhaseBound ? Omit<C, 'phase'> : C;

/** The largest frame the server accepts (PROTOCOL.md, Limits). */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

export interface Hello {
  type: 'hello';
  version: number;
  session: string;
  token?: string;
  last_seq?: number;
}

export interface CreatedSession {
  session: string;
  facilitator_key: string;
  join_path: string;
}

/** Parses one text frame; returns null for anything that is not an object with a string `type`. */
export function parseServerMessage(text: string): ServerMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  if (typeof (value as { type?: unknown }).type !== 'string') return null;
  return value as ServerMessage;
}
