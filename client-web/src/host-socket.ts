// The host console's live feed: one WebSocket whose first message is
// {"type":"host","version":2,"event","key"} instead of a hello. The server
// answers host_welcome with every room's summary, then `rooms` with only the
// rooms that changed (at most one message a second). The socket comes back by
// itself with backoff (connection.ts); pings keep the server's clock estimate
// fresh, so every room's time left is drawn from one clock.

import { batch, signal } from '@preact/signals';
import { createConnection, wsUrl, type Connection } from './connection';
import type { RoomSummary } from './host-api';
import { createHostFeed, type HostFatal } from './host-feed';
import { PROTOCOL_VERSION } from './protocol';

export type HostLink = 'connecting' | 'live' | 'reconnecting' | 'offline';

const PING_EVERY_MS = 15_000;
const FIRST_PINGS = 3;
const FIRST_PING_SPACING_MS = 300;
const SILENCE_LIMIT_MS = 40_000;
const OFFLINE_AFTER_FAILURES = 4;

/** Subscribes to event `event` with `key`; call start() to connect and stop() when the page goes. */
export function createHostSocket(event: string, key: string, now: () => number = Date.now) {
  const feed = createHostFeed(now);
  const rooms = signal<RoomSummary[]>([]);
  const title = signal('');
  /** The first host_welcome has come: the rooms are the event's. */
  const ready = signal(false);
  const fatal = signal<HostFatal | null>(null);
  const link = signal<HostLink>('connecting');
  let lastFrameAt = now();
  let welcomed = false;
  let pingTimers: ReturnType<typeof setTimeout>[] = [];
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const send = (value: unknown) => connection.send(JSON.stringify(value));
  const ping = () => send({ type: 'ping', t: now() });

  function stopPings() {
    for (const t of pingTimers) clearTimeout(t);
    pingTimers = [];
  }

  const connection: Connection = createConnection(wsUrl(location), {
    onOpen() {
      lastFrameAt = now();
      // The key goes only here, inside the socket: never in its URL.
      send({ type: 'host', version: PROTOCOL_VERSION, event, key });
    },
    onMessage(text) {
      lastFrameAt = now();
      const kind = feed.receive(text);
      batch(() => {
        rooms.value = feed.rooms();
        title.value = feed.title();
        ready.value = feed.ready();
        fatal.value = feed.fatal();
      });
      if (kind === 'welcome') {
        welcomed = true;
        link.value = 'live';
        connection.markHealthy();
        stopPings();
        for (let i = 0; i < FIRST_PINGS; i++) pingTimers.push(setTimeout(ping, i * FIRST_PING_SPACING_MS));
      } else if (kind === 'fatal') {
        stop();
      }
    },
    onDown(retryInMs, failures) {
      welcomed = false;
      stopPings();
      if (retryInMs === Infinity) return;
      link.value = failures >= OFFLINE_AFTER_FAILURES || navigator.onLine === false ? 'offline' : 'reconnecting';
    },
  });

  function start() {
    heartbeat = setInterval(() => {
      if (!welcomed) return;
      if (now() - lastFrameAt > SILENCE_LIMIT_MS) connection.restart();
      else ping();
    }, PING_EVERY_MS);
    connection.start();
  }

  function stop() {
    clearInterval(heartbeat);
    stopPings();
    connection.stop();
  }

  return {
    rooms,
    title,
    ready,
    fatal,
    link,
    serverNow: feed.serverNow,
    start,
    stop,
    retryNow: () => connection.retryNow(),
  };
}

export type HostSocket = ReturnType<typeof createHostSocket>;
