// The one owner of a session's live data, put together from one module per
// idea (src/store/): the WebSocket and its heartbeat (socket), the outbox of
// commands not yet acknowledged (outbox), the state kept in step with the
// server (sync), what the page announces (announcements), what this browser
// keeps to come back (credentials) and the drafts of writing the session did
// not take (drafts). Views read the signals, build commands and `send` them
// (`write` for writing, bound to the phase the person is in); nothing else
// talks to the server over the socket.

import { computed, signal } from '@preact/signals';
import { createClockSync, type ClockSync } from './clock';
import { wsUrl } from './connection';
import { createDraftBook } from './drafts';
import { allowed } from './permissions';
import type { Command, CommandType, ContentCommand, Lobby, Role, SessionState, Unbound } from './protocol';
import { loadCachedState } from './saved';
import { newClientSecret } from './secrets';
import { normaliseState } from './session-state';
import { createAnnouncements } from './store/announcements';
import { createCredentials } from './store/credentials';
import { createDraftKeeper } from './store/drafts';
import { createOutbox, type CommandResult, type SendOptions } from './store/outbox';
import { createSocket } from './store/socket';
import { createSync } from './store/sync';

export type { Notice } from './store/announcements';
export type { CommandResult, SendOptions, Waiting } from './store/outbox';
export type { LinkState } from './store/socket';
export type { Fatal } from './store/sync';

/** A phase change the facilitator may take back with one click. */
export interface Advance {
  key: number;
  from: number;
  fromTitle: string;
  toTitle: string;
}

export interface StoreOptions {
  url?: string;
  now?: () => number;
}

export function createSessionStore(code: string, options: StoreOptions = {}) {
  const now = options.now ?? Date.now;
  const clock: ClockSync = createClockSync(now);

  // ---- the session, as signals
  const cached = loadCachedState(code);
  const state = signal<SessionState | null>(cached ? normaliseState(cached.state) : null);
  /** What the join form needs, before joining (and again after leaving). */
  const lobby = signal<Lobby | null>(null);
  const you = signal<string | null>(null);
  const lastAdvance = signal<Advance | null>(null);
  let advanceCounter = 0;

  const me = computed(() => state.value?.participants.find((p) => p.id === you.value) ?? null);
  /** A participant's view needs both: who we are, and the snapshot the server sent us as them. */
  const joined = computed(() => me.value !== null);
  const isFacilitator = computed(() => me.value?.role === 'facilitator');
  const phases = computed(() => state.value?.template.phases ?? []);
  const currentPhase = computed(() => {
    const s = state.value;
    return s ? (s.template.phases[s.phase] ?? null) : null;
  });
  const presenterTaken = computed(
    () => (state.value ?? lobby.value)?.participants.some((p) => p.role === 'presenter') ?? false,
  );
  const role = computed<Role | null>(() => me.value?.role ?? null);
  const isPresenter = computed(() => role.value === 'presenter');
  const names = computed(() => new Map((state.value?.participants ?? []).map((p) => [p.id, p.name])));

  // ---- the parts; the socket's handlers and the keeper's send are called only after start()
  const credentials = createCredentials(code);
  const announcements = createAnnouncements();
  const book = createDraftBook(code, now);
  const keeper = createDraftKeeper({
    book,
    state,
    role,
    currentPhase,
    announce: announcements.announce,
    send: (command) => send(command),
  });
  const socket = createSocket(options.url ?? wsUrl(location, code), now, {
    onOpen: () => sync.hello(),
    onMessage: (text) => sync.receive(text),
  });
  const outbox = createOutbox({
    sendJson: socket.sendJson,
    welcomed: socket.welcomed,
    writtenIn: keeper.writtenIn,
    keepDraft: keeper.keepDraft,
  });
  const sync = createSync({
    code,
    now,
    clock,
    state,
    lobby,
    you,
    seq: cached?.seq ?? 0,
    socket,
    outbox,
    credentials,
    announcements,
    keeper,
    book,
    shutdown,
  });

  /** Queues one command of PROTOCOL.md §5 and answers with the server's ack or refusal. */
  function send(command: Command, options: SendOptions = {}): Promise<CommandResult> {
    return outbox.send(command, options);
  }

  /** Content commands carry the phase current when the person acts, not when the outbox is flushed. */
  function write(command: Unbound<ContentCommand>): Promise<CommandResult> {
    return send({ ...command, phase: keeper.here() } as ContentCommand);
  }

  const onPageHide = () =>
    outbox.keepAsDrafts(
      'The page was closed before the session confirmed this. If it is not in the session, add it again.',
    );

  function shutdown() {
    window.removeEventListener('pagehide', onPageHide);
    sync.stop();
    socket.stop();
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
      const key = role === 'facilitator' ? typedKey.trim() || credentials.facilitatorKey() : undefined;
      if (key) command.facilitator_key = key;
      const result = await send(command, { quiet: true });
      if (result.ok && role === 'facilitator' && typedKey.trim()) {
        credentials.rememberFacilitatorKey(typedKey.trim());
      }
      return result;
    },
    /**
     * The event's host looks in: joins as `host` with the host key this
     * browser keeps for the room's event (only in this message). Quiet: the
     * look-in page shows a refusal itself.
     */
    lookIn(hostKey: string): Promise<CommandResult> {
      const command: Command = {
        type: 'join',
        name: 'Host',
        role: 'host',
        client_secret: newClientSecret(),
        host_key: hostKey,
      };
      return send(command, { quiet: true });
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
    setDone: (done: boolean) => send({ type: 'set_done', done, phase: keeper.here() }, { quiet: true }),
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
    announce: announcements.announce,
    dismissNotice: announcements.dismissNotice,
    retryNow: socket.retryNow,
    // drafts
    addDraft: keeper.addDraft,
    keepUnsent: keeper.keepUnsent,
    editDraft: (key: string, text: string) => book.edit(key, text),
    discardDraft: (key: string) => book.discard(key),
  };

  function start() {
    window.addEventListener('pagehide', onPageHide);
    socket.start();
  }

  /** Leaving the session's page: what is still waiting becomes drafts, then the socket closes. */
  function dispose() {
    onPageHide();
    book.dispose();
    shutdown();
  }

  return {
    code,
    // signals
    state,
    lobby,
    you,
    welcomed: socket.welcomed,
    link: socket.link,
    everLive: socket.everLive,
    notices: announcements.notices,
    fatal: sync.fatal,
    outboxSize: outbox.size,
    waiting: outbox.waiting,
    waitingOf: outbox.waitingOf,
    drafts: book.list,
    draftFits: keeper.draftFits,
    announcement: announcements.announcement,
    storageAvailable: sync.storageAvailable,
    hasFacilitatorKey: credentials.hasFacilitatorKey,
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
    /** The key a download of the session's record needs: the facilitator key, or the presenter's token. */
    exportKey: () => credentials.exportKey(role.value),
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
