// Privacy at the seams, against the real server, one browser per person: a
// colleague on a phone writes in a private phase while offline, the
// facilitator moves on, and the note comes back to its author as a draft;
// no other browser ever shows or receives it. And a page that has the link
// but has not joined gets only the lobby while others write.

import { expect, test, type APIRequestContext, type Browser, type Page, type TestInfo } from '@playwright/test';
import { inviteLink, joinAs, recordFrames } from './helpers';

const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** A private reflection followed by a public one with the same prompt: only the phase binding tells them apart. */
const TEMPLATE = {
  id: 'privacy-seams',
  name: 'Privacy seams check',
  phases: [
    { id: 'arrive', title: 'Arrive', kind: 'opening', minutes: 3, prompts: [] },
    {
      id: 'quiet',
      title: 'Quiet reflection',
      kind: 'reflection',
      minutes: 5,
      prompts: ['What surprised me?'],
      private: true,
    },
    { id: 'share', title: 'Share out', kind: 'reflection', minutes: 5, prompts: ['What surprised me?'] },
  ],
};

async function createSession(request: APIRequestContext, title: string) {
  const res = await request.post('/api/sessions', { data: { template: TEMPLATE, title } });
  expect(res.status()).toBe(201);
  return (await res.json()) as { session: string; facilitator_key: string; join_path: string };
}

/** The facilitator's browser holds the key, as if it had created the session itself. */
async function openAsCreator(page: Page, created: { session: string; facilitator_key: string; join_path: string }) {
  await page.goto('/');
  await page.evaluate(
    ([code, key]) => localStorage.setItem(`debrief:session:${code}`, JSON.stringify({ facilitator_key: key })),
    [created.session, created.facilitator_key] as const,
  );
  await page.goto(created.join_path);
}

async function newPerson(browser: Browser, viewport = LAPTOP, mobile = false) {
  const context = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile });
  const page = await context.newPage();
  return { context, page, frames: recordFrames(page) };
}

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

test('a private note written offline is refused after the phase moves on and comes back only to its author', async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const secret = 'Ravi, private: I was hoping to hear she loves number lines (marker Q7ZX)';
  const created = await createSession(request, 'Privacy seams');
  const facilitator = await newPerson(browser);
  const presenter = await newPerson(browser);
  const colleague = await newPerson(browser, PHONE, true);
  await colleague.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const others = [facilitator, presenter];

  await openAsCreator(facilitator.page, created);
  await joinAs(facilitator.page, 'Alex', 'facilitator');
  const link = await inviteLink(facilitator.page);
  await presenter.page.goto(link);
  await joinAs(presenter.page, 'Jordan', 'presenter');
  await colleague.page.goto(link);
  await joinAs(colleague.page, 'Ravi', 'colleague');

  await facilitator.page.getByTestId('btn-start-session').click();
  await facilitator.page.getByTestId('btn-next').click();
  for (const p of [facilitator, presenter, colleague]) {
    await expect(p.page.getByTestId('phase-title')).toHaveText('Quiet reflection');
  }
  const c = colleague.page;
  await expect(c.getByTestId('privacy-note')).toContainText('Only you can see this');

  await test.step('offline, the note shows where it was written, waiting; the state stays in view', async () => {
    await colleague.context.setOffline(true);
    await expect(c.getByTestId('connection-status')).not.toHaveAttribute('data-status', 'live');
    await c.getByTestId('entry-text-input').fill(secret);
    await c.getByTestId('entry-add').click();
    await expect(c.getByTestId('entry-text-input')).toHaveValue('');
    const waiting = c.getByTestId('waiting-item');
    await expect(waiting).toContainText(secret);
    await expect(waiting).toContainText('Waiting to send');
    await c.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect.poll(() => c.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await expect(c.getByTestId('connection-status')).toBeInViewport();
    await expect(c.getByTestId('connection-status')).toContainText('1 change waiting');
    await shoot(c, testInfo, 'phone-waiting-to-send');
  });

  await test.step('the facilitator moves on to a public phase; the colleague comes back', async () => {
    await facilitator.page.getByTestId('btn-next').click();
    for (const p of others) await expect(p.page.getByTestId('phase-title')).toHaveText('Share out');
    await colleague.context.setOffline(false);
    await expect(c.getByTestId('connection-status')).toHaveAttribute('data-status', 'live', { timeout: 20_000 });
    await expect(c.getByTestId('phase-title')).toHaveText('Share out');
  });

  await test.step('refused, the note is the author’s draft with the reason', async () => {
    const draft = c.getByTestId('draft');
    await expect(draft).toHaveCount(1);
    await expect(draft.getByTestId('draft-text')).toHaveValue(secret);
    await expect(draft.getByTestId('draft-reason')).toContainText('Share out');
    await expect(draft.getByTestId('draft-reason')).toContainText('nothing was added');
    await expect(draft).toContainText('written in “Quiet reflection”');
    await expect(draft).toContainText('Everyone will see it, with your name.');
    await expect(c.getByTestId('waiting-item')).toHaveCount(0);
    await expect(c.getByTestId('entry').filter({ hasText: 'Q7ZX' })).toHaveCount(0);
    await expect(c.getByTestId('drafts-link')).toHaveText('1 not sent');

    // The note really was sent, bound to the private phase, and refused.
    const sent = colleague.frames.sent.filter((f) => f.includes('Q7ZX')).map((f) => JSON.parse(f));
    expect(sent.length).toBeGreaterThanOrEqual(1);
    for (const command of sent) expect(command).toMatchObject({ type: 'entry_add', text: secret });
    const phases = await c.evaluate(
      (code) =>
        JSON.parse(localStorage.getItem(`debrief:state:${code}`)!).state.template.phases as {
          id: string;
          title: string;
        }[],
      created.session,
    );
    const quiet = phases.find((p) => p.title === 'Quiet reflection')!.id;
    for (const command of sent) expect(command.phase).toBe(quiet);

    await draft.scrollIntoViewIfNeeded();
    await shoot(c, testInfo, 'phone-drafts-panel');
    await c.setViewportSize(LAPTOP);
    await c.evaluate(() => window.scrollTo(0, 0));
    await shoot(c, testInfo, 'laptop-drafts-panel');
    await c.setViewportSize(PHONE);
  });

  await test.step('copy, and a reload keeps the draft on this device without sending it', async () => {
    await c.getByTestId('draft-copy').click();
    await expect(c.getByTestId('draft')).toContainText('Copied.');
    expect(await c.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    const before = colleague.frames.sent.length;
    await c.reload();
    await expect(c.getByTestId('phase-title')).toHaveText('Share out');
    await expect(c.getByTestId('draft-text')).toHaveValue(secret);
    await expect(c.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
    expect(colleague.frames.sent.slice(before).some((f) => f.includes('Q7ZX'))).toBe(false);
  });

  await test.step('no other browser ever showed or received the text', async () => {
    for (const p of others) {
      await expect(p.page.getByTestId('entry')).toHaveCount(0);
      expect(await p.page.content()).not.toContain('Q7ZX');
      for (const f of p.frames.received) expect(f).not.toContain('Q7ZX');
    }
    const exported = await facilitator.page.evaluate(
      async ([code, key]) =>
        (
          await fetch(`/api/sessions/${code}/export?format=json`, { headers: { Authorization: `Bearer ${key}` } })
        ).text(),
      [created.session, created.facilitator_key] as const,
    );
    expect(exported).not.toContain('Q7ZX');
  });

  await test.step('rewritten and added on purpose, it goes to the current phase', async () => {
    const chosen = 'Something I will say to the group: she compares methods with a peer';
    await c.getByTestId('draft-text').fill(chosen);
    await c.getByTestId('draft-add').click();
    await expect(c.getByTestId('drafts')).toHaveCount(0);
    for (const p of [...others, colleague]) {
      await expect(p.page.getByTestId('entry').filter({ hasText: chosen })).toHaveCount(1);
    }
    for (const p of others) for (const f of p.frames.received) expect(f).not.toContain('Q7ZX');
    expect(await c.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain('Q7ZX');
  });

  await Promise.all([facilitator, presenter, colleague].map((p) => p.context.close()));
});

test('a page that has the link but has not joined receives only the lobby while others write', async ({
  browser,
  request,
}) => {
  const created = await createSession(request, 'Silent watcher');
  const facilitator = await newPerson(browser);
  const presenter = await newPerson(browser);
  const colleague = await newPerson(browser, PHONE, true);
  const watcher = await newPerson(browser);
  const publicNote = 'A public note the watcher must not receive (marker W4TCH)';
  const privateNote = 'A private note the watcher must not receive (marker PR1V)';

  await openAsCreator(facilitator.page, created);
  await joinAs(facilitator.page, 'Alex', 'facilitator');
  const link = await inviteLink(facilitator.page);
  const w = watcher.page;
  await w.goto(link);
  await expect(w.getByTestId('join-form')).toBeVisible();
  await expect(w.getByTestId('session-title')).toHaveText('Silent watcher');
  await expect(w.getByTestId('lobby-agenda')).toContainText('Quiet reflection');
  await expect(w.getByTestId('lobby-people')).toHaveText('Already here: Alex');
  await expect(w.getByTestId('role-presenter')).toBeEnabled();

  await presenter.page.goto(link);
  await joinAs(presenter.page, 'Jordan', 'presenter');
  await colleague.page.goto(link);
  await joinAs(colleague.page, 'Ravi', 'colleague');
  // The lobby follows who is here: the presenter's place is taken.
  await expect(w.getByTestId('lobby-people')).toHaveText('Already here: Alex, Jordan, Ravi');
  await expect(w.getByTestId('role-presenter')).toBeDisabled();
  await expect(w.getByTestId('role-presenter').locator('..')).toContainText('(taken)');

  await facilitator.page.getByTestId('btn-start-session').click();
  await expect(w.getByTestId('lobby-status')).toContainText('Under way');
  await colleague.page.getByTestId('entry-text-input').fill(publicNote);
  await colleague.page.getByTestId('entry-add').click();
  await expect(facilitator.page.getByTestId('entry').filter({ hasText: 'W4TCH' })).toHaveCount(1);
  await facilitator.page.getByTestId('btn-next').click();
  await expect(colleague.page.getByTestId('phase-title')).toHaveText('Quiet reflection');
  await colleague.page.getByTestId('entry-text-input').fill(privateNote);
  await colleague.page.getByTestId('entry-add').click();
  await expect(facilitator.page.getByTestId('reveal-control')).toContainText('1 private note');

  // Only welcome, lobby and the answers to its own pings ever reached the watcher.
  const types = new Set(watcher.frames.received.map((f) => (JSON.parse(f) as { type: string }).type));
  expect([...types].sort()).toEqual(expect.arrayContaining(['lobby', 'welcome']));
  for (const type of types) expect(['welcome', 'lobby', 'pong']).toContain(type);
  for (const f of watcher.frames.received) {
    expect(f).not.toContain('W4TCH');
    expect(f).not.toContain('PR1V');
  }
  expect(await w.content()).not.toContain('W4TCH');
  expect(await w.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain('W4TCH');

  // Joining (and so being seen by everyone) is what brings the content.
  await joinAs(w, 'Sam', 'observer');
  await expect(facilitator.page.getByTestId('presence-name').filter({ hasText: 'Sam' })).toHaveCount(1);
  await expect(w.getByTestId('phase-title')).toHaveText('Quiet reflection');
  await expect(w.getByTestId('hidden-count')).toHaveText('1 private note from others.');
  for (const f of watcher.frames.received) expect(f).not.toContain('PR1V');

  await Promise.all([facilitator, presenter, colleague, watcher].map((p) => p.context.close()));
});
