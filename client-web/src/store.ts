// The one owner of a session's live data: the WebSocket, the lobby (before
// joining) and the state (after), as signals; the outbox of commands not yet
// acknowledged; the drafts of writing the session did not take; and the clock
// offset. Views read the signals and call the intents; nothing else talks to
// the server over the socket.

import { batch, computed, signal } from '@preact/signals';
import { createClockSync, type ClockSync } from './clock';
import { createConnection, wsUrl, type Connection } from './connection';
import { createDraftBook, draftText, fitsPhase, retarget, withText, type Draft } from './drafts';
import { allowed } from './permissions';
import {
  MAX_MESSAGE_BYTES,
  PROTOCOL_VERSION,
  isContentCommand,
  parseServerMessage,
  type Command,
  type CommandMessage,
  type CommandType,
  type ContentCommand,
  type ContentType,
  type Hello,
  type Lobby,
  type Role,
  type ServerMessage,
  type SessionState,
  type Unbound,
} from './protocol';
import {
  loadCachedState,
  loadCredentials,
  saveCachedState,
  updateCredentials,
} from './saved';
import { newClientSecret, newIdPrefix } from './secrets';
import { applyEvent, isPrivateNow, normaliseLobby, normaliseState } from './session-state';

/** `paused`: the server let go of a lobby nobody joined from; back on the person's next action. */
export type LinkState = 'live' | 'reconnecting' | 'offline' | 'paused';

export interface Notice {
  key: number;
  message: string;
  code?: string;
}

export interface Fatal {
  code: string;
  message: string;
}

export type CommandResult =
  | { ok: true; seq: number }
  | { ok: false; code: string; message: string; current?: unknown };

export interface SendOptions {
  /** The view shows a rejection itself (e.g. a stale-version conflict), so no global notice. */
  quiet?: boolean;
}

/** Where a piece of writing was written, remembered in case it comes back as a draft. */
interface WrittenIn {
  phaseTitle: string;
  private: boolean;
}

interface OutboxEntry {
  message: CommandMessage;
  quiet: boolean;
  /** Set for content commands. */
  writtenIn?: WrittenIn;
  settle(result: CommandResult): void;
}

/** A content command still in the outbox: shown where it was written, marked as waiting. */
export type Waiting<T extends ContentType = ContentType> = Extract<CommandMessage, { type: T }>;

/** A phase change the facilitator may take back with one click. */
export interface Advance {
  key: number;
  from: number;
  fromTitle: string;
  toTitle: string;
}

const PING_EVERY_MS = 15_000;
const FIRST_PINGS = 4;
const FIRST_PING_SPACING_MS = 300;
/** The server refills a person's allowance at 20 messages a second: a second's wait is plenty. */
const RATE_LIMITED_RETRY_MS = 1_000;
/** No frame at all for this long means the link is dead even if TCP has not noticed. */
const SILENCE_LIMIT_MS = 40_000;
/** Consecutive failed attempts after which the indicator says offline. */
const OFFLINE_AFTER_FAILURES = 4;
const ROLE_WITH_ARTICLE: Record<Role, string> = {
  facilitator: 'the facilitator',
  presenter: 'the presenter',
  colleague: 'a colleague',
  observer: 'an observer',
};

export interface StoreOptions {
  url?: string;
  now?: () => number;
}

export function createSessionStore(code: string, options: StoreOptions = {}) {
  const now = options.now ?? Date.now;
  const clock: ClockSync = createClockSync(now);

  // ---- state, as signals
  const cached = loadCachedState(code);
  const state = signal<SessionState | null>(cached ? normaliseState(cached.state) : null);
  /** What the join form needs, before joining (and again after leaving). */
  const lobby = signal<Lobby | null>(null);
  const you = signal<string | null>(null);
  const welcomed = signal(false);
  const link = signal<LinkState>('reconnecting');
  const everLive = signal(false);
  const notices = signal<Notice[]>([]);
  const fatal = signal<Fatal | null>(null);
  const outboxSize = signal(0);
  const waiting = signal<Waiting[]>([]);
  const drafts = createDraftBook(code, now);
  const announcement = signal('');
  // False while the server says it cannot store changes (its disk fails):
  // the session stays on screen and readable, changes are refused.
  const storageAvailable = signal(true);
  const hasFacilitatorKey = signal(Boolean(loadCredentials(code).facilitator_key));
  const lastAdvance = signal<Advance | null>(null);

  const me = computed(() => state.value?.participants.find((p) => p.id === you.value) ?? null);
  /** A participant's view needs both: who we are, and the snapshot the server sent us as them. */
  const joined = computed(() => me.value !== null);
  const isFacilitator = computed(() => me.value?.role === 'facilitator');
  const phases = computed(() => state.value?.template.phases ?? []);
  const currentPhase = computed(() => {
    const s = state.value;
    return s ? (s.template.phases[s.phase] ?? null) : null;
  });
  const presenterTaken = computed(() =>
    (state.value ?? lobby.value)?.participants.some((p) => p.role === 'presenter') ?? false,
  );
  const role = computed<Role | null>(() => me.value?.role ?? null);
  const isPresenter = computed(() => role.value === 'presenter');
  const names = computed(() => new Map((state.value?.participants ?? []).map((p) => [p.id, p.name])));

  // ---- bookkeeping outside the signals
  let seq = cached?.seq ?? 0;
  let sentToken = false;
  let lastFrameAt = now();
  let commandCounter = 0;
  let noticeCounter = 0;
  let advanceCounter = 0;
  const idPrefix = newIdPrefix();
  const outbox = new Map<string, OutboxEntry>();
  let pingTimers: ReturnType<typeof setTimeout>[] = [];
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let persistTimer: ReturnType<typeof setTimeout> | undefined;

  const connection: Connection = createConnection(options.url ?? wsUrl(), {
    onOpen: sendHello,
    onMessage: receive,
    onDown(retryInMs, failures) {
      batch(() => {
        welcomed.value = false;
        if (retryInMs === Infinity) return;
        const offline = failures >= OFFLINE_AFTER_FAILURES || navigator.onLine === false;
        link.value = offline ? 'offline' : 'reconnecting';
      });
      stopPings();
    },
    onPaused() {
      batch(() => {
        welcomed.value = false;
        link.value = 'paused';
      });
      stopPings();
    },
  });

  // ---- outgoing
  function sendJson(value: unknown): boolean {
    return connection.send(JSON.stringify(value));
  }

  function sendHello() {
    lastFrameAt = now();
    const creds = loadCredentials(code);
    const hello: Hello = { type: 'hello', version: PROTOCOL_VERSION, session: code };
    sentToken = Boolean(creds.token);
    if (creds.token) hello.token = creds.token;
    // Only ask for a suffix of the log when there is a state to apply it to.
    if (state.value !== null && seq > 0) hello.last_seq = seq;
    sendJson(hello);
  }

  function ping() {
    sendJson({ type: 'ping', t: now() });
  }

  function startPings() {
    stopPings();
    for (let i = 0; i < FIRST_PINGS; i++) {
      pingTimers.push(setTimeout(ping, i * FIRST_PING_SPACING_MS));
    }
  }

  function stopPings() {
    for (const t of pingTimers) clearTimeout(t);
    pingTimers = [];
  }

  /** Sends every queued command, oldest first, keeping each one's id. */
  function flushOutbox() {
    if (!welcomed.value) return;
    for (const entry of outbox.values()) sendJson(entry.message);
  }

  function outboxChanged() {
    outboxSize.value = outbox.size;
    waiting.value = [...outbox.values()].map((e) => e.message).filter((m): m is Waiting => isContentCommand(m));
  }

  /** The phase the person is in now: what their writing belongs to. */
  function here(): string {
    return currentPhase.value?.id ?? '';
  }

  function writtenIn(phaseId: string): WrittenIn {
    const s = state.value;
    const phase = s?.template.phases.find((p) => p.id === phaseId);
    return { phaseTitle: phase?.title ?? '', private: isPrivateNow(phase, s?.revealed ?? []) };
  }

  /** Content commands carry the phase current when the person acts, not when the outbox is flushed. */
  function write(command: Unbound<ContentCommand>): Promise<CommandResult> {
    return send({ ...command, phase: here() } as ContentCommand);
  }

  /**
   * Queues one command of PROTOCOL.md §5 in the outbox and sends it when the
   * link is up; answers with the server's ack or refusal.
   */
  function send(command: Command, options: SendOptions = {}): Promise<CommandResult> {
    commandCounter += 1;
    const id = `${idPrefix}-${commandCounter}`;
    const message = { ...command, id } as CommandMessage;
    const bytes = new TextEncoder().encode(JSON.stringify(message)).length;
    if (bytes > MAX_MESSAGE_BYTES) {
      // The server would close the connection over it; say so instead.
      const kib = Math.ceil(bytes / 1024);
      const message = `This change is ${kib} KiB, more than the ${MAX_MESSAGE_BYTES / 1024} KiB one message may carry.`;
      if (isContentCommand(command)) keepDraft(command, undefined, message);
      return Promise.resolve({ ok: false, code: 'too_large', message });
    }
    return new Promise<CommandResult>((resolve) => {
      const entry: OutboxEntry = { message, quiet: Boolean(options.quiet), settle: resolve };
      if (isContentCommand(command)) entry.writtenIn = writtenIn(command.phase);
      outbox.set(id, entry);
      outboxChanged();
      if (welcomed.value) sendJson(message);
    });
  }

  function settle(id: string, result: CommandResult): OutboxEntry | null {
    const entry = outbox.get(id);
    if (!entry) return null;
    outbox.delete(id);
    outboxChanged();
    entry.settle(result);
    return entry;
  }

  // ---- incoming
  function receive(text: string) {
    lastFrameAt = now();
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
    connection.markHealthy();
    if (sentToken && msg.you === null) updateCredentials(code, { token: undefined });
    batch(() => {
      you.value = msg.you ?? null;
      if (msg.you) lobby.value = null;
      welcomed.value = true;
      // A server still unable to store says so right after the welcome.
      storageAvailable.value = true;
      link.value = 'live';
      everLive.value = true;
    });
    // Back in touch: what went wrong before reconnecting is past. Refusals of what is still waiting come after this.
    notices.value = [];
    startPings();
    flushOutbox();
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
    announceChange(before, after);
    persistSoon();
  }

  function onEvent(msg: Extract<ServerMessage, { type: 'event' }>) {
    if (msg.seq <= seq) return; // already applied
    if (msg.seq !== seq + 1) {
      // A hole in the log: come back and ask for what is missing.
      connection.restart();
      return;
    }
    const before = state.value;
    const after = applyEvent(before, msg.event ?? { type: '' }, msg.time);
    seq = msg.seq;
    if (after === null && msg.event?.type !== 'session_created') {
      // An event with nothing to apply it to: start over from a snapshot.
      seq = 0;
      connection.restart();
      return;
    }
    state.value = after;
    announceChange(before, after);
    persistSoon();
  }

  function onAck(msg: Extract<ServerMessage, { type: 'ack' }>) {
    const command = settle(msg.id, { ok: true, seq: msg.seq })?.message;
    // Something this person did went through: an earlier refusal no longer describes where they are.
    if (command) notices.value = [];
    if (command?.type === 'join' && msg.token) {
      updateCredentials(code, { token: msg.token });
      batch(() => {
        you.value = msg.you ?? null;
        lobby.value = null;
      });
      // The snapshot comes before the ack; without one, ask again as the participant we now are.
      if (state.value === null) connection.restart();
    }
    if (command?.type === 'leave') {
      updateCredentials(code, { token: undefined });
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
      const entry = settle(msg.id, result);
      if (entry && isContentCommand(entry.message)) {
        // Never dropped: the text comes back to its author as a draft, with the reason.
        keepDraft(entry.message, entry.writtenIn, message);
        return;
      }
      if (!entry?.quiet) pushNotice(message, msg.code);
      return;
    }
    if (msg.code === 'not_found' || msg.code === 'unsupported_version') {
      if (msg.code === 'unsupported_version') {
        keepOutboxAsDrafts('Not sent: the server was updated before this reached it.');
      }
      fatal.value = { code: msg.code, message };
      saveCachedState(code, null);
      shutdown();
      return;
    }
    pushNotice(message, msg.code);
  }

  /**
   * Too many messages at once (many people behind one school address, or a
   * burst of clicks): nothing was applied, so the same message goes again a
   * little later, still waiting in the outbox. A refused hello (it has no id)
   * means a fresh connection after the usual backoff.
   */
  function onRateLimited(id: string | null) {
    if (id === null) {
      if (!welcomed.value) connection.restart();
      return; // otherwise a ping: the next one will do
    }
    if (!outbox.has(id)) return;
    const delay = RATE_LIMITED_RETRY_MS * (1 + Math.random());
    setTimeout(() => {
      const entry = outbox.get(id);
      if (entry && welcomed.value) sendJson(entry.message);
    }, delay);
  }

  // ---- drafts: writing the session did not take
  function keepDraft(command: ContentCommand, where: WrittenIn | undefined, reason: string) {
    const { id: _sent, ...written } = command as ContentCommand & { id?: string };
    const origin = where ?? writtenIn(written.phase);
    drafts.keep({ command: written, phaseTitle: origin.phaseTitle, private: origin.private, reason });
    announcement.value = `Not added: ${reason} Your text is kept under “Drafts not sent”.`;
  }

  /** Writing still waiting when this page stops talking to the session becomes drafts, not lost. */
  function keepOutboxAsDrafts(reason: string) {
    for (const [id, entry] of outbox) {
      if (!isContentCommand(entry.message)) continue;
      outbox.delete(id);
      keepDraft(entry.message, entry.writtenIn, reason);
    }
    outboxChanged();
  }

  /** Whether the current phase takes a draft from this person. */
  function draftFits(draft: Draft): boolean {
    const s = state.value;
    return s !== null && fitsPhase(s, role.value, draft.command);
  }

  /** Sends a draft again, now bound to the current phase: only ever on the author's click. */
  function addDraft(key: string): Promise<CommandResult> | null {
    const draft = drafts.list.value.find((d) => d.key === key);
    const phase = currentPhase.value;
    if (!draft || !phase || !draftFits(draft) || !draftText(draft.command).trim()) return null;
    drafts.discard(key);
    const command = retarget(withText(draft.command, draftText(draft.command).trim()), phase);
    return send(command);
  }

  /** Text left in a composer whose phase ended before it was added. */
  function keepUnsent(command: Unbound<ContentCommand>, phaseId: string) {
    const s = state.value;
    const now = s?.template.phases[s.phase];
    const reason =
      s?.status === 'ended'
        ? 'The session ended before you added this.'
        : `The session moved on to “${now?.title ?? 'another phase'}” before you added this.`;
    keepDraft({ ...command, phase: phaseId } as ContentCommand, undefined, reason);
  }

  // ---- side effects of state changes
  function announceChange(before: SessionState | null, after: SessionState | null) {
    if (!after) return;
    const phase = after.template.phases[after.phase];
    if (before && before.status !== after.status) {
      if (after.status === 'live' && phase) {
        announcement.value = `Session started. Phase ${after.phase + 1}: ${phase.title}`;
        return;
      }
      if (after.status === 'ended') {
        announcement.value = 'The session has ended.';
        return;
      }
    }
    const roleBefore = before?.participants.find((p) => p.id === you.value)?.role;
    const roleAfter = after.participants.find((p) => p.id === you.value)?.role;
    if (roleBefore && roleAfter && roleBefore !== roleAfter) {
      announcement.value = `You are now ${ROLE_WITH_ARTICLE[roleAfter]}.`;
      return;
    }
    if (before && before.phase !== after.phase && phase) {
      announcement.value = `Phase ${after.phase + 1} of ${after.template.phases.length}: ${phase.title}`;
      return;
    }
    if (before && before.timer.status !== 'expired' && after.timer.status === 'expired') {
      announcement.value = `Time is up for ${phase?.title ?? 'this phase'}.`;
    }
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
    drafts.forgetStored();
  }

  function pushNotice(message: string, noticeCode?: string) {
    noticeCounter += 1;
    notices.value = [...notices.value, { key: noticeCounter, message, code: noticeCode }];
  }

  function checkHeartbeat() {
    if (!welcomed.value) return;
    if (now() - lastFrameAt > SILENCE_LIMIT_MS) {
      connection.restart();
      return;
    }
    ping();
  }

  const onPageHide = () =>
    keepOutboxAsDrafts('The page was closed before the session confirmed this. If it is not in the session, add it again.');

  function shutdown() {
    window.removeEventListener('pagehide', onPageHide);
    clearInterval(heartbeat);
    clearTimeout(persistTimer);
    stopPings();
    connection.stop();
    welcomed.value = false;
  }

  function can(command: CommandType): boolean {
    const s = state.value;
    if (!s || s.status === 'ended') return false;
    return allowed(command, role.value, s.template.phases[s.phase]?.kind);
  }

  async function advance(): Promise<CommandResult> {
    const s = state.value;
    const from = s?.phase ?? 0;
    const fromTitle = s?.template.phases[from]?.title ?? '';
    const result = await send({ type: 'next_phase' });
    if (result.ok) {
      const now = state.value;
      advanceCounter += 1;
      lastAdvance.value = {
        key: advanceCounter,
        from,
        fromTitle,
        toTitle: now?.template.phases[now.phase]?.title ?? '',
      };
    }
    return result;
  }

  /** The key a download of the session's record needs: the facilitator key, or the presenter's token. */
  function exportKey(): string | null {
    const creds = loadCredentials(code);
    if (creds.facilitator_key) return creds.facilitator_key;
    if (role.value === 'presenter' && creds.token) return creds.token;
    return null;
  }

  // ---- intents: only where there is more to do than build the command (which
  // views do themselves, then call `send`, or `write` for content commands)
  const intents = {
    /**
     * Joins; a facilitator sends the key this browser keeps, or `typedKey`,
     * pasted on a device that was never given it (kept here once it worked).
     * Quiet: the join form shows a refusal itself.
     */
    async join(name: string, role: Role, typedKey = ''): Promise<CommandResult> {
      // One secret per attempt, kept in the outbox entry: a retry resends the same id and secret.
      const command: Command = { type: 'join', name: name.trim(), role, client_secret: newClientSecret() };
      const key = role === 'facilitator' ? typedKey.trim() || loadCredentials(code).facilitator_key : undefined;
      if (key) command.facilitator_key = key;
      const result = await send(command, { quiet: true });
      if (result.ok && role === 'facilitator' && typedKey.trim()) {
        updateCredentials(code, { facilitator_key: typedKey.trim() });
        hasFacilitatorKey.value = true;
      }
      return result;
    },
    nextPhase: advance,
    undoAdvance() {
      const a = lastAdvance.value;
      lastAdvance.value = null;
      return a ? send({ type: 'go_to_phase', phase: a.from }) : null;
    },
    dismissAdvance: () => {
      lastAdvance.value = null;
    },
    /** Ready or not for the phase the person is in now. Quiet: the toggle shows a refusal itself. */
    setDone: (done: boolean) => send({ type: 'set_done', done, phase: here() }, { quiet: true }),
    /** The facilitator's one key: start the session, then start/pause/resume the timer. */
    primaryAction(): Promise<CommandResult> | null {
      const s = state.value;
      if (!s || s.status === 'ended') return null;
      if (s.status === 'lobby') return send({ type: 'start_session' });
      switch (s.timer.status) {
        case 'running':
          return send({ type: 'timer_pause' });
        case 'paused':
          return send({ type: 'timer_resume' });
        default:
          return send({ type: 'timer_start' });
      }
    },
    announce(text: string) {
      announcement.value = text;
    },
    dismissNotice(key: number) {
      notices.value = notices.value.filter((n) => n.key !== key);
    },
    retryNow: () => connection.retryNow(),
    // drafts
    addDraft,
    keepUnsent,
    editDraft: (key: string, text: string) => drafts.edit(key, text),
    discardDraft: (key: string) => drafts.discard(key),
  };

  function start() {
    heartbeat = setInterval(checkHeartbeat, PING_EVERY_MS);
    window.addEventListener('pagehide', onPageHide);
    connection.start();
  }

  /** Leaving the session's page: what is still waiting becomes drafts, then the socket closes. */
  function dispose() {
    onPageHide();
    drafts.dispose();
    shutdown();
  }

  /** Writing of one kind still waiting for the server, oldest first. */
  function waitingOf<T extends ContentType>(type: T): Waiting<T>[] {
    return waiting.value.filter((m): m is Waiting<T> => m.type === type);
  }

  return {
    code,
    // signals
    state,
    lobby,
    you,
    welcomed,
    link,
    everLive,
    notices,
    fatal,
    outboxSize,
    waiting,
    waitingOf,
    drafts: drafts.list,
    draftFits,
    announcement,
    storageAvailable,
    hasFacilitatorKey,
    me,
    joined,
    isFacilitator,
    phases,
    currentPhase,
    presenterTaken,
    role,
    isPresenter,
    names,
    lastAdvance,
    can,
    exportKey,
    /** A participant's name, or a neutral word when unknown or anonymous. */
    nameOf: (id: string | undefined) => (id ? (names.value.get(id) ?? 'Someone who left') : 'Anonymous'),
    // clock, for rendering the countdown
    serverNow: () => clock.serverNow(),
    clockOffset: () => clock.offset(),
    send,
    write,
    ...intents,
    start,
    dispose,
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
