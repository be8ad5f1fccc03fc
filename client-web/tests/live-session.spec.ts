// A facilitator and two colleagues, each in their own browser, run a session.

import { expect, test, type Page } from '@playwright/test';
import { createSessionViaStartPage, expectPresence, joinAs, readCountdowns, saveScreenshot } from './helpers';

interface TemplatePhase {
  title: string;
  minutes: number;
}

async function templatePhases(request: import('@playwright/test').APIRequestContext) {
  const res = await request.get('/api/templates');
  expect(res.ok()).toBeTruthy();
  const body = (await res.json()) as { templates: { id: string; phases: TemplatePhase[] }[] };
  return body.templates[0].phases;
}

async function expectCountdownsAgree(pages: Page[]) {
  for (const p of pages) await expect(p.getByTestId('timer-status')).toHaveText('Running');
  const seconds = await readCountdowns(pages);
  expect(Math.max(...seconds) - Math.min(...seconds)).toBeLessThanOrEqual(1);
}

test('three people see each other, the same phase and the same remaining time', async ({
  browser,
  request,
}, testInfo) => {
  const phases = await templatePhases(request);
  const contexts = await Promise.all([0, 1, 2].map(() => browser.newContext()));
  const [facilitator, presenter, colleague] = await Promise.all(contexts.map((c) => c.newPage()));
  const everyone = [facilitator, presenter, colleague];

  await facilitator.goto('/');
  await expect(facilitator.getByTestId('template-option').first()).toBeVisible();
  await saveScreenshot(facilitator, testInfo, 'start-page');
  await createSessionViaStartPage(facilitator, 'Grade 7 triad');
  await saveScreenshot(facilitator, testInfo, 'join-form-facilitator');
  await expect(facilitator.getByTestId('role-facilitator')).toBeChecked();
  await joinAs(facilitator, 'Maya', 'facilitator');
  const link = (await facilitator.getByTestId('invite-link').textContent())!.trim();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/[0-9A-Z]+$/);

  await presenter.goto(link);
  await expect(presenter.getByTestId('join-form')).toBeVisible();
  await expect(presenter.getByTestId('role-facilitator')).toHaveCount(0);
  await joinAs(presenter, 'Jordan', 'presenter');

  await colleague.goto(link);
  await expect(colleague.getByTestId('role-presenter')).toBeDisabled();
  await joinAs(colleague, 'Ravi', 'colleague');

  for (const page of everyone) {
    await expectPresence(page, ['Maya', 'Jordan', 'Ravi']);
    await expect(page.getByTestId('session-title')).toHaveText('Grade 7 triad');
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
  }
  await expect(presenter.getByTestId('facilitator-controls')).toHaveCount(0);

  await facilitator.getByTestId('btn-start-session').click();
  for (const page of everyone) await expect(page.getByTestId('phase-title')).toHaveText(phases[0].title);
  await facilitator.getByTestId('btn-start-timer').click();
  await expectCountdownsAgree(everyone);

  await facilitator.getByTestId('btn-next').click();
  for (const page of everyone) {
    await expect(page.getByTestId('phase-title')).toHaveText(phases[1].title);
    await expect(page.getByTestId('phase-position')).toHaveText(`Phase 2 of ${phases.length}`);
    await expect(page.getByTestId('announcer')).toContainText(phases[1].title);
  }
  const idle = await readCountdowns(everyone);
  expect(new Set(idle).size).toBe(1);
  expect(idle[0]).toBe(phases[1].minutes * 60);

  await facilitator.keyboard.press('Space'); // starts the new phase's timer
  await expectCountdownsAgree(everyone);

  await saveScreenshot(facilitator, testInfo, 'live-facilitator');
  await saveScreenshot(presenter, testInfo, 'live-presenter');
  await saveScreenshot(colleague, testInfo, 'live-colleague');
  for (const [page, name] of [
    [facilitator, 'live-facilitator-360'],
    [colleague, 'live-colleague-360'],
  ] as const) {
    await page.setViewportSize({ width: 360, height: 780 });
    await saveScreenshot(page, testInfo, name);
  }

  await Promise.all(contexts.map((c) => c.close()));
});

test('a participant who reloads comes back as themselves, on the current phase', async ({ browser, request }) => {
  const phases = await templatePhases(request);
  const [fc, pc] = await Promise.all([browser.newContext(), browser.newContext()]);
  const facilitator = await fc.newPage();
  const participant = await pc.newPage();

  await createSessionViaStartPage(facilitator, 'Reload check');
  await joinAs(facilitator, 'Maya', 'facilitator');
  await participant.goto((await facilitator.getByTestId('invite-link').textContent())!.trim());
  await joinAs(participant, 'Ravi', 'colleague');

  await facilitator.getByTestId('btn-start-session').click();
  await facilitator.getByTestId('btn-next').click();
  await expect(participant.getByTestId('phase-title')).toHaveText(phases[1].title);

  await participant.reload();
  await expect(participant.getByTestId('phase-title')).toHaveText(phases[1].title);
  await expect(participant.getByTestId('join-form')).toHaveCount(0);
  await expect(participant.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
  await expect(participant.getByTestId('presence-name').filter({ hasText: 'Ravi' })).toContainText('(you)');

  // The phase moves on while the participant is away and after they are back.
  await participant.close();
  await facilitator.getByTestId('btn-next').click();
  const again = await pc.newPage();
  await again.goto(facilitator.url());
  await expect(again.getByTestId('phase-title')).toHaveText(phases[2].title);

  for (const page of [facilitator, again]) {
    await expectPresence(page, ['Maya', 'Ravi']);
    await expect(page.getByTestId('presence-item').filter({ hasText: 'Ravi' })).toHaveAttribute('data-online', 'true');
  }

  await Promise.all([fc.close(), pc.close()]);
});

test('a rejected command is shown with the server message and can be dismissed', async ({ browser }) => {
  const context = await browser.newContext();
  const facilitator = await context.newPage();
  await createSessionViaStartPage(facilitator, 'Rejections');
  await joinAs(facilitator, 'Maya', 'facilitator');
  await facilitator.getByTestId('btn-start-session').click();
  // Started (the timer can run) yet still at the first phase.
  await expect(facilitator.getByTestId('btn-start-timer')).toBeEnabled();
  await expect(facilitator.getByTestId('btn-previous')).toBeDisabled();

  await facilitator.keyboard.press('b'); // already at the first phase
  const notice = facilitator.getByTestId('notice');
  await expect(notice).toHaveCount(1);
  await expect(notice).toHaveAttribute('role', 'alert');
  await expect(notice).not.toHaveText('');
  await notice.getByRole('button', { name: /dismiss/i }).click();
  await expect(notice).toHaveCount(0);

  await context.close();
});

test('a change made while offline is sent when the connection returns', async ({ browser }) => {
  const [fc, pc] = await Promise.all([browser.newContext(), browser.newContext()]);
  const facilitator = await fc.newPage();
  const participant = await pc.newPage();
  await createSessionViaStartPage(facilitator, 'Offline check');
  await joinAs(facilitator, 'Maya', 'facilitator');
  await participant.goto((await facilitator.getByTestId('invite-link').textContent())!.trim());
  await joinAs(participant, 'Ravi', 'observer');
  await facilitator.getByTestId('btn-start-session').click();
  await expect(participant.getByTestId('countdown')).toHaveText('03:00');

  await fc.setOffline(true);
  await expect(facilitator.getByTestId('connection-status')).not.toHaveAttribute('data-status', 'live');
  await expect(participant.getByTestId('presence-item').filter({ hasText: 'Maya' })).toHaveAttribute(
    'data-online',
    'false',
  );
  await facilitator.getByTestId('btn-add-minute').click();
  await expect(facilitator.getByTestId('connection-status')).toContainText('1 change waiting');
  await expect(participant.getByTestId('countdown')).toHaveText('03:00');

  await fc.setOffline(false);
  await expect(facilitator.getByTestId('connection-status')).toHaveAttribute('data-status', 'live', {
    timeout: 20_000,
  });
  for (const page of [facilitator, participant]) {
    await expect(page.getByTestId('countdown')).toHaveText('04:00');
  }
  await expect(participant.getByTestId('presence-item').filter({ hasText: 'Maya' })).toHaveAttribute(
    'data-online',
    'true',
  );

  await Promise.all([fc.close(), pc.close()]);
});
