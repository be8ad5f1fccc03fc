// The host console's arithmetic (host-console.ts), its live feed
// (host-socket.ts, without a socket) and what the browser keeps of an event.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { RoomSummary } from '../src/host-api';
import type { Timer } from '../src/protocol';

class MemoryStorage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, String(v));
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}
(globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();

const hc = await import('../src/host-console');
const { createHostFeed, mergeRooms } = await import('../src/host-feed');
const { forgetEvent, keptEvents, loadEvent, rememberEvent } = await import('../src/host-keys');

beforeEach(() => {
  (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
});

const NOW = 1_800_000_000_000;
const MIN = 60_000;

function timer(t: Partial<Timer> = {}): Timer {
  return {
    status: 'idle',
    duration_ms: 5 * MIN,
    remaining_ms: 5 * MIN,
    ends_at: 0,
    used_ms: 0,
    since: 0,
    zero_used_ms: 0,
    ...t,
  };
}

function room(position: number, r: Partial<RoomSummary> = {}): RoomSummary {
  return {
    session: `ROOM${String(position).padStart(8, '0')}`,
    label: `Room ${position}`,
    position,
    seq: 1,
    status: 'live',
    phase: 0,
    phases: 7,
    phase_id: 'open',
    phase_title: 'Opening',
    phase_kind: 'opening',
    timer: timer(),
    people: [],
    joined: 0,
    online: 0,
    done: 0,
    hosts: 0,
    adaptations: 0,
    flags: [],
    ...r,
  };
}

/** A timer that ran out `overMs` ago and still counts. */
const expired = (overMs: number) =>
  timer({ status: 'expired', remaining_ms: 0, used_ms: 5 * MIN, zero_used_ms: 5 * MIN, since: NOW - overMs });

test('over time: expired and more than two minutes past zero, by the server clock', () => {
  assert.equal(hc.overTime(expired(2 * MIN), NOW), false, 'exactly two minutes is not over');
  assert.equal(hc.overTime(expired(2 * MIN + 1), NOW), true);
  assert.equal(hc.overTime(timer({ status: 'running', ends_at: NOW - 10 * MIN }), NOW), false);
  assert.deepEqual(hc.roomFlags(room(1, { timer: expired(3 * MIN), flags: ['no_presenter'] }), NOW), [
    'no_presenter',
    'over_time',
  ]);
  // An ended room shows "ended" alone, whatever its last timer said.
  assert.deepEqual(hc.roomFlags(room(1, { status: 'ended', timer: expired(9 * MIN), flags: ['ended'] }), NOW), [
    'ended',
  ]);
});

test('the clock: time left while running or paused, time over once run out, nothing outside a live room', () => {
  assert.deepEqual(hc.roomClock(room(1, { timer: timer({ status: 'running', ends_at: NOW + 90_000 }) }), NOW), {
    kind: 'running',
    ms: 90_000,
  });
  assert.deepEqual(hc.roomClock(room(1, { timer: timer({ status: 'paused', remaining_ms: 30_000 }) }), NOW), {
    kind: 'paused',
    ms: 30_000,
  });
  assert.deepEqual(hc.roomClock(room(1, { timer: expired(65_000) }), NOW), { kind: 'over', ms: 65_000 });
  // Past the deadline before the server's expiry arrives.
  assert.deepEqual(hc.roomClock(room(1, { timer: timer({ status: 'running', ends_at: NOW - 5_000 }) }), NOW), {
    kind: 'over',
    ms: 5_000,
  });
  assert.deepEqual(hc.roomClock(room(1, { status: 'lobby' }), NOW), { kind: 'none' });
});

test('sorting keeps the sheet order for ties; time puts the most over first and rooms without a clock last', () => {
  const rooms = [
    room(1, { label: 'Room 10', timer: timer({ status: 'running', ends_at: NOW + 5 * MIN }) }),
    room(2, { label: 'Room 9', timer: expired(1 * MIN) }),
    room(3, { label: 'room 2', status: 'lobby', phase: 0 }),
    room(4, { label: 'Room 1', timer: expired(4 * MIN), phase: 3 }),
    room(5, { label: 'Room 3', status: 'ended', flags: ['ended'] }),
  ];
  const order = (key: Parameters<typeof hc.sortRooms>[1]) => hc.sortRooms(rooms, key, NOW).map((r) => r.position);
  assert.deepEqual(order('position'), [1, 2, 3, 4, 5]);
  assert.deepEqual(order('label'), [4, 3, 5, 2, 1], 'numbers in labels sort as numbers, any case');
  assert.deepEqual(order('phase'), [3, 1, 2, 4, 5]);
  assert.deepEqual(order('time'), [4, 2, 1, 3, 5]);
  assert.deepEqual(order('flags'), [4, 1, 2, 3, 5]);
  assert.deepEqual(
    rooms.map((r) => r.position),
    [1, 2, 3, 4, 5],
    'the input is not reordered',
  );
});

test('filtering by label (any case, or the position) and by flag; attention leaves out ended rooms', () => {
  const rooms = [
    room(1, { label: 'Grade 7 science', flags: ['nobody', 'no_facilitator', 'no_presenter'] }),
    room(2, { label: 'Grade 8 maths', timer: expired(3 * MIN) }),
    room(3, { label: 'Triad 4', status: 'ended', flags: ['ended'] }),
    room(4, { label: 'Triad 12' }),
  ];
  const pick = (search: string, flag: Parameters<typeof hc.filterRooms>[2]) =>
    hc.filterRooms(rooms, search, flag, NOW).map((r) => r.position);
  assert.deepEqual(pick('grade', 'all'), [1, 2]);
  assert.deepEqual(pick('  TRIAD ', 'all'), [3, 4]);
  assert.deepEqual(pick('4', 'all'), [3, 4], 'a number finds that position and labels holding it');
  assert.deepEqual(pick('', 'attention'), [1, 2]);
  assert.deepEqual(pick('', 'over_time'), [2]);
  assert.deepEqual(pick('', 'ended'), [3]);
  assert.deepEqual(pick('maths', 'nobody'), []);
  assert.deepEqual(hc.flagCounts(rooms, NOW), {
    nobody: 1,
    no_facilitator: 1,
    no_presenter: 1,
    over_time: 1,
    ended: 1,
  });
});

test('pages of fifty: a thousand rooms make twenty; a page past the end shows the last', () => {
  const items = Array.from({ length: 1000 }, (_, i) => i + 1);
  const first = hc.pageOf(items, 0);
  assert.equal(first.pages, 20);
  assert.deepEqual([first.items[0], first.items.at(-1)], [1, 50]);
  const past = hc.pageOf(items, 99);
  assert.equal(past.page, 19);
  assert.deepEqual([past.items[0], past.items.at(-1)], [951, 1000]);
  assert.deepEqual(hc.pageOf([], 3), { items: [], page: 0, pages: 1 });
  assert.equal(hc.pageOf(items.slice(0, 51), 1).items.length, 1);
});

test('the results line: how many applied, then the refusals grouped by reason, most common first', () => {
  const ok = (s: string) => ({ session: s, applied: true });
  const no = (s: string, message: string) => ({ session: s, error: { code: 'conflict', message } });
  assert.equal(
    hc.resultsSummary('pause', [
      ...Array.from({ length: 28 }, (_, i) => ok(`R${i}`)),
      no('X', 'This room has not started.'),
      no('Y', 'This room has not started.'),
    ]),
    '28 rooms paused; 2 not: this room has not started.',
  );
  assert.equal(
    hc.resultsSummary('start', [
      ok('A'),
      no('B', 'Already started.'),
      no('C', 'This room has ended.'),
      no('D', 'Already started.'),
    ]),
    '1 room started; 3 not: already started (2); this room has ended (1).',
  );
  assert.equal(hc.resultsSummary('notice', [ok('A'), ok('B')]), '2 rooms got the notice.');
  assert.equal(
    hc.resultsSummary('resume', [no('A', 'This room has ended.')]),
    'No room was resumed; 1 not: this room has ended.',
  );
});

test('labels pasted one per line, trimmed, blank lines left out', () => {
  assert.deepEqual(hc.parseLabels('  Grade 7 science \r\n\nTriad 4\n   \nTriad 4\n'), [
    'Grade 7 science',
    'Triad 4',
    'Triad 4',
  ]);
});

test('CSV: RFC 4180 quoting (commas, quotes, line breaks), CRLF records, links made from the origin', () => {
  assert.equal(hc.csvField('plain'), 'plain');
  assert.equal(hc.csvField('a, b'), '"a, b"');
  assert.equal(hc.csvField('say "hi"'), '"say ""hi"""');
  assert.equal(hc.csvField('two\nlines'), '"two\nlines"');
  const rooms = [
    {
      session: 'K7M2Q9XP4TDA',
      label: 'Grade 7, "science"',
      position: 1,
      join_path: '/s/K7M2Q9XP4TDA',
      facilitator_key: 'ab'.repeat(16),
    },
    { session: 'M3N4P5Q6R7S8', label: 'Triad 4', position: 2, join_path: '', facilitator_key: 'cd'.repeat(16) },
  ];
  assert.equal(
    hc.joinSheetCsv('https://debrief.example', rooms),
    'position,label,code,link\r\n' +
      '1,"Grade 7, ""science""",K7M2Q9XP4TDA,https://debrief.example/s/K7M2Q9XP4TDA\r\n' +
      '2,Triad 4,M3N4P5Q6R7S8,https://debrief.example/s/M3N4P5Q6R7S8\r\n',
  );
  const keys = hc.facilitatorKeysCsv('https://debrief.example', rooms).split('\r\n');
  assert.equal(keys[0], 'position,label,code,link,facilitator_key');
  assert.ok(keys[2].endsWith(`,${'cd'.repeat(16)}`));
  assert.ok(!hc.joinSheetCsv('https://debrief.example', rooms).includes('abab'), 'no key on the join sheet');
});

test('the feed: welcome gives every room in sheet order, rooms replaces only the changed ones, older seqs ignored', () => {
  const feed = createHostFeed(() => NOW);
  assert.equal(feed.ready(), false);
  const welcome = {
    type: 'host_welcome',
    version: 2,
    event: 'EVENT00000000001',
    title: 'PD day',
    server_time: NOW + 5_000,
    rooms: [room(2), room(1)],
  };
  assert.equal(feed.receive(JSON.stringify(welcome)), 'welcome');
  assert.equal(feed.title(), 'PD day');
  assert.deepEqual(
    feed.rooms().map((r) => r.position),
    [1, 2],
  );
  assert.equal(feed.serverNow(), NOW + 5_000, 'the clock is seeded from server_time');
  const before = feed.rooms()[1];
  feed.receive(JSON.stringify({ type: 'rooms', server_time: NOW, rooms: [room(1, { seq: 9, phase: 2 })] }));
  assert.equal(feed.rooms()[0].phase, 2);
  assert.equal(feed.rooms()[1], before, 'an unchanged room keeps its object');
  feed.receive(JSON.stringify({ type: 'rooms', server_time: NOW, rooms: [room(1, { seq: 4, phase: 1 })] }));
  assert.equal(feed.rooms()[0].phase, 2, 'a late, older summary changes nothing');
  assert.equal(feed.receive('not json'), 'other');
  assert.equal(feed.fatal(), null);
  assert.equal(feed.receive(JSON.stringify({ type: 'error', code: 'bad_message', message: 'x' })), 'other');
  assert.equal(
    feed.receive(JSON.stringify({ type: 'error', code: 'forbidden', message: 'Not this event’s key.' })),
    'fatal',
  );
  assert.deepEqual(feed.fatal(), { code: 'forbidden', message: 'Not this event’s key.' });
  assert.deepEqual(mergeRooms([room(1)], []), [room(1)]);
});

test('the browser keeps an event’s key and title, lists the events it holds, and forgets one', () => {
  assert.equal(loadEvent('E1'), null);
  rememberEvent('E1', { title: 'no key yet' });
  assert.equal(loadEvent('E1'), null, 'a title alone is not kept');
  rememberEvent('E1', { key: 'k1', title: 'PD day' });
  rememberEvent('E2', { key: 'k2', title: 'Autumn PD' });
  rememberEvent('E1', { title: 'PD day, 14 March' });
  assert.deepEqual(loadEvent('E1'), { key: 'k1', title: 'PD day, 14 March' });
  assert.deepEqual(keptEvents(), [
    { id: 'E2', title: 'Autumn PD' },
    { id: 'E1', title: 'PD day, 14 March' },
  ]);
  forgetEvent('E1');
  assert.equal(loadEvent('E1'), null);
  localStorage.setItem('debrief:event:E3', '{broken');
  assert.equal(loadEvent('E3'), null);
});

test('a notice dismissed on this device stays dismissed for this session only, and the list keeps only live ids', async () => {
  const { dismissNotice, dismissedNotices } = await import('../src/notice-dismissals');
  assert.deepEqual(dismissedNotices('ROOM1'), []);
  assert.deepEqual(dismissNotice('ROOM1', 'n3', ['n3', 'n5']), ['n3']);
  assert.deepEqual(dismissNotice('ROOM1', 'n5', ['n3', 'n5']), ['n3', 'n5']);
  assert.deepEqual(dismissNotice('ROOM1', 'n5', ['n3', 'n5']), ['n3', 'n5'], 'twice is once');
  assert.deepEqual(dismissedNotices('ROOM2'), [], 'another session is untouched');
  // The room no longer has n3 (a later snapshot): it is dropped from the list.
  assert.deepEqual(dismissNotice('ROOM1', 'n7', ['n5', 'n7']), ['n5', 'n7']);
  localStorage.setItem('debrief:notices-dismissed:ROOM3', '{"not":"a list"}');
  assert.deepEqual(dismissedNotices('ROOM3'), []);
});
