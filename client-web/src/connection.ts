// One WebSocket that comes back by itself: exponential backoff with jitter
// between attempts, an immediate retry when the browser says it is online
// again. It knows nothing of the protocol; the store speaks through it.

export interface Backoff {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 500, maxMs: 10_000 };

/** "Equal jitter": half the capped exponential delay plus a random half. */
export function backoffDelay(attempt: number, b: Backoff, random = Math.random): number {
  const cap = Math.min(b.maxMs, b.baseMs * 2 ** Math.max(0, attempt));
  return cap / 2 + random() * (cap / 2);
}

export interface ConnectionHandlers {
  onOpen(): void;
  onMessage(text: string): void;
  /** The socket is gone; another attempt follows in `retryInMs` (Infinity: stopped). */
  onDown(retryInMs: number, failedAttempts: number): void;
  /** The server let go of an idle socket: the next attempt waits for the person to act. */
  onPaused?(): void;
}

/** Close code: watched a lobby too long without joining (see PROTOCOL.md). */
export const LOBBY_WATCH_ENDED = 4000;

// What counts as the person being back at the page.
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'focus'] as const;

export interface Connection {
  start(): void;
  /** Sends now if the socket is open; false otherwise. */
  send(text: string): boolean;
  isOpen(): boolean;
  /** The session answered: the next drop starts the backoff afresh. */
  markHealthy(): void;
  /** Drops the socket and reconnects (after a seq gap or a silent link). */
  restart(): void;
  /** Skips the backoff wait. */
  retryNow(): void;
  /** Closes for good. */
  stop(): void;
}

/**
 * The socket's URL. A 13-character code starts with the character of the
 * instance that holds it; `?i=` carries that character (never the code) so
 * a proxy in front of several instances can route the socket to its owner.
 */
export function wsUrl(loc: Location = location, code = ''): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  const hint = code.length === 13 ? `?i=${encodeURIComponent(code[0])}` : '';
  return `${scheme}//${loc.host}/ws${hint}`;
}

export function createConnection(
  url: string,
  handlers: ConnectionHandlers,
  backoff: Backoff = DEFAULT_BACKOFF,
): Connection {
  let ws: WebSocket | null = null;
  let stopped = false;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let paused = false;

  const onOnline = () => connection.retryNow();
  const onActivity = () => resume();
  const onVisible = () => {
    if (document.visibilityState === 'visible') resume();
  };

  // Nobody is looking: reconnecting now would only be let go of again.
  function pause() {
    paused = true;
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, true);
    document.addEventListener('visibilitychange', onVisible);
    handlers.onPaused ? handlers.onPaused() : scheduleRetry();
  }

  function stopWaitingForActivity() {
    paused = false;
    for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, true);
    document.removeEventListener('visibilitychange', onVisible);
  }

  function resume() {
    if (!paused) return;
    stopWaitingForActivity();
    failures = 0;
    open();
  }
  // A lost network often leaves the socket looking open for minutes; when the
  // browser knows it is offline, stop trusting the socket straight away.
  const onOffline = () => {
    if (ws) connection.restart();
  };

  function open() {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    if (stopped) return;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch {
      scheduleRetry();
      return;
    }
    ws = socket;
    socket.onopen = () => {
      if (ws !== socket) return;
      handlers.onOpen();
    };
    socket.onmessage = (e) => {
      if (ws !== socket) return;
      if (typeof e.data === 'string') handlers.onMessage(e.data);
    };
    socket.onclose = (e) => {
      if (ws !== socket) return;
      ws = null;
      if (e.code === LOBBY_WATCH_ENDED && !stopped) pause();
      else scheduleRetry();
    };
  }

  function scheduleRetry() {
    if (stopped) {
      handlers.onDown(Infinity, failures);
      return;
    }
    failures += 1;
    const delay = backoffDelay(failures - 1, backoff);
    handlers.onDown(delay, failures);
    retryTimer = setTimeout(open, delay);
  }

  function drop() {
    const socket = ws;
    ws = null;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = null;
      try {
        socket.close();
      } catch {
        /* already closing */
      }
    }
  }

  const connection: Connection = {
    start() {
      window.addEventListener('online', onOnline);
      window.addEventListener('offline', onOffline);
      open();
    },
    send(text) {
      if (!ws || ws.readyState !== WebSocket.OPEN) return false;
      ws.send(text);
      return true;
    },
    markHealthy() {
      failures = 0;
    },
    isOpen: () => ws !== null && ws.readyState === WebSocket.OPEN,
    restart() {
      if (stopped) return;
      stopWaitingForActivity();
      drop();
      scheduleRetry();
    },
    retryNow() {
      if (stopped || ws) return;
      if (paused) return resume();
      failures = 0;
      open();
    },
    stop() {
      stopWaitingForActivity();
      stopped = true;
      clearTimeout(retryTimer);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      drop();
    },
  };
  return connection;
}
