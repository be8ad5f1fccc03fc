// While the server cannot store changes it says so ({"type":"storage"}),
// against a scripted server (fake-server.ts): the page shows a calm banner and
// keeps the session on screen and the connection as it is; "ok" takes the
// banner away. (A real server reaches this state only through a failing
// disk: build/tests/fault_tests covers that side.)

import { expect, test } from '@playwright/test';
import { baseState, installFakeServer, lastSent, serverSends, snapshot, sockets, welcome } from './fake-server';
import { expectAccessible, saveScreenshot } from './helpers';

const ravi = { id: 'p3', name: 'Ravi', role: 'colleague', online: true };
const banner = "Changes can't be saved right now. What you see is safe; try again in a moment.";

for (const device of [
  { label: 'phone', viewport: { width: 390, height: 844 } },
  { label: 'laptop', viewport: { width: 1280, height: 900 } },
]) {
  test(`storage: a calm banner while changes cannot be saved, gone when they can (${device.label})`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize(device.viewport);
    await installFakeServer(page);
    await page.goto(`/s/${baseState.session}`);
    await lastSent(page, 0, 'hello');
    await serverSends(page, 0, welcome('p3'));
    await serverSends(page, 0, snapshot(5, { participants: [...baseState.participants, ravi] }));
    await expect(page.getByTestId('phase-title')).toHaveText('First phase');
    await expect(page.getByTestId('storage-unavailable')).toHaveCount(0);

    await serverSends(page, 0, { type: 'storage', state: 'unavailable' });
    await expect(page.getByTestId('storage-unavailable')).toHaveText(banner);
    // Still connected, still showing the session: no reconnect, nothing cleared.
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'live');
    await expect(page.getByTestId('phase-title')).toHaveText('First phase');
    expect(await sockets(page)).toBe(1);
    await expectAccessible(page, 'session page while storage is unavailable');
    await saveScreenshot(page, testInfo, `storage-unavailable-${device.label}`);

    await serverSends(page, 0, { type: 'storage', state: 'ok' });
    await expect(page.getByTestId('storage-unavailable')).toHaveCount(0);
  });
}

test('storage: a new connection hears the state again after its welcome', async ({ page }) => {
  await installFakeServer(page);
  await page.goto(`/s/${baseState.session}`);
  await lastSent(page, 0, 'hello');
  await serverSends(page, 0, welcome('p3'));
  await serverSends(page, 0, snapshot(5, { participants: [...baseState.participants, ravi] }));
  await serverSends(page, 0, { type: 'storage', state: 'unavailable' });
  await expect(page.getByTestId('storage-unavailable')).toBeVisible();

  // The connection drops; the server recovered meanwhile: its welcome is all
  // that comes, and the banner goes.
  await page.evaluate(() => (window as any).__sockets[0].serverDrops());
  await expect.poll(() => sockets(page), { timeout: 5000 }).toBe(2);
  await lastSent(page, 1, 'hello');
  await serverSends(page, 1, welcome('p3'));
  await expect(page.getByTestId('storage-unavailable')).toHaveCount(0);
  await serverSends(page, 1, { type: 'storage', state: 'unavailable' });
  await expect(page.getByTestId('storage-unavailable')).toBeVisible();
});
