// Keeping the session's state in step with the server: the hello (with the
// token and the last sequence number seen), the server's messages in, events
// applied in order (a hole in the log means asking again), acks and refusals
// settling the outbox, and the state cached on this device while it lasts.

import { batch, signal, type Signal } from '@preact/signals';
import type { ClockSync } from '../clock';
import type { DraftBook } from '../drafts';
import {
  PROTOCOL_VERSION,
  isContentCommand,
  parseServerMessage,
  type Hello,
  type Lobby,
  type ServerMessage,
  type SessionState,
} from '../protocol';
import { saveCachedState } from '../saved';
import { applyEvent, normaliseLobby, normaliseState } from '../session-state';
import type { Announcements } from './announcements';
import type { Credentials } from './credentials';
import type { DraftKeeper } from './drafts';
import type { CommandResult, Outbox } from './outbox';
import type { Socket } from './socket';

export interface Fatal {
  code: string;
  message: string;
}

export interface SyncDeps {
  code: string;
  now(): number;
  clock: ClockSync;
  state: Signal<SessionState | null>;
  lobby: Signal<Lobby | null>;
  you: Signal<string | null>;
  /** The sequence number of the cached state, if any. */
  seq: number;
  socket: Socket;
  outbox: Outbox;
  credentials: Credentials;
  announcements: Announcements;
  keeper: DraftKeeper;
  book: DraftBook;
  /** This page stops talking to the session (it is gone, or the page is out of date). */
  shutdown(): void;
}

export function createSync(deps: SyncDeps) {
  const { code, now, clock, state, lobby, you, socket, outbox, credentials, announcements } = deps;
  const fatal = signal<Fatal | null>(null);
  // False while the server says it cannot store changes (its disk fails):
  // the session stays on screen and readable, changes are refused.
  const storageAvailable = signal(true);
  let seq = deps.seq;
  let sentToken = false;
  let persistTimer: ReturnType<typeof setTimeout> | undefined;

  function hello() {
    const token = credentials.token();
    const message: Hello = { type: 'hello', version: PROTOCOL_VERSION, session: code };
    sentToken = Boolean(token);
    if (token) message.token = token;
    // Only ask for a suffix of the log when there is a state to apply it to.
    if (state.value !== null && seq > 0) message.last_seq = seq;
    socket.sendJson(message);
  }

  function receive(text: string) {
    const msg = parseServerMessage(text);
    if (!msg) return;
    switch (msg.type) {
      case 'welcome':
        return onWelcome(msg);
      case 'lobby':
        return onLobby(msg);
      case 'snapshot':
        return onSnapshot(msg);
      case 'event':
        return onEvent(msg);
      case 'ack':
        return onAck(msg);
      case 'error':
        return onError(msg);
      case 'storage':
        storageAvailable.value = msg.state !== 'unavailable';
        return;
      case 'pong':
        if (typeof msg.t === 'number' && typeof msg.server_time === 'number') {
          clock.addSample(msg.t, msg.server_time, now());
        }
        return;
      default:
        return; // a newer server may send more; ignore it
    }
  }

  function onWelcome(msg: Extract<ServerMessage, { type: 'welcome' }>) {
    clock.seed(msg.server_time);
    socket.markHealthy();
    if (sentToken && msg.you === null) credentials.setToken(undefined);
    batch(() => {
      you.value = msg.you ?? null;
      if (msg.you) lobby.value = null;
      socket.setLive();
      // A server still unable to store says so right after the welcome.
      storageAvailable.value = true;
    });
    // Back in touch: what went wrong before reconnecting is past. Refusals of what is still waiting come after this.
    announcements.clearNotices();
    socket.startPings();
    outbox.flush();
  }

  /** Not joined (yet, or any more): the join form's facts, and no session content kept here. */
  function onLobby(msg: Extract<ServerMessage, { type: 'lobby' }>) {
    batch(() => {
      lobby.value = normaliseLobby(msg);
      you.value = null;
      state.value = null;
    });
    seq = 0;
    clearTimeout(persistTimer);
    saveCachedState(code, null);
  }

  function onSnapshot(msg: Extract<ServerMessage, { type: 'snapshot' }>) {
    clock.seed(msg.server_time);
    const before = state.value;
    const after = normaliseState(msg.state);
    seq = msg.seq;
    state.value = after;
    announcements.announceChange(before, after, you.value);
    persistSoon();
  }

  function onEvent(msg: Extract<ServerMessage, { type: 'event' }>) {
    if (msg.seq <= seq) return; // already applied
    if (msg.seq !== seq + 1) {
      // A hole in the log: come back and ask for what is missing.
      socket.restart();
      return;
    }
    const before = state.value;
    const after = msg.event ? applyEvent(before, msg.event) : before;
    seq = msg.seq;
    if (after === null && msg.event?.type !== 'session_created') {
      // An event with nothing to apply it to: start over from a snapshot.
      seq = 0;
      socket.restart();
      return;
    }
    state.value = after;
    announcements.announceChange(before, after, you.value);
    persistSoon();
  }

  function onAck(msg: Extract<ServerMessage, { type: 'ack' }>) {
    const command = outbox.settle(msg.id, { ok: true, seq: msg.seq })?.message;
    // Something this person did went through: an earlier refusal no longer describes where they are.
    if (command) announcements.clearNotices();
    if (command?.type === 'join' && msg.token) {
      credentials.setToken(msg.token);
      batch(() => {
        you.value = msg.you ?? null;
        lobby.value = null;
      });
      // The snapshot comes before the ack; without one, ask again as the participant we now are.
      if (state.value === null) socket.restart();
    }
    if (command?.type === 'leave') {
      credentials.setToken(undefined);
      // A lobby message follows; the session's content is not ours to keep any more.
      batch(() => {
        you.value = null;
        state.value = null;
      });
      forgetContent();
    }
  }

  function onError(msg: Extract<ServerMessage, { type: 'error' }>) {
    if (msg.code === 'rate_limited') return onRateLimited(msg.id ?? null);
    const message = msg.message || msg.code;
    if (msg.id !== undefined && msg.id !== null) {
      const result: CommandResult = { ok: false, code: msg.code, message };
      if (msg.current !== undefined) result.current = msg.current;
      const entry = outbox.settle(msg.id, result);
      if (entry && isContentCommand(entry.message)) {
        // Never dropped: the text comes back to its author as a draft, with the reason.
        deps.keeper.keepDraft(entry.message, entry.writtenIn, message);
        return;
      }
      if (!entry?.quiet) announcements.pushNotice(message, msg.code);
      return;
    }
    if (msg.code === 'not_found' || msg.code === 'unsupported_version') {
      if (msg.code === 'unsupported_version') {
        outbox.keepAsDrafts('Not sent: the server was updated before this reached it.');
      }
      fatal.value = { code: msg.code, message };
      saveCachedState(code, null);
      deps.shutdown();
      return;
    }
    announcements.pushNotice(message, msg.code);
  }

  /**
   * Too many messages at once: a command waits and goes again (the outbox);
   * a refused hello (it has no id) means a fresh connection after the usual
   * backoff.
   */
  function onRateLimited(id: string | null) {
    if (id === null) {
      if (!socket.welcomed.value) socket.restart();
      return; // otherwise a ping: the next one will do
    }
    outbox.retryLater(id);
  }

  function persistSoon() {
    clearTimeout(persistTimer);
    if (state.value?.status === 'ended') return forgetContent();
    persistTimer = setTimeout(() => {
      if (state.value) saveCachedState(code, { seq, state: state.value });
    }, 100);
  }

  /**
   * The session is over for this device (ended, or left): nothing of its content
   * stays in storage on a shared computer. What resuming needs (the token, the
   * facilitator key) and the name typed to join are kept.
   */
  function forgetContent() {
    clearTimeout(persistTimer);
    saveCachedState(code, null);
    deps.book.forgetStored();
  }

  /** No more writes of the cached state. */
  function stop() {
    clearTimeout(persistTimer);
  }

  return { fatal, storageAvailable, hello, receive, stop };
}
