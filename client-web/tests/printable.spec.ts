// The record fit for the binder: the facilitator opens the printable page in
// a tab of its own, times in their own zone, nothing unescaped, accessible,
// and looked at as printed and on a laptop.

import { expect, test } from '@playwright/test';
import { createSessionViaStartPage, expectAccessible, joinAs, saveScreenshot } from './helpers';

test('the facilitator opens the printable record in a new tab, ready to print', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  await createSessionViaStartPage(page, 'Grade 7 <b>triad</b> & "friends"');
  await joinAs(page, 'Maya', 'facilitator');
  await page.getByTestId('btn-start-session').click();
  await page.getByTestId('btn-end').click();
  await page.getByTestId('confirm-yes').click();
  await expect(page.getByTestId('summary')).toBeVisible();

  const [printable] = await Promise.all([context.waitForEvent('page'), page.getByTestId('open-printable').click()]);
  await printable.waitForURL(/^blob:/);
  await expect(printable.getByRole('heading', { level: 1 })).toHaveText('Grade 7 <b>triad</b> & "friends"');
  await expect(printable.locator('main')).toBeVisible();
  await expect(printable.locator('header')).toContainText('Times are in Europe/Paris time.');
  await expect(printable.locator('header')).toContainText(/ CET|CEST/);
  expect(await printable.locator('b').count()).toBe(0);
  // The key never went into a URL.
  expect(printable.url()).not.toContain('key');

  await expectAccessible(printable, 'printable page');
  await saveScreenshot(printable, testInfo, 'printable-laptop');
  await printable.emulateMedia({ media: 'print' });
  await expect(printable.locator('.hint')).toBeHidden();
  await saveScreenshot(printable, testInfo, 'printable-print');
  await context.close();
});
