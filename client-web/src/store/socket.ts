// The connection to the server and its heartbeat: the link state the views
// show, pings to keep the clock in sync and to notice a dead link TCP has not
// noticed, and one JSON frame at a time out.

import { batch, signal } from '@preact/signals';
import { createConnection, type Connection } from '../connection';

/** `paused`: the server let go of a lobby nobody joined from; back on the person's next action. */
export type LinkState = 'live' | 'reconnecting' | 'offline' | 'paused';

const PING_EVERY_MS = 15_000;
const FIRST_PINGS = 4;
const FIRST_PING_SPACING_MS = 300;
/** No frame at all for this long means the link is dead even if TCP has not noticed. */
const SILENCE_LIMIT_MS = 40_000;
/** Consecutive failed attempts after which the indicator says offline. */
const OFFLINE_AFTER_FAILURES = 4;

export interface SocketHandlers {
  /** A connection is open: say hello. */
  onOpen(): void;
  onMessage(text: string): void;
}

export function createSocket(url: string, now: () => number, handlers: SocketHandlers) {
  const link = signal<LinkState>('reconnecting');
  /** The server has welcomed this connection: commands may go. */
  const welcomed = signal(false);
  const everLive = signal(false);
  let lastFrameAt = now();
  let pingTimers: ReturnType<typeof setTimeout>[] = [];
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const connection: Connection = createConnection(url, {
    onOpen() {
      lastFrameAt = now();
      handlers.onOpen();
    },
    onMessage(text) {
      lastFrameAt = now();
      handlers.onMessage(text);
    },
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

  function sendJson(value: unknown): boolean {
    return connection.send(JSON.stringify(value));
  }

  function ping() {
    sendJson({ type: 'ping', t: now() });
  }

  /** A few pings in quick succession after the welcome, for a good first clock offset. */
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

  function checkHeartbeat() {
    if (!welcomed.value) return;
    if (now() - lastFrameAt > SILENCE_LIMIT_MS) {
      connection.restart();
      return;
    }
    ping();
  }

  /** The server welcomed this connection (call inside the welcome's batch). */
  function setLive() {
    welcomed.value = true;
    link.value = 'live';
    everLive.value = true;
  }

  function start() {
    heartbeat = setInterval(checkHeartbeat, PING_EVERY_MS);
    connection.start();
  }

  function stop() {
    clearInterval(heartbeat);
    stopPings();
    connection.stop();
    welcomed.value = false;
  }

  return {
    link,
    welcomed,
    everLive,
    sendJson,
    setLive,
    startPings,
    markHealthy: () => connection.markHealthy(),
    /** Drops this connection and opens a fresh one (after the usual backoff). */
    restart: () => connection.restart(),
    retryNow: () => connection.retryNow(),
    start,
    stop,
  };
}

export type Socket = ReturnType<typeof createSocket>;
