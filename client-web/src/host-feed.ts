// What the host subscription's messages do to the console's picture of the
// event, without the socket (host-socket.ts) or signals, so it can be tested
// alone: host_welcome gives every room, `rooms` only those that changed,
// server_time and pongs keep the server's clock, some errors end the feed.

import { createClockSync, type ClockSync } from './clock';
import type { RoomSummary } from './host-api';

/** Why the feed stopped for good: the key is refused (forbidden), the event is gone (not_found), or the page is out of date. */
export interface HostFatal {
  code: string;
  message: string;
}

/** `current` with each of `changed` put in its place (a room not yet known is added), in position order. */
export function mergeRooms(current: readonly RoomSummary[], changed: readonly RoomSummary[]): RoomSummary[] {
  if (changed.length === 0) return current as RoomSummary[];
  const byCode = new Map(current.map((r) => [r.session, r]));
  for (const room of changed) {
    const old = byCode.get(room.session);
    // A summary older than the one held (a late frame after a reconnect) changes nothing.
    if (old && room.seq < old.seq) continue;
    byCode.set(room.session, room);
  }
  return [...byCode.values()].sort((a, b) => a.position - b.position);
}

export function createHostFeed(now: () => number = Date.now, clock: ClockSync = createClockSync(now)) {
  let rooms: RoomSummary[] = [];
  let title = '';
  let ready = false;
  let fatal: HostFatal | null = null;

  /** Handles one frame: 'welcome' (the link is live), 'fatal' (stop), or 'other'. */
  function receive(text: string): 'welcome' | 'fatal' | 'other' {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return 'other';
    }
    if (typeof msg !== 'object' || msg === null) return 'other';
    const serverTime = typeof msg.server_time === 'number' ? msg.server_time : null;
    switch (msg.type) {
      case 'host_welcome':
        if (serverTime !== null) clock.seed(serverTime);
        if (typeof msg.title === 'string') title = msg.title;
        // The whole picture again: a room deleted meanwhile is gone from it.
        rooms = mergeRooms([], Array.isArray(msg.rooms) ? (msg.rooms as RoomSummary[]) : []);
        ready = true;
        return 'welcome';
      case 'rooms':
        if (serverTime !== null) clock.seed(serverTime);
        if (Array.isArray(msg.rooms)) rooms = mergeRooms(rooms, msg.rooms as RoomSummary[]);
        return 'other';
      case 'pong':
        if (typeof msg.t === 'number' && serverTime !== null) clock.addSample(msg.t, serverTime, now());
        return 'other';
      case 'error': {
        const code = typeof msg.code === 'string' ? msg.code : 'internal';
        if (code !== 'forbidden' && code !== 'not_found' && code !== 'unsupported_version') return 'other';
        fatal = { code, message: typeof msg.message === 'string' ? msg.message : code };
        return 'fatal';
      }
      default:
        return 'other';
    }
  }

  return {
    receive,
    rooms: () => rooms,
    title: () => title,
    ready: () => ready,
    fatal: () => fatal,
    serverNow: () => clock.serverNow(),
  };
}

export type HostFeed = ReturnType<typeof createHostFeed>;
