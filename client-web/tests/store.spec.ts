// The store against a scripted server: a fake WebSocket in the page lets the
// test say exactly what the server sends, to pin down seq, outbox and clock
// handling that a well-behaved real server rarely exercises.

import { expect, test, type Page } from '@playwright/test';

const CODE = 'TESTC0DE0000';
const KEY = 'f'.repeat(32);

interface Sent {
  type: string;
  id?: string;
  [k: string]: unknown;
}

function fakeWebSocket() {
  type Handler = ((e: unknown) => void) | null;
  class FakeWebSocket {
    static CONNECTING = 0;
    static OPEN = 1;
    static CLOSING = 2;
    static CLOSED = 3;
    readyState = 0;
    sent: unknown[] = [];
    onopen: Handler = null;
    onmessage: Handler = null;
    onclose: Handler = null;
    onerror: Handler = null;
    constructor(readonly url: string) {
      (window as any).__sockets.push(this);
      setTimeout(() => {
        this.readyState = 1;
        this.onopen?.({});
      }, 0);
    }
    send(text: string) {
      this.sent.push(JSON.parse(text));
    }
    close() {
      if (this.readyState === 3) return;
      this.readyState = 3;
      setTimeout(() => this.onclose?.({ code: 1000 }), 0);
    }
    serverSends(message: unknown) {
      this.onmessage?.({ data: JSON.stringify(message) });
    }
    serverDrops() {
      this.readyState = 3;
      this.onclose?.({ code: 1006 });
    }
  }
  (window as any).__sockets = [];
  (window as any).WebSocket = FakeWebSocket;
}

const template = {
  id: 't',
  name: 'Test protocol',
  phases: [
    { id: 'a', title: 'First phase', kind: 'opening', minutes: 3, prompts: ['Say hello.'] },
    { id: 'b', title: 'Second phase', kind: 'discussion', minutes: 5, prompts: [] },
    { id: 'c', title: 'Third phase', kind: 'reflection', minutes: 2, prompts: [] },
  ],
};

const idle = (minutes: number) => ({
  status: 'idle',
  duration_ms: minutes * 60_000,
  remaining_ms: minutes * 60_000,
  ends_at: 0,
});

const baseState = {
  session: CODE,
  title: 'Scripted',
  created_at: 1,
  status: 'live',
  phase: 0,
  timer: idle(3),
  participants: [{ id: 'p1', name: 'Jordan', role: 'presenter', online: true }],
  template,
};

async function sockets(page: Page): Promise<number> {
  return page.evaluate(() => (window as any).__sockets.length as number);
}

async function sent(page: Page, socket: number): Promise<Sent[]> {
  return page.evaluate((i) => (window as any).__sockets[i]?.sent ?? [], socket);
}

async function serverSends(page: Page, socket: number, message: unknown) {
  await page.evaluate(([i, m]) => (window as any).__sockets[i as number].serverSends(m), [socket, message] as const);
}

async function lastSent(page: Page, socket: number, type: string): Promise<Sent> {
  await expect.poll(async () => (await sent(page, socket)).some((m) => m.type === type)).toBe(true);
  return (await sent(page, socket)).filter((m) => m.type === type).pop()!;
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(fakeWebSocket);
  await page.addInitScript(
    ([code, key]) => localStorage.setItem(`debrief:session:${code}`, JSON.stringify({ facilitator_key: key })),
    [CODE, KEY] as const,
  );
});

test('store: joins, skips unknown events, reconnects on a gap and resends its outbox', async ({ page }) => {
  await page.goto(`/s/${CODE}`);

  const hello = await lastSent(page, 0, 'hello');
  expect(hello).toEqual({ type: 'hello', version: 1, session: CODE });
  await serverSends(page, 0, { type: 'welcome', version: 1, session: CODE, server_time: Date.now(), you: null });
  await serverSends(page, 0, { type: 'snapshot', seq: 3, server_time: Date.now(), state: baseState });

  // Join as facilitator with the stored key.
  await expect(page.getByTestId('role-facilitator')).toBeChecked();
  await expect(page.getByTestId('role-presenter')).toBeDisabled();
  await page.getByTestId('join-name').fill('Maya');
  await page.getByTestId('join-submit').click();
  const join = await lastSent(page, 0, 'join');
  expect(join).toMatchObject({ name: 'Maya', role: 'facilitator', facilitator_key: KEY });
  const maya = { id: 'p2', name: 'Maya', role: 'facilitator', online: true };
  await serverSends(page, 0, { type: 'event', seq: 4, time: Date.now(), event: { type: 'participant_joined', participant: maya } });
  await serverSends(page, 0, { type: 'ack', id: join.id, seq: 4, you: 'p2', token: 'tok-1' });
  await expect(page.getByTestId('facilitator-controls')).toBeVisible();
  expect(await page.evaluate((c) => localStorage.getItem(`debrief:session:${c}`), CODE)).toContain('tok-1');

  // An event type this client does not know still advances seq.
  await serverSends(page, 0, { type: 'event', seq: 5, time: Date.now(), event: { type: 'line_marked', line: 3 } });
  await serverSends(page, 0, { type: 'event', seq: 6, time: Date.now(), event: { type: 'phase_changed', phase: 1, timer: idle(5) } });
  await expect(page.getByTestId('phase-title')).toHaveText('Second phase');
  await expect(page.getByTestId('announcer')).toHaveText('Phase 2 of 3: Second phase');
  await expect(page.getByTestId('countdown')).toHaveText('05:00');

  // seq 7 never arrives: the client reconnects and asks from 6.
  await serverSends(page, 0, { type: 'event', seq: 8, time: Date.now(), event: { type: 'phase_changed', phase: 2, timer: idle(2) } });
  await expect.poll(() => sockets(page)).toBe(2);
  await expect(page.getByTestId('phase-title')).toHaveText('Second phase');
  const resume = await lastSent(page, 1, 'hello');
  expect(resume).toEqual({ type: 'hello', version: 1, session: CODE, token: 'tok-1', last_seq: 6 });

  // A command made before the server has welcomed us waits in the outbox.
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'reconnecting');
  await page.getByTestId('btn-add-minute').click();
  await expect(page.getByTestId('connection-status')).toContainText('1 change waiting');
  expect((await sent(page, 1)).some((m) => m.type === 'timer_add')).toBe(false);
  await serverSends(page, 1, { type: 'welcome', version: 1, session: CODE, server_time: Date.now(), you: 'p2' });
  const add = await lastSent(page, 1, 'timer_add');
  expect(add.seconds).toBe(60);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');

  // Catch-up events are applied; a rejection shows the server's words.
  await serverSends(page, 1, { type: 'event', seq: 7, time: Date.now(), event: { type: 'presence_changed', participant: 'p1', online: false } });
  await serverSends(page, 1, { type: 'event', seq: 8, time: Date.now(), event: { type: 'phase_changed', phase: 2, timer: idle(2) } });
  await expect(page.getByTestId('phase-title')).toHaveText('Third phase');
  await expect(page.getByTestId('presence-item').filter({ hasText: 'Jordan' })).toHaveAttribute('data-online', 'false');
  await serverSends(page, 1, { type: 'error', id: add.id, code: 'conflict', message: 'Scripted refusal.' });
  await expect(page.getByTestId('notice')).toHaveText(/Scripted refusal\./);
  await expect(page.getByTestId('notice')).toHaveAttribute('role', 'alert');

  // A command whose ack was lost with the connection is sent again, same id.
  await page.getByTestId('btn-previous').click();
  const previous = await lastSent(page, 1, 'previous_phase');
  await page.evaluate(() => (window as any).__sockets[1].serverDrops());
  await expect.poll(() => sockets(page), { timeout: 5000 }).toBe(3);
  expect(await lastSent(page, 2, 'hello')).toMatchObject({ token: 'tok-1', last_seq: 8 });
  await serverSends(page, 2, { type: 'welcome', version: 1, session: CODE, server_time: Date.now(), you: 'p2' });
  expect((await lastSent(page, 2, 'previous_phase')).id).toBe(previous.id);
});

test('store: the countdown follows the server clock, not the browser clock', async ({ page }) => {
  await page.goto(`/s/${CODE}`);
  await lastSent(page, 0, 'hello');
  // The server's clock runs ten minutes ahead of this browser's.
  const skew = 10 * 60_000;
  await serverSends(page, 0, { type: 'welcome', version: 1, session: CODE, server_time: Date.now() + skew, you: 'p1' });
  const serverNow = Date.now() + skew;
  const running = { status: 'running', duration_ms: 180_000, remaining_ms: 180_000, ends_at: serverNow + 120_000 };
  await serverSends(page, 0, {
    type: 'snapshot',
    seq: 2,
    server_time: serverNow,
    state: { ...baseState, timer: running },
  });
  const ping = await lastSent(page, 0, 'ping');
  await serverSends(page, 0, { type: 'pong', t: ping.t, server_time: (ping.t as number) + skew });
  await expect(page.getByTestId('timer-status')).toHaveText('Running');
  await expect(page.getByTestId('countdown')).toHaveText(/^(02:00|01:59|01:58)$/);

  // Paused and expired timers show their own values.
  const paused = { status: 'paused', duration_ms: 180_000, remaining_ms: 61_000, ends_at: 0 };
  await serverSends(page, 0, { type: 'event', seq: 3, time: serverNow, event: { type: 'timer_paused', timer: paused } });
  await expect(page.getByTestId('countdown')).toHaveText('01:01');
  const expired = { status: 'expired', duration_ms: 180_000, remaining_ms: 0, ends_at: 0 };
  await serverSends(page, 0, { type: 'event', seq: 4, time: serverNow, event: { type: 'timer_expired', timer: expired } });
  await expect(page.getByTestId('countdown')).toHaveText('00:00');
  await expect(page.getByTestId('announcer')).toHaveText('Time is up for First phase.');
});

test('store: an unknown session code says so and stops retrying', async ({ page }) => {
  await page.clock.install();
  await page.goto(`/s/${CODE}`);
  await page.clock.runFor(10);
  await lastSent(page, 0, 'hello');
  await serverSends(page, 0, { type: 'error', code: 'not_found', message: 'There is no session with that code.' });
  await page.evaluate(() => (window as any).__sockets[0].close());
  await expect(page.getByTestId('session-fatal')).toContainText('There is no session with that code.');
  await page.clock.runFor(60_000); // far past any backoff delay
  expect(await sockets(page)).toBe(1);
});

test('store: a dropped connection retries with growing delays', async ({ page }) => {
  await page.clock.install();
  await page.goto(`/s/${CODE}`);
  await page.clock.runFor(10);
  await lastSent(page, 0, 'hello');
  // Every attempt fails before a welcome; count attempts in the first 8 s.
  await page.evaluate(() => {
    const Base = (window as any).WebSocket;
    (window as any).WebSocket = class extends Base {
      constructor(url: string) {
        super(url);
        setTimeout(() => this.serverDrops(), 1);
      }
    };
    (window as any).__sockets[0].serverDrops();
  });
  await page.clock.runFor(8_000);
  // 0.5 s base doubling (with jitter of up to half) allows at most 5 attempts in 8 s.
  const attempts = (await sockets(page)) - 1;
  expect(attempts).toBeGreaterThanOrEqual(3);
  expect(attempts).toBeLessThanOrEqual(5);
  await page.clock.runFor(20_000);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'offline');
});

test('console: the last minute is announced and the facilitator is prompted when time is up', async ({ page }) => {
  await page.clock.install();
  await page.goto(`/s/${CODE}`);
  await page.clock.runFor(10);
  await lastSent(page, 0, 'hello');
  const now = await page.evaluate(() => Date.now());
  await serverSends(page, 0, { type: 'welcome', version: 1, session: CODE, server_time: now, you: 'p2' });
  const running = { status: 'running', duration_ms: 180_000, remaining_ms: 180_000, ends_at: now + 62_000 };
  const facilitator = { id: 'p2', name: 'Maya', role: 'facilitator', online: true };
  await serverSends(page, 0, {
    type: 'snapshot',
    seq: 3,
    server_time: now,
    state: { ...baseState, participants: [...baseState.participants, facilitator], timer: running },
  });
  await expect(page.getByTestId('timer-status')).toHaveText('Running');
  await expect(page.getByTestId('time-up')).toHaveCount(0);

  await page.clock.runFor(3_000);
  await expect(page.getByTestId('announcer')).toHaveText('One minute left for First phase.');
  await expect(page.getByTestId('countdown')).toHaveText('00:59');

  await page.clock.runFor(60_000);
  await expect(page.getByTestId('countdown')).toHaveText('00:00');
  await expect(page.getByTestId('time-up')).toContainText('Time is up for “First phase”');
  await expect(page.getByTestId('time-up')).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('announcer')).toHaveText('Time is up for First phase.');
});

test('store: the agenda counts time used per phase from the timers the server keeps, once per minute', async ({
  page,
}) => {
  await page.goto(`/s/${CODE}`);
  await lastSent(page, 0, 'hello');
  const now = Date.now();
  const paused = (remaining: number) => ({ status: 'paused', duration_ms: 180_000, remaining_ms: remaining, ends_at: 0 });
  const phaseItem = (title: string) => page.getByTestId('phase-item').filter({ hasText: title });
  await serverSends(page, 0, { type: 'welcome', version: 1, session: CODE, server_time: now, you: 'p1' });
  await serverSends(page, 0, { type: 'snapshot', seq: 2, server_time: now, state: { ...baseState, timer: paused(120_000) } });
  await expect(phaseItem('First phase')).toContainText('1 / 3 min');

  // Leaving keeps the first phase's timer; coming back resumes it, it runs
  // one more minute, and the phase is left again: two minutes, not three.
  const events = [
    { type: 'phase_timer_saved', phase: 'a', timer: paused(120_000) },
    { type: 'phase_changed', phase: 1, timer: idle(5) },
    { type: 'phase_changed', phase: 0, timer: paused(120_000) },
    { type: 'timer_paused', timer: paused(60_000) },
    { type: 'phase_timer_saved', phase: 'a', timer: paused(60_000) },
    { type: 'phase_changed', phase: 1, timer: idle(5) },
  ];
  for (const [i, event] of events.entries()) {
    await serverSends(page, 0, { type: 'event', seq: 3 + i, time: now, event });
  }
  await expect(page.getByTestId('phase-title')).toHaveText('Second phase');
  await expect(phaseItem('First phase')).toContainText('2 / 3 min');
  await expect(page.getByTestId('agenda-budget')).toContainText('used 2 min');

  // A browser that arrives now sees the same, from the snapshot alone.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await lastSent(page, 0, 'hello');
  await serverSends(page, 0, { type: 'welcome', version: 1, session: CODE, server_time: now, you: 'p1' });
  await serverSends(page, 0, {
    type: 'snapshot',
    seq: 8,
    server_time: now,
    state: { ...baseState, phase: 1, timer: idle(5), phase_timers: { a: paused(60_000) } },
  });
  await expect(phaseItem('First phase')).toContainText('2 / 3 min');
});
