// The store against a scripted server (see fake-server.ts): seq, outbox,
// clock and the facilitator's prompts.

import { expect, test } from '@playwright/test';
import {
  CODE,
  KEY,
  baseState,
  idle,
  installFakeServer,
  lastSent,
  lobbyOf,
  sent,
  serverSends,
  snapshot,
  sockets,
  welcome,
} from './fake-server';

test.beforeEach(async ({ page }) => {
  await installFakeServer(page);
});

test('store: joins, skips unknown events, reconnects on a gap and resends its outbox', async ({ page }) => {
  await page.goto(`/s/${CODE}`);

  const hello = await lastSent(page, 0, 'hello');
  expect(hello).toEqual({ type: 'hello', version: 2, session: CODE });
  await serverSends(page, 0, welcome(null));
  await serverSends(page, 0, lobbyOf(baseState, 3));

  // Join as facilitator with the stored key; the join form came from the lobby alone.
  await expect(page.getByTestId('session-title')).toHaveText('Scripted');
  await expect(page.getByTestId('lobby-agenda')).toContainText('Second phase');
  await expect(page.getByTestId('role-facilitator')).toBeChecked();
  await expect(page.getByTestId('role-presenter')).toBeDisabled();
  await page.getByTestId('join-name').fill('Maya');
  await page.getByTestId('join-submit').click();
  const join = await lastSent(page, 0, 'join');
  expect(join).toMatchObject({ name: 'Maya', role: 'facilitator', facilitator_key: KEY });
  expect(join.client_secret).toMatch(/^[0-9a-f]{32}$/);
  // The server sends the snapshot as the new participant, then the ack.
  const maya = { id: 'p2', name: 'Maya', role: 'facilitator', online: true };
  await serverSends(page, 0, snapshot(4, { participants: [...baseState.participants, maya] }));
  await serverSends(page, 0, { type: 'ack', id: join.id, seq: 4, you: 'p2', token: 'tok-1' });
  await expect(page.getByTestId('facilitator-controls')).toBeVisible();
  expect(await page.evaluate((c) => localStorage.getItem(`debrief:session:${c}`), CODE)).toContain('tok-1');

  // An event type this client does not know still advances seq.
  await serverSends(page, 0, { type: 'event', seq: 5, time: Date.now(), event: { type: 'line_marked', line: 3 } });
  await serverSends(page, 0, {
    type: 'event',
    seq: 6,
    time: Date.now(),
    event: { type: 'phase_changed', phase: 1, timer: idle(5) },
  });
  await expect(page.getByTestId('phase-title')).toHaveText('Second phase');
  await expect(page.getByTestId('announcer')).toHaveText('Phase 2 of 3: Second phase');
  await expect(page.getByTestId('countdown')).toHaveText('05:00');

  // seq 7 never arrives: the client reconnects and asks from 6.
  await serverSends(page, 0, {
    type: 'event',
    seq: 8,
    time: Date.now(),
    event: { type: 'phase_changed', phase: 2, timer: idle(2) },
  });
  await expect.poll(() => sockets(page)).toBe(2);
  await expect(page.getByTestId('phase-title')).toHaveText('Second phase');
  const resume = await lastSent(page, 1, 'hello');
  expect(resume).toEqual({ type: 'hello', version: 2, session: CODE, token: 'tok-1', last_seq: 6 });

  // A command made before the server has welcomed us waits in the outbox.
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'reconnecting');
  await page.getByTestId('btn-add-minute').click();
  await expect(page.getByTestId('connection-status')).toContainText('1 change waiting');
  expect((await sent(page, 1)).some((m) => m.type === 'timer_add')).toBe(false);
  await serverSends(page, 1, welcome('p2'));
  const add = await lastSent(page, 1, 'timer_add');
  expect(add.seconds).toBe(60);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');

  // Catch-up events are applied; a rejection shows the server's words.
  await serverSends(page, 1, {
    type: 'event',
    seq: 7,
    time: Date.now(),
    event: { type: 'presence_changed', participant: 'p1', online: false },
  });
  await serverSends(page, 1, {
    type: 'event',
    seq: 8,
    time: Date.now(),
    event: { type: 'phase_changed', phase: 2, timer: idle(2) },
  });
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
  await serverSends(page, 2, welcome('p2'));
  expect((await lastSent(page, 2, 'previous_phase')).id).toBe(previous.id);
});

test('store: the countdown follows the server clock, not the browser clock', async ({ page }) => {
  await page.goto(`/s/${CODE}`);
  await lastSent(page, 0, 'hello');
  // The server's clock runs ten minutes ahead of this browser's.
  const skew = 10 * 60_000;
  await serverSends(page, 0, { type: 'welcome', version: 2, session: CODE, server_time: Date.now() + skew, you: 'p1' });
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
  await serverSends(page, 0, {
    type: 'event',
    seq: 3,
    time: serverNow,
    event: { type: 'timer_paused', timer: paused },
  });
  await expect(page.getByTestId('countdown')).toHaveText('01:01');
  const expired = { status: 'expired', duration_ms: 180_000, remaining_ms: 0, ends_at: 0 };
  await serverSends(page, 0, {
    type: 'event',
    seq: 4,
    time: serverNow,
    event: { type: 'timer_expired', timer: expired },
  });
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

test('store: a lobby the server let go of (4000) waits for the person, then reconnects at once', async ({ page }) => {
  await page.clock.install();
  await page.goto(`/s/${CODE}`);
  await page.clock.runFor(10);
  await lastSent(page, 0, 'hello');
  await serverSends(page, 0, welcome(null));
  await serverSends(page, 0, lobbyOf(baseState, 3));
  await expect(page.getByTestId('join-name')).toBeVisible();
  // Fifteen minutes on the join form without joining: the server closes.
  await page.evaluate(() => (window as any).__sockets[0].serverDrops(4000));
  const status = page.getByTestId('connection-status');
  await expect(status).toHaveAttribute('data-status', 'paused');
  await expect(status).toContainText('Paused while you were away');
  await page.clock.runFor(60_000); // no retry loop while nobody is there
  expect(await sockets(page)).toBe(1);
  // The person comes back and types their name: a fresh connection says hello.
  await page.getByTestId('join-name').press('M');
  await page.clock.runFor(10);
  await lastSent(page, 1, 'hello');
  await serverSends(page, 1, welcome(null));
  await serverSends(page, 1, lobbyOf(baseState, 3));
  await expect(status).toHaveAttribute('data-status', 'live');
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
  await serverSends(page, 0, { type: 'welcome', version: 2, session: CODE, server_time: now, you: 'p2' });
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
  const paused = (remaining: number) => ({
    status: 'paused',
    duration_ms: 180_000,
    remaining_ms: remaining,
    ends_at: 0,
  });
  const phaseItem = (title: string) => page.getByTestId('phase-item').filter({ hasText: title });
  await serverSends(page, 0, { type: 'welcome', version: 2, session: CODE, server_time: now, you: 'p1' });
  await serverSends(page, 0, {
    type: 'snapshot',
    seq: 2,
    server_time: now,
    state: { ...baseState, timer: paused(120_000) },
  });
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
  await serverSends(page, 0, { type: 'welcome', version: 2, session: CODE, server_time: now, you: 'p1' });
  await serverSends(page, 0, {
    type: 'snapshot',
    seq: 8,
    server_time: now,
    state: { ...baseState, phase: 1, timer: idle(5), phase_timers: { a: paused(60_000) } },
  });
  await expect(phaseItem('First phase')).toContainText('2 / 3 min');
});
