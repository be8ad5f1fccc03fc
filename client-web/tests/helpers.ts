// Steps a person takes in the browser, shared by the tests.

import { expect, type Page, type TestInfo } from '@playwright/test';

export type JoinRole = 'facilitator' | 'presenter' | 'colleague' | 'observer';

/** Creates a session from the start page; returns its code. The page ends on the join form. */
export async function createSessionViaStartPage(page: Page, title: string): Promise<string> {
  await page.goto('/');
  await expect(page.getByTestId('template-option').first()).toBeVisible();
  await page.getByTestId('session-title-input').fill(title);
  await page.getByTestId('create-session').click();
  await expect(page).toHaveURL(/\/s\/[0-9A-Z]+$/);
  return new URL(page.url()).pathname.split('/').pop()!;
}

export async function joinAs(page: Page, name: string, role: JoinRole) {
  await page.getByTestId('join-name').fill(name);
  await page.getByTestId(`role-${role}`).check();
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('join-form')).toHaveCount(0);
  await expect(page.getByTestId('presence-list')).toContainText(name);
}

export async function expectPresence(page: Page, names: string[]) {
  const items = page.getByTestId('presence-name');
  await expect(items).toHaveCount(names.length);
  for (const name of names) {
    await expect(items.filter({ hasText: name })).toHaveCount(1);
  }
}

/** "mm:ss" → seconds. */
export function parseMmSs(text: string | null): number {
  const m = /^\s*(\d+):(\d{2})\s*$/.exec(text ?? '');
  if (!m) throw new Error(`not a countdown: ${JSON.stringify(text)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Reads every page's countdown as close together in time as possible. */
export async function readCountdowns(pages: Page[]): Promise<number[]> {
  const texts = await Promise.all(pages.map((p) => p.getByTestId('countdown').textContent()));
  return texts.map(parseMmSs);
}

export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}
