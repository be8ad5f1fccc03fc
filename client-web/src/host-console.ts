// What the host console shows of its rooms, worked out from their summaries
// and the server's clock alone: the flags a leader acts on (with "over time",
// which depends on the clock), the time left or over, sorting, filtering and
// searching, one page of rooms, the words for an action's results, and the
// join sheet's CSV files. Pure, so the unit tests can hold it to the design.

import type { ActionResult, EventRoom, HostAction, RoomFlag, RoomSummary } from './host-api';
import type { Timer } from './protocol';
import { remainingMs, usedAt } from './timer';

/** A timer that ran out more than this long ago makes its room "over time" (host.hpp, over_time_after_ms). */
export const OVER_TIME_AFTER_MS = 2 * 60 * 1000;

export type ConsoleFlag = RoomFlag | 'over_time';

/** In the order a leader acts on them: the room that needs help most comes first. */
export const FLAG_ORDER: ConsoleFlag[] = ['nobody', 'no_facilitator', 'no_presenter', 'over_time', 'ended'];

export const FLAG_LABEL: Record<ConsoleFlag, string> = {
  nobody: 'Nobody connected',
  no_facilitator: 'No facilitator online',
  no_presenter: 'No presenter',
  over_time: 'Over time',
  ended: 'Ended',
};

/** The server's over_time rule: expired, and more than two minutes used past zero. */
export function overTime(timer: Timer, serverNow: number): boolean {
  return timer.status === 'expired' && usedAt(timer, serverNow) - (timer.zero_used_ms ?? 0) > OVER_TIME_AFTER_MS;
}

/** The room's flags as the server set them, with "over time" added from the clock, in FLAG_ORDER. */
export function roomFlags(room: RoomSummary, serverNow: number): ConsoleFlag[] {
  const flags = new Set<ConsoleFlag>(room.flags);
  if (!flags.has('ended') && room.status === 'live' && overTime(room.timer, serverNow)) flags.add('over_time');
  return FLAG_ORDER.filter((f) => flags.has(f));
}

export type RoomClock =
  | { kind: 'none' } // lobby or ended: no clock to show
  | { kind: 'idle'; ms: number } // the phase's timer not started
  | { kind: 'running' | 'paused'; ms: number } // time left
  | { kind: 'over'; ms: number }; // time past zero

/** The room's clock at `serverNow`: time left, or time over once it has run out. */
export function roomClock(room: RoomSummary, serverNow: number): RoomClock {
  if (room.status !== 'live') return { kind: 'none' };
  const t = room.timer;
  if (t.status === 'expired') return { kind: 'over', ms: Math.max(0, usedAt(t, serverNow) - (t.zero_used_ms ?? 0)) };
  if (t.status === 'running' && serverNow >= t.ends_at) return { kind: 'over', ms: serverNow - t.ends_at };
  return { kind: t.status, ms: remainingMs(t, serverNow) };
}

export type SortKey = 'position' | 'label' | 'phase' | 'time' | 'flags';

export const SORT_LABEL: Record<SortKey, string> = {
  position: 'Sheet order',
  label: 'Label',
  phase: 'Phase',
  time: 'Time left',
  flags: 'Needs attention',
};

/** For sorting by time: over time first (most over first), then least time left; no clock last. */
function timeRank(room: RoomSummary, serverNow: number): number {
  const c = roomClock(room, serverNow);
  if (c.kind === 'over') return -c.ms;
  if (c.kind === 'none') return Number.MAX_SAFE_INTEGER;
  return c.ms;
}

/** How much a room needs its leader: its most urgent flag's place in FLAG_ORDER; a room without flags comes
 * after every flagged one, and an ended room (nothing left to do there) after those. */
function flagRank(room: RoomSummary, serverNow: number): number {
  const flags = roomFlags(room, serverNow);
  if (flags[0] === 'ended') return FLAG_ORDER.length + 1;
  return flags.length === 0 ? FLAG_ORDER.length : FLAG_ORDER.indexOf(flags[0]);
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** A sorted copy; ties keep the sheet's order. */
export function sortRooms(rooms: readonly RoomSummary[], key: SortKey, serverNow: number): RoomSummary[] {
  const byPosition = (a: RoomSummary, b: RoomSummary) => a.position - b.position;
  const compare: Record<SortKey, (a: RoomSummary, b: RoomSummary) => number> = {
    position: () => 0,
    label: (a, b) => collator.compare(a.label, b.label),
    // Lobby rooms before any phase, ended rooms after every phase.
    phase: (a, b) => phaseRank(a) - phaseRank(b),
    time: (a, b) => timeRank(a, serverNow) - timeRank(b, serverNow),
    flags: (a, b) => flagRank(a, serverNow) - flagRank(b, serverNow),
  };
  return [...rooms].sort((a, b) => compare[key](a, b) || byPosition(a, b));
}

function phaseRank(room: RoomSummary): number {
  if (room.status === 'lobby') return -1;
  if (room.status === 'ended') return Number.MAX_SAFE_INTEGER;
  return room.phase;
}

/** 'all', a flag, or 'attention': any flag but ended. */
export type FlagFilter = 'all' | 'attention' | ConsoleFlag;

/** The rooms whose label holds `search` (any case) and that show `flag`. */
export function filterRooms(
  rooms: readonly RoomSummary[],
  search: string,
  flag: FlagFilter,
  serverNow: number,
): RoomSummary[] {
  const needle = search.trim().toLocaleLowerCase();
  return rooms.filter((room) => {
    if (needle && !room.label.toLocaleLowerCase().includes(needle) && String(room.position) !== needle) return false;
    if (flag === 'all') return true;
    const flags = roomFlags(room, serverNow);
    if (flag === 'attention') return flags.some((f) => f !== 'ended');
    return flags.includes(flag);
  });
}

/** How many rooms show each flag now. */
export function flagCounts(rooms: readonly RoomSummary[], serverNow: number): Record<ConsoleFlag, number> {
  const counts = Object.fromEntries(FLAG_ORDER.map((f) => [f, 0])) as Record<ConsoleFlag, number>;
  for (const room of rooms) for (const f of roomFlags(room, serverNow)) counts[f] += 1;
  return counts;
}

export const PAGE_SIZE = 50;

/** Page `page` (0-based, clamped) of `items`, and how many pages there are (at least one). */
export function pageOf<T>(
  items: readonly T[],
  page: number,
  size = PAGE_SIZE,
): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const at = Math.min(Math.max(0, page), pages - 1);
  return { items: items.slice(at * size, at * size + size), page: at, pages };
}

/** What an action did, said as the past tense the summary line uses. */
const DONE_WORD: Record<HostAction['action'], string> = {
  notice: 'got the notice',
  start: 'started',
  pause: 'paused',
  resume: 'resumed',
  add_time: 'given more time',
  go_to_phase: 'moved',
};

/** Why a room refused, said briefly: the server's message without its full stop. */
function reason(error: { code: string; message: string }): string {
  const text = (error.message || error.code).trim().replace(/\.$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * One line for the results of an action on many rooms: "28 rooms paused; 2 not:
 * this room has not started (2)." Refusals are grouped by their reason, the
 * most common first.
 */
export function resultsSummary(action: HostAction['action'], results: readonly ActionResult[]): string {
  const applied = results.filter((r) => r.applied).length;
  const refused = results.filter((r) => !r.applied);
  const rooms = (n: number) => `${n} ${n === 1 ? 'room' : 'rooms'}`;
  const verb = DONE_WORD[action];
  const head =
    applied === 0 ? `No room ${action === 'notice' ? 'got the notice' : `was ${verb}`}` : `${rooms(applied)} ${verb}`;
  if (refused.length === 0) return `${head}.`;
  const reasons = new Map<string, number>();
  for (const r of refused) {
    const why = r.error ? reason(r.error) : 'no answer';
    reasons.set(why, (reasons.get(why) ?? 0) + 1);
  }
  const said = [...reasons]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([why, n]) => (reasons.size === 1 && n === refused.length ? why : `${why} (${n})`))
    .join('; ');
  return `${head}; ${refused.length} not: ${said}.`;
}

/** Labels pasted one per line: each trimmed, blank lines left out. */
export function parseLabels(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows as RFC 4180 text: CRLF after every record. */
export function csv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

/** A room's full link on the join sheet. */
export function roomLink(origin: string, room: EventRoom): string {
  const path = room.join_path?.startsWith('/s/') ? room.join_path : `/s/${encodeURIComponent(room.session)}`;
  return origin + path;
}

/** The join sheet as CSV, for mail merge: position, label, code, link. */
export function joinSheetCsv(origin: string, rooms: readonly EventRoom[]): string {
  return csv([
    ['position', 'label', 'code', 'link'],
    ...rooms.map((r) => [String(r.position), r.label, r.session, roomLink(origin, r)]),
  ]);
}

/** Each room's facilitator key beside its label and link: for mailing each room's facilitator their own. */
export function facilitatorKeysCsv(origin: string, rooms: readonly EventRoom[]): string {
  return csv([
    ['position', 'label', 'code', 'link', 'facilitator_key'],
    ...rooms.map((r) => [String(r.position), r.label, r.session, roomLink(origin, r), r.facilitator_key]),
  ]);
}
