// Wire types of protocol/PROTOCOL.md, version 2. Times are server-clock
// milliseconds since the Unix epoch.

/**
 * Every event as a client receives it and every command a client sends, by
 * `type`, with the forms a command carries (`NewPhase` for add_phase,
 * `ImportLine` for transcript_import): generated from the server's structs.
 */
export type {
  Command,
  CommandName,
  ErrorCode,
  EventName,
  ImportLine,
  NewPhase,
  SessionEvent,
} from './generated/contract';

/** The session's parts as the server sends them (generated, like the unions above). */
export type {
  Adaptation,
  AdaptationStatus,
  Annotation,
  AnnotationTag,
  BoardItem,
  BoardList,
  CarriedItem,
  CarriedKind,
  CheckIn,
  CheckInDecision,
  Entry,
  Hidden,
  ItemStatus,
  Participant,
  Phase,
  PhaseKind,
  Proposal,
  ProposalState,
  Reply,
  Role,
  SpeakerRole,
  Template,
  Timer,
  TimerStatus,
  Tried,
  Transcript,
  TranscriptLine,
  Writers,
  Notice,
  NoticeKind,
} from './generated/contract';
// What this file's own types are built from.
import type {
  Adaptation,
  Annotation,
  BoardItem,
  CarriedItem,
  CheckIn,
  Command,
  CommandName,
  Entry,
  ErrorCode,
  Hidden,
  Notice,
  Participant,
  PhaseKind,
  Proposal,
  SessionEvent,
  Template,
  Timer,
  Transcript,
  TranscriptLine,
} from './generated/contract';
/** A transcript line as the state holds it. */
export type TranscriptLineWire = TranscriptLine;

export const PROTOCOL_VERSION = 2;

export type SessionStatus = 'lobby' | 'live' | 'ended';

/** `item:<id>`, `annotation:<id>` or `line:<id>`. */
export type EvidenceRef = string;

export type EntryView = Entry | Hidden;
export type AnnotationView = Annotation | Hidden;

export function isHidden<T extends object>(x: T | Hidden): x is Hidden {
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
  /** A session of an inquiry: the day it is planned for (YYYY-MM-DD), or ''. */
  date: string;
  /** A session of an inquiry: its focal learners' pseudonyms. */
  learners: string[];
  /** What the inquiry's earlier sessions handed on to this one. */
  carried: CarriedItem[];
  board: BoardItem[];
  proposals: Proposal[];
  entries: EntryView[];
  adaptations: Adaptation[];
  transcript: Transcript | null;
  annotations: AnnotationView[];
  check_ins: CheckIn[];
  done: string[];
  revealed: string[];
  focus_line: string;
  ids_issued: number;
  /** Timers of phases left part-way, by phase id: stepping back resumes them. */
  phase_timers: Record<string, Timer>;
  /** Notices from the event host, oldest first (a room of an event). */
  notices: Notice[];
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

/**
 * The id of the phase the author wrote in (the current phase when they
 * acted): the server refuses the command if the session has moved on.
 */
export interface PhaseBound {
  phase: string;
}

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
