// The client's copy of the session reducer: applies one event to a state
// value, never mutating it. Mirrors the effects table of PROTOCOL.md §3.

import type {
  Adaptation,
  AnnotationView,
  BoardItem,
  CarriedItem,
  CheckIn,
  EntryView,
  Lobby,
  LobbyPhase,
  Notice,
  Participant,
  Phase,
  Proposal,
  SessionEvent,
  SessionState,
  Timer,
} from './protocol';

/** A private phase whose writing is still each author's own (not yet revealed). */
export function isPrivateNow(phase: Phase | undefined, revealed: string[]): boolean {
  return phase?.private === true && !revealed.includes(phase.id);
}

/** A phase's timer before it is started, as the server makes it (state.cpp's idle_timer_for). */
export function idleTimer(minutes: number): Timer {
  const ms = minutes * 60_000;
  return { status: 'idle', duration_ms: ms, remaining_ms: ms, ends_at: 0, used_ms: 0, since: 0, zero_used_ms: 0 };
}

const array = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/**
 * Fills in what an older snapshot or cache may lack, so that views can rely
 * on every list being there.
 */
export function normaliseState(raw: SessionState): SessionState {
  const s = raw as Partial<SessionState> & Pick<SessionState, 'template'>;
  return {
    session: String(s.session ?? ''),
    title: String(s.title ?? ''),
    created_at: Number(s.created_at ?? 0),
    status: s.status ?? 'lobby',
    phase: Number(s.phase ?? 0),
    timer: s.timer ?? idleTimer(s.template.phases[0]?.minutes ?? 0),
    participants: array<Participant>(s.participants),
    participants_ever_joined: Number(s.participants_ever_joined ?? 0),
    template: { ...s.template, phases: array<Phase>(s.template.phases) },
    date: String(s.date ?? ''),
    learners: array<string>(s.learners),
    carried: array<CarriedItem>(s.carried),
    board: array<BoardItem>(s.board),
    proposals: array<Proposal>(s.proposals),
    entries: array<EntryView>(s.entries),
    adaptations: array<Adaptation>(s.adaptations),
    transcript: s.transcript ?? null,
    annotations: array<AnnotationView>(s.annotations),
    check_ins: array<CheckIn>(s.check_ins),
    done: array<string>(s.done),
    revealed: array<string>(s.revealed),
    focus_line: String(s.focus_line ?? ''),
    ids_issued: Number(s.ids_issued ?? 0),
    phase_timers: s.phase_timers && typeof s.phase_timers === 'object' ? { ...s.phase_timers } : {},
    notices: array<Notice>(s.notices),
  };
}

/** The lobby message's facts, with every list there even if the server left one out. */
export function normaliseLobby(raw: Partial<Lobby>): Lobby {
  return {
    session: String(raw.session ?? ''),
    title: String(raw.title ?? ''),
    template: String(raw.template ?? ''),
    status: raw.status ?? 'lobby',
    phases: array<LobbyPhase>(raw.phases),
    participants: array<Participant>(raw.participants),
  };
}

/**
 * Carried assumptions go on the board at creation, as evolve.cpp puts them:
 * list `assumptions`, no author, ids numbered from 1 in carried order.
 */
function carriedAssumptions(carried: CarriedItem[]): BoardItem[] {
  return carried
    .filter((c) => c.kind === 'assumption')
    .map((c, i) => ({
      id: `i${i + 1}`,
      list: 'assumptions',
      text: c.text,
      author: '',
      status: c.status,
      evidence: [],
      version: 1,
      thread: c.thread,
    }));
}

function initialState(event: Extract<SessionEvent, { type: 'session_created' }>): SessionState {
  const template = event.template;
  // An event from before inquiries may lack `carried` (normaliseState fills the rest in).
  const carried = array<CarriedItem>(event.carried);
  const board = carriedAssumptions(carried);
  return normaliseState({
    session: event.session,
    title: event.title,
    created_at: event.created_at,
    status: 'lobby',
    phase: 0,
    timer: idleTimer(template.phases[0]?.minutes ?? 0),
    template,
    date: event.date,
    learners: event.learners,
    carried,
    board,
    ids_issued: board.length,
  } as SessionState);
}

/**
 * The number an id was issued with: the digits from its first one ("e12" → 12;
 * none → 0), read as evolve.cpp's note_id reads them (an int, or 0 past one).
 */
function idNumber(id: string): number {
  const digits = /[0-9]+/.exec(id);
  const n = digits ? Number(digits[0]) : 0;
  return n <= 2 ** 31 - 1 ? n : 0;
}

/** `ids_issued` after an event carrying objects with these ids (PROTOCOL.md §2). */
function issued(state: SessionState, ids: string[]): number {
  return ids.reduce((most, id) => Math.max(most, idNumber(id)), state.ids_issued);
}

/** Replaces the element with the same id, or appends it. */
export function upsert<T extends { id: string }>(list: T[], value: T): T[] {
  const i = list.findIndex((x) => x.id === value.id);
  if (i === -1) return [...list, value];
  const next = list.slice();
  next[i] = value;
  return next;
}

const without = <T extends { id: string }>(list: T[], id: string): T[] => list.filter((x) => x.id !== id);

/** Inserts an item at a position counted within its own list (the server's place_in_list). */
function placeInList(board: BoardItem[], item: BoardItem, index: number): BoardItem[] {
  let seen = 0;
  let at = board.length;
  for (let i = 0; i < board.length; i++) {
    if (board[i].list !== item.list) continue;
    if (seen === index) {
      at = i;
      break;
    }
    seen++;
  }
  return [...board.slice(0, at), item, ...board.slice(at)];
}

function saveBoardItem(board: BoardItem[], item: BoardItem, index: number): BoardItem[] {
  if (board.some((x) => x.id === item.id)) return upsert(board, item);
  if (index < 0) return [...board, item];
  return placeInList(board, item, index);
}

function moveBoardItem(board: BoardItem[], event: Extract<SessionEvent, { type: 'board_item_moved' }>): BoardItem[] {
  const found = board.find((x) => x.id === event.item);
  if (!found) return board;
  const moved: BoardItem = { ...found, list: event.list, version: event.version };
  return placeInList(without(board, event.item), moved, event.index);
}

/** Revealed values replace placeholders; an empty author never hides one we already know. */
function mergeRevealed<T extends EntryView | AnnotationView>(list: T[], revealed: readonly T[]): T[] {
  let out = list;
  for (const value of revealed) {
    const known = out.find((x) => x.id === value.id);
    const author = value.author || known?.author || '';
    out = upsert(out, { ...value, author });
  }
  return out;
}

/**
 * Returns the state after `event` (as the server sent it to this client).
 * Unknown event types leave the state as it was; the caller still advances seq.
 */
export function applyEvent(state: SessionState | null, event: SessionEvent): SessionState | null {
  if (event.type === 'session_created') return initialState(event);
  if (state === null) return null;
  switch (event.type) {
    case 'participant_joined': {
      const joined = event.participant;
      const others = state.participants.filter((p) => p.id !== joined.id);
      return {
        ...state,
        participants: [...others, joined],
        participants_ever_joined: state.participants_ever_joined + 1,
      };
    }
    case 'participant_left':
      return {
        ...state,
        participants: state.participants.filter((p) => p.id !== event.participant),
        done: state.done.filter((id) => id !== event.participant),
      };
    case 'presence_changed':
      return {
        ...state,
        participants: state.participants.map((p) => (p.id === event.participant ? { ...p, online: event.online } : p)),
      };
    case 'session_started':
      return { ...state, status: 'live', phase: event.phase, timer: event.timer, done: [] };
    case 'phase_timer_saved':
      return { ...state, phase_timers: { ...state.phase_timers, [event.phase]: event.timer } };
    case 'phase_changed':
      return { ...state, phase: event.phase, timer: event.timer, done: [] };
    case 'timer_started':
    case 'timer_paused':
    case 'timer_resumed':
    case 'timer_extended':
    case 'timer_reset':
    case 'timer_expired':
      return { ...state, timer: event.timer };
    case 'session_ended':
      return { ...state, status: 'ended', timer: event.timer };
    case 'agenda_changed': {
      const phases = event.phases;
      return {
        ...state,
        template: { ...state.template, phases },
        phase: event.phase,
        timer: event.timer,
        ids_issued: issued(
          state,
          phases.map((p) => p.id),
        ),
      };
    }
    case 'facilitator_handed_over':
      return {
        ...state,
        participants: state.participants.map((p) =>
          p.id === event.to ? { ...p, role: 'facilitator' } : p.id === event.from ? { ...p, role: 'colleague' } : p,
        ),
      };
    case 'presenter_moved':
      // As evolve.cpp: the one who presented (if anyone) becomes a colleague, `to` presents.
      return {
        ...state,
        participants: state.participants.map((p) =>
          p.id === event.to ? { ...p, role: 'presenter' } : p.id === event.from ? { ...p, role: 'colleague' } : p,
        ),
      };
    case 'phase_revealed':
      return {
        ...state,
        revealed: state.revealed.includes(event.phase) ? state.revealed : [...state.revealed, event.phase],
        entries: mergeRevealed<EntryView>(state.entries, event.entries),
        annotations: mergeRevealed<AnnotationView>(state.annotations, event.annotations),
      };
    case 'readiness_changed': {
      const others = state.done.filter((id) => id !== event.participant);
      return { ...state, done: event.done ? [...others, event.participant] : others };
    }
    case 'board_item_saved': {
      const item = event.item;
      return {
        ...state,
        board: saveBoardItem(state.board, item, event.index),
        ids_issued: issued(state, [item.id]),
      };
    }
    case 'board_item_moved':
      return { ...state, board: moveBoardItem(state.board, event) };
    case 'board_item_removed':
      return { ...state, board: without(state.board, event.item) };
    case 'proposal_saved': {
      const proposal = event.proposal;
      return { ...state, proposals: upsert(state.proposals, proposal), ids_issued: issued(state, [proposal.id]) };
    }
    case 'entry_saved': {
      const entry = event.entry;
      return { ...state, entries: upsert<EntryView>(state.entries, entry), ids_issued: issued(state, [entry.id]) };
    }
    case 'entry_removed':
      return { ...state, entries: without(state.entries, event.entry) };
    case 'adaptation_saved': {
      const adaptation = event.adaptation;
      return {
        ...state,
        adaptations: upsert(state.adaptations, adaptation),
        ids_issued: issued(state, [adaptation.id]),
      };
    }
    case 'adaptation_removed':
      return { ...state, adaptations: without(state.adaptations, event.adaptation) };
    case 'transcript_imported':
      return { ...state, transcript: event.transcript };
    case 'transcript_withdrawn':
      return { ...state, transcript: null, annotations: [], focus_line: '' };
    case 'annotation_saved': {
      // A placeholder (see PROTOCOL.md, Privacy) carries no replies.
      const annotation = event.annotation;
      const replies = 'replies' in annotation ? annotation.replies.map((r) => r.id) : [];
      return {
        ...state,
        annotations: upsert<AnnotationView>(state.annotations, annotation),
        ids_issued: issued(state, [annotation.id, ...replies]),
      };
    }
    case 'annotation_removed':
      return { ...state, annotations: without(state.annotations, event.annotation) };
    case 'focus_changed':
      return { ...state, focus_line: event.line };
    case 'check_in_saved': {
      const checkIn = event.check_in;
      return { ...state, check_ins: upsert(state.check_ins, checkIn), ids_issued: issued(state, [checkIn.id]) };
    }
    case 'notice_posted': {
      // Never edited: one already there (the same event again) stays as it is.
      const notice = event.notice;
      if (state.notices.some((n) => n.id === notice.id)) return state;
      return { ...state, notices: [...state.notices, notice], ids_issued: issued(state, [notice.id]) };
    }
    case 'scrubbed':
      return state;
    default:
      // An event type this client does not know (a newer server): nothing to apply.
      return state;
  }
}
