// Protocol v2 in the store, against a scripted server (fake-server.ts): a
// join's client secret survives a retry; writing carries the phase it was
// written in; whatever the session does not take comes back as a draft.

import { expect, test, type Page } from '@playwright/test';
import {
  CODE,
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

const ravi = { id: 'p3', name: 'Ravi', role: 'colleague', online: true };

/** A colleague already in the session, in the first phase, on socket `socket`. */
async function joinedAsColleague(page: Page, socket = 0, seq = 5) {
  await lastSent(page, socket, 'hello');
  await serverSends(page, socket, welcome('p3'));
  await serverSends(page, socket, snapshot(seq, { participants: [...baseState.participants, ravi] }));
  await expect(page.getByTestId('phase-title')).toHaveText('First phase');
}

async function dropConnection(page: Page, socket: number) {
  await page.evaluate((i) => (window as any).__sockets[i].serverDrops(), socket);
  await expect.poll(() => sockets(page), { timeout: 5000 }).toBe(socket + 2);
  await expect(page.getByTestId('connection-status')).not.toHaveAttribute('data-status', 'live');
}

test('store: a join lost with the connection is resent with the same id and secret; a new attempt gets a new secret', async ({
  page,
}) => {
  // A cached state from an earlier visit, with a token the server no longer knows.
  await page.addInitScript(
    ([code, state]) => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem(`debrief:session:${code}`, JSON.stringify({ token: 'old-token' }));
      localStorage.setItem(`debrief:state:${code}`, JSON.stringify({ seq: 9, state }));
    },
    [
      CODE,
      {
        ...baseState,
        board: [
          { id: 'i1', list: 'know', text: 'Old content', author: 'p1', status: 'open', evidence: [], version: 1 },
        ],
      },
    ] as const,
  );
  await page.goto(`/s/${CODE}`);
  expect(await lastSent(page, 0, 'hello')).toMatchObject({ token: 'old-token', last_seq: 9 });
  await serverSends(page, 0, welcome(null));
  await serverSends(page, 0, lobbyOf(baseState, 9));
  // Not joined: no content is kept, on screen or on this device.
  await expect(page.getByTestId('join-form')).toBeVisible();
  await expect(page.getByTestId('lobby-people')).toHaveText('Already here: Jordan');
  await expect(page.getByTestId('role-presenter')).toBeDisabled();
  await expect(page.getByTestId('role-presenter').locator('..')).toContainText('(taken)');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(stored).not.toContain('Old content');
  expect(stored).not.toContain('old-token');

  await page.getByTestId('join-name').fill('Ravi');
  await page.getByTestId('role-colleague').check();
  await page.getByTestId('join-submit').click();
  const first = await lastSent(page, 0, 'join');
  expect(first.client_secret).toMatch(/^[0-9a-f]{32}$/);

  // The connection drops before the answer: the retry is the same join.
  await page.evaluate(() => (window as any).__sockets[0].serverDrops());
  await expect.poll(() => sockets(page), { timeout: 5000 }).toBe(2);
  expect(await lastSent(page, 1, 'hello')).toEqual({ type: 'hello', version: 2, session: CODE });
  await serverSends(page, 1, welcome(null));
  await serverSends(page, 1, lobbyOf(baseState, 9));
  const retried = await lastSent(page, 1, 'join');
  expect(retried).toEqual(first);

  // Refused (say the name is taken): the next attempt is a new join with a new secret.
  await serverSends(page, 1, { type: 'error', id: first.id, code: 'conflict', message: 'Scripted refusal.' });
  // Said in the join form, next to what to change, not as a notice elsewhere.
  await expect(page.getByTestId('join-error')).toContainText('Scripted refusal.');
  await expect(page.getByTestId('join-error')).toHaveAttribute('data-code', 'conflict');
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('join-error')).toHaveCount(0);
  await expect.poll(async () => (await sent(page, 1)).filter((m) => m.type === 'join').length).toBe(2);
  const second = await lastSent(page, 1, 'join');
  expect(second.id).not.toBe(first.id);
  expect(second.client_secret).toMatch(/^[0-9a-f]{32}$/);
  expect(second.client_secret).not.toBe(first.client_secret);

  // Snapshot first, then the ack: only then the participant's view.
  await serverSends(page, 1, snapshot(10, { participants: [...baseState.participants, ravi] }));
  await expect(page.getByTestId('join-form')).toBeVisible();
  await serverSends(page, 1, { type: 'ack', id: second.id, seq: 10, you: 'p3', token: 'tok-3' });
  await expect(page.getByTestId('phase-title')).toHaveText('First phase');
  await expect(page.getByTestId('join-form')).toHaveCount(0);
});

test('store: writing carries the phase it was written in; refused, it comes back as a draft to add, copy or discard', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/s/${CODE}`);
  await joinedAsColleague(page);

  // Written while the link is down: shown where it was written, as waiting.
  await dropConnection(page, 0);
  const text = 'Written in the first phase while offline';
  await page.getByTestId('entry-text-input').fill(text);
  await page.getByTestId('entry-add').click();
  await expect(page.getByTestId('entry-text-input')).toHaveValue('');
  const waiting = page.getByTestId('waiting-item');
  await expect(waiting).toContainText(text);
  await expect(waiting).toContainText('Waiting to send');
  await expect(page.getByTestId('connection-status')).toContainText('1 change waiting');

  // Back, the phase has moved on: the command still names the phase it was written in.
  await serverSends(page, 1, welcome('p3'));
  const add = await lastSent(page, 1, 'entry_add');
  expect(add).toMatchObject({ text, prompt: -1, phase: 'a' });
  await serverSends(page, 1, {
    type: 'event',
    seq: 6,
    time: Date.now(),
    event: { type: 'phase_changed', phase: 1, timer: idle(5) },
  });
  await serverSends(page, 1, {
    type: 'error',
    id: add.id,
    code: 'conflict',
    message: 'The session has moved on to "Second phase"; nothing was added.',
    current: { phase: 'b' },
  });
  await expect(waiting).toHaveCount(0);
  const draft = page.getByTestId('draft');
  await expect(draft).toHaveCount(1);
  await expect(draft.getByTestId('draft-text')).toHaveValue(text);
  await expect(draft.getByTestId('draft-reason')).toHaveText(
    'The session has moved on to "Second phase"; nothing was added.',
  );
  await expect(draft).toContainText('written in “First phase”');
  await expect(page.getByTestId('drafts-link')).toHaveText('1 not sent');
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await expect(page.getByTestId('announcer')).toContainText('Drafts not sent');

  // Copy puts the text on the clipboard.
  await draft.getByTestId('draft-copy').click();
  await expect(draft).toContainText('Copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);

  // A reload keeps the draft (this device only), and sends nothing by itself.
  await page.reload();
  await joinedAsColleague(page, 0, 6);
  await expect(page.getByTestId('draft-text')).toHaveValue(text);
  expect((await sent(page, 0)).map((m) => m.type)).not.toContain('entry_add');
  await serverSends(page, 0, {
    type: 'event',
    seq: 7,
    time: Date.now(),
    event: { type: 'phase_changed', phase: 1, timer: idle(5) },
  });
  await expect(page.getByTestId('phase-title')).toHaveText('Second phase');

  // Edited and added on purpose: a new command, bound to the current phase.
  await page.getByTestId('draft-text').fill(`${text}, now for the second`);
  await expect(page.getByTestId('draft-add')).toHaveText('Add to “Second phase”');
  await page.getByTestId('draft-add').click();
  const again = await lastSent(page, 0, 'entry_add');
  expect(again).toMatchObject({ text: `${text}, now for the second`, prompt: -1, phase: 'b' });
  expect(again.id).not.toBe(add.id);
  await expect(page.getByTestId('drafts')).toHaveCount(0);
  await serverSends(page, 0, { type: 'ack', id: again.id, seq: 8 });
  expect(await page.evaluate((c) => localStorage.getItem(`debrief:drafts:${c}`), CODE)).toBeNull();
});

test('store: text still in a composer when the phase moves on becomes a draft, not the next phase’s note', async ({
  page,
}) => {
  await page.goto(`/s/${CODE}`);
  await joinedAsColleague(page);
  const text = 'Half-written when the facilitator moved on';
  await page.getByTestId('entry-text-input').fill(text);
  await serverSends(page, 0, {
    type: 'event',
    seq: 6,
    time: Date.now(),
    event: { type: 'phase_changed', phase: 2, timer: idle(2) },
  });
  await expect(page.getByTestId('phase-title')).toHaveText('Third phase');
  await expect(page.getByTestId('entry-text-input').first()).toHaveValue('');
  await expect(page.getByTestId('draft-text')).toHaveValue(text);
  await expect(page.getByTestId('draft-reason')).toHaveText(
    'The session moved on to “Third phase” before you added this.',
  );
  expect((await sent(page, 0)).map((m) => m.type)).not.toContain('entry_add');

  // Discarding asks twice, then it is gone from this device too.
  await page.getByTestId('draft-discard').click();
  await expect(page.getByTestId('draft-discard')).toHaveText('Discard for good');
  await page.getByTestId('draft-discard').click();
  await expect(page.getByTestId('drafts')).toHaveCount(0);
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(text);
});

test('store: a server that speaks another protocol version asks for a reload', async ({ page }) => {
  await page.goto(`/s/${CODE}`);
  await lastSent(page, 0, 'hello');
  await serverSends(page, 0, {
    type: 'error',
    code: 'unsupported_version',
    message: 'This server speaks protocol version 3 only; reload the page.',
  });
  const fatal = page.getByTestId('session-fatal');
  await expect(fatal).toContainText('This page is out of date: reload');
  await expect(fatal).toHaveAttribute('role', 'alert');
  await fatal.getByTestId('reload').click();
  await expect.poll(() => lastSent(page, 0, 'hello').then((h) => h.version)).toBe(2);
  await expect(page.getByTestId('session-fatal')).toHaveCount(0);
});

test('store: a change refused as too many at once stays waiting and goes again by itself; a refused hello reconnects', async ({
  page,
}) => {
  await page.goto(`/s/${CODE}`);
  // Many people behind one school address: the hello itself is refused.
  await lastSent(page, 0, 'hello');
  await serverSends(page, 0, { type: 'error', code: 'rate_limited', message: 'Too many messages.' });
  await expect.poll(() => sockets(page), { timeout: 5000 }).toBe(2);
  await joinedAsColleague(page, 1);

  const text = 'Sent in a burst of clicks';
  await page.getByTestId('entry-text-input').fill(text);
  await page.getByTestId('entry-add').click();
  const first = await lastSent(page, 1, 'entry_add');
  await serverSends(page, 1, { type: 'error', id: first.id, code: 'rate_limited', message: 'Too many messages.' });
  // Not a draft, not a notice: still waiting, and sent again with the same id.
  await expect(page.getByTestId('waiting-item')).toContainText(text);
  await expect
    .poll(async () => (await sent(page, 1)).filter((m) => m.type === 'entry_add').length, { timeout: 5000 })
    .toBe(2);
  expect(await lastSent(page, 1, 'entry_add')).toEqual(first);
  await expect(page.getByTestId('draft')).toHaveCount(0);
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await serverSends(page, 1, { type: 'ack', id: first.id, seq: 6 });
  await expect(page.getByTestId('waiting-item')).toHaveCount(0);
});
