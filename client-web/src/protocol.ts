// Wire types of protocol/PROTOCOL.md, version 1. Times are server-clock
// milliseconds since the Unix epoch.

export const PROTOCOL_VERSION = 1;

export type Role = 'facilitator' | 'presenter' | 'colleague' | 'observer';
export type SessionStatus = 'lobby' | 'live' | 'ended';
export type TimerStatus = 'idle' | 'running' | 'paused' | 'expired';
export type PhaseKind =
  | 'opening'
  | 'assumptions'
  | 'transcript'
  | 'adaptations'
  | 'reflection'
  | 'discussion'
  | 'chart';

export interface Phase {
  id: string;
  title: string;
  kind: PhaseKind | string;
  minutes: number;
  prompts: string[];
}

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
}

export interface Participant {
  id: string;
  name: string;
  role: Role;
  online: boolean;
}

export interface SessionState {
  session: string;
  title: string;
  created_at: number;
  status: SessionStatus;
  phase: number;
  timer: Timer;
  participants: Participant[];
  template: Template;
}

/** An event as carried inside an `event` message; unknown types are allowed. */
export interface SessionEvent {
  type: string;
  [field: string]: unknown;
}

export type ServerMessage =
  | { type: 'welcome'; version: number; session: string; server_time: number; you: string | null }
  | { type: 'snapshot'; seq: number; server_time: number; state: SessionState }
  | { type: 'event'; seq: number; time: number; event: SessionEvent }
  | { type: 'ack'; id: string; seq: number; you?: string; token?: string }
  | { type: 'error'; id?: string; code: string; message: string }
  | { type: 'pong'; t: number; server_time: number };

export type Command =
  | { type: 'join'; name: string; role: Role; facilitator_key?: string }
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
  | { type: 'end_session' };

export type CommandMessage = Command & { id: string };

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
