// The facilitator's console against the real server: undo an accidental
// advance, edit the agenda, the QR invite, handing the role over; and the
// class chart template's three columns.

import { expect, test } from '@playwright/test';
import { expectAccessible, inviteLink, joinAs, shootBoth } from './helpers';

async function createFrom(page: import('@playwright/test').Page, templateId: string, title: string) {
  await page.goto('/');
  await page.locator(`#template-${templateId}`).check();
  await page.getByTestId('session-title-input').fill(title);
  await page.getByTestId('create-session').click();
  await expect(page.getByTestId('join-form')).toBeVisible();
}

test('facilitator console: undo an advance, edit the agenda, invite by QR, hand the role over', async ({
  browser,
}, testInfo) => {
  const [fc, cc] = await Promise.all([browser.newContext(), browser.newContext()]);
  const facilitator = await fc.newPage();
  const colleague = await cc.newPage();
  await createFrom(facilitator, 'learning-partnership', 'Console check');
  await joinAs(facilitator, 'Alex', 'facilitator');
  const link = await inviteLink(facilitator);
  await colleague.goto(link);
  await joinAs(colleague, 'Ravi', 'colleague');
  await facilitator.getByTestId('btn-start-session').click();
  await expect(colleague.getByTestId('phase-title')).toHaveText('Norms and purpose');

  // An accidental advance by key, taken back from the toast.
  await facilitator.locator('body').press('n');
  await expect(colleague.getByTestId('phase-title')).toHaveText('Share assumptions');
  await expect(facilitator.getByTestId('undo-toast')).toContainText('Moved on to “Share assumptions”');
  await facilitator.getByTestId('btn-undo-advance').click();
  await expect(colleague.getByTestId('phase-title')).toHaveText('Norms and purpose');
  await expect(facilitator.getByTestId('undo-toast')).toHaveCount(0);

  // The agenda: minutes, add, reorder, remove; everyone sees it.
  await facilitator.getByTestId('edit-agenda').click();
  const minutes = facilitator.getByTestId('phase-minutes-input').nth(1);
  await minutes.fill('9');
  await minutes.press('Enter');
  await expect(colleague.getByTestId('phase-item').nth(1)).toContainText('9 min');
  await expect(colleague.getByTestId('agenda-budget')).toContainText('planned 37 min');
  await facilitator.getByTestId('add-phase-title').fill('Quiet reading');
  await facilitator.getByTestId('add-phase-submit').click();
  await expect(colleague.getByTestId('phase-item')).toHaveCount(9);
  await expect(colleague.getByTestId('phase-item').nth(1)).toContainText('Quiet reading');
  await facilitator.getByRole('button', { name: 'Move Quiet reading later' }).click();
  await expect(colleague.getByTestId('phase-item').nth(2)).toContainText('Quiet reading');
  await expectAccessible(facilitator, 'facilitator console with agenda editing');
  await shootBoth(facilitator, testInfo, 'console-agenda-editing');
  await facilitator.getByRole('button', { name: 'Remove Quiet reading' }).click();
  await expect(colleague.getByTestId('phase-item')).toHaveCount(8);
  await expect(facilitator.getByRole('button', { name: 'Remove Norms and purpose' })).toBeDisabled();
  await facilitator.getByTestId('edit-agenda').click();

  // The QR code carries the invite link, never the facilitator key.
  await facilitator.getByTestId('qr-toggle').locator('summary').click();
  const qr = facilitator.getByTestId('qr-code');
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute('data-link')).toBe(link);
  const creds = await facilitator.evaluate(
    (code) => localStorage.getItem(`debrief:session:${code}`),
    new URL(link).pathname.split('/').pop()!,
  );
  const key = JSON.parse(creds!).facilitator_key as string;
  expect(key).toMatch(/^[0-9a-f]{32}$/);
  expect(link).not.toContain(key);
  expect(await qr.getAttribute('aria-label')).not.toContain(key);
  await expect(qr.locator('path')).toHaveAttribute('d', /^M\d/);

  // Hand the role over: Ravi facilitates, Alex becomes a colleague.
  await facilitator.getByTestId('hand-over-toggle').click();
  await facilitator.getByTestId('hand-over').click();
  await facilitator.getByTestId('hand-over').click();
  await expect(colleague.getByTestId('facilitator-controls')).toBeVisible();
  await expect(facilitator.getByTestId('facilitator-controls')).toHaveCount(0);
  await expect(facilitator.getByTestId('presence-item').filter({ hasText: 'Alex' })).toContainText('Colleague');
  await colleague.getByTestId('btn-next').click();
  await expect(facilitator.getByTestId('phase-title')).toHaveText('Share assumptions');

  await Promise.all([fc.close(), cc.close()]);
});

test('the culture-of-learning chart shows its three prompts as columns', async ({ browser }, testInfo) => {
  const [fc, cc] = await Promise.all([browser.newContext(), browser.newContext()]);
  const facilitator = await fc.newPage();
  const colleague = await cc.newPage();
  await createFrom(facilitator, 'culture-of-learning', 'Room 12 chart');
  await joinAs(facilitator, 'Alex', 'facilitator');
  await colleague.goto(await inviteLink(facilitator));
  await joinAs(colleague, 'Ravi', 'colleague');
  await facilitator.getByTestId('btn-start-session').click();
  await facilitator.getByTestId('btn-next').click();
  await expect(colleague.getByTestId('phase-title')).toHaveText('Build the chart');
  const columns = colleague.getByTestId('chart-column');
  await expect(columns).toHaveCount(3);
  await expect(columns.nth(1)).toContainText('What actions help us learn?');
  await columns.nth(1).getByTestId('entry-text-input').fill('We ask a partner before the teacher');
  await columns.nth(1).getByTestId('entry-add').click();
  await expect(facilitator.getByTestId('chart-column').nth(1).getByTestId('entry')).toContainText('ask a partner');
  await expect(facilitator.getByTestId('chart-column').nth(0).getByTestId('entry')).toHaveCount(0);
  await expectAccessible(colleague, 'chart');
  await shootBoth(colleague, testInfo, 'chart');
  await Promise.all([fc.close(), cc.close()]);
});
