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

/** A full-page screenshot at 1280 px and at 768 px (tablet portrait), kept as test artifacts. */
export async function shootBoth(page: Page, testInfo: TestInfo, name: string) {
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 1280, height: 900 });
  await saveScreenshot(page, testInfo, `${name}-1280`);
  await page.setViewportSize({ width: 768, height: 1024 });
  await saveScreenshot(page, testInfo, `${name}-768`);
  await page.setViewportSize(size);
}

/** Runs axe-core in the page: no serious or critical violations allowed. */
export async function expectAccessible(page: Page, view: string) {
  const { AxeBuilder } = await import('@axe-core/playwright');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join('\n  ')}`,
  );
  expect(report, `accessibility of ${view}`).toEqual([]);
}

/** Every text frame a page sends and receives over its WebSockets. */
export function recordFrames(page: Page): { sent: string[]; received: string[] } {
  const frames = { sent: [] as string[], received: [] as string[] };
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => frames.sent.push(String(f.payload)));
    ws.on('framereceived', (f) => frames.received.push(String(f.payload)));
  });
  return frames;
}

export async function inviteLink(page: Page): Promise<string> {
  return (await page.getByTestId('invite-link').textContent())!.trim();
}
