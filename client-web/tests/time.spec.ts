// Time as the facilitator needs it: a phase that runs past its time shows the
// time over on the clock and in the agenda, a reset keeps the time used, and a
// compact clock (with Pause for the facilitator) stays in view while scrolling
// on a phone, a tablet and a laptop.
// The server keeps the time, so running past zero takes a real minute: the
// shortest phase there is.

import { expect, test, type Page } from '@playwright/test';
import { createSessionViaStartPage, expectAccessible, inviteLink, joinAs, saveScreenshot } from './helpers';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const TABLET = { viewport: { width: 820, height: 1180 }, isMobile: true, hasTouch: true };
const LAPTOP = { viewport: { width: 1280, height: 900 } };

/** "+6:40 over" (maybe followed by words for screen readers) → 400 seconds. */
function overSeconds(text: string | null): number {
  const m = /^\+(\d+):(\d{2}) over/.exec((text ?? '').trim());
  if (!m) throw new Error(`not a time over: ${JSON.stringify(text)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function agendaItem(page: Page, title: string) {
  return page.getByTestId('phase-item').filter({ hasText: title });
}

async function scrollToBottom(page: Page) {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
}

test('a phase past its time shows the time over, and a reset keeps the time used', async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  const laptop = await browser.newContext(LAPTOP);
  const tablet = await browser.newContext(TABLET);
  const facilitator = await laptop.newPage();
  const colleague = await tablet.newPage();
  try {
    await createSessionViaStartPage(facilitator, 'Time check');
    await joinAs(facilitator, 'Maya', 'facilitator');
    await colleague.goto(await inviteLink(facilitator));
    await joinAs(colleague, 'Ravi', 'colleague');

    // The opening gets one minute, the shortest there is.
    await facilitator.getByTestId('edit-agenda').click();
    await facilitator.getByRole('spinbutton', { name: 'Minutes for Norms and purpose' }).fill('1');
    await facilitator.getByRole('spinbutton', { name: 'Minutes for Norms and purpose' }).press('Enter');
    await facilitator.getByTestId('edit-agenda').click();
    await expect(agendaItem(colleague, 'Norms and purpose').getByTestId('phase-minutes')).toHaveText('1 min');

    await facilitator.getByTestId('btn-start-session').click();
    await facilitator.getByTestId('btn-start-timer').click();
    await expect(colleague.getByTestId('countdown')).toHaveAttribute('data-status', 'running');

    // The minute runs out; the clock goes on counting the time over.
    await expect(colleague.getByTestId('countdown')).toHaveAttribute('data-status', 'expired', { timeout: 80_000 });
    await expect(colleague.getByTestId('countdown-over')).toHaveText(/^\+0:\d{2} over$/);
    await expect(colleague.getByTestId('compact-time')).toContainText(/\+0:\d{2} over/);
    // The agenda shows the minute used and the time over, on every screen.
    for (const page of [facilitator, colleague]) {
      const norms = agendaItem(page, 'Norms and purpose');
      await expect(norms.getByTestId('phase-minutes')).toContainText('1 / 1 min');
      await expect(norms.getByTestId('phase-over')).toContainText(/\+0:\d{2} over/);
    }
    // Counting on: wait until a few seconds over, so the reset below has something to keep.
    await expect
      .poll(
        async () =>
          overSeconds(await agendaItem(colleague, 'Norms and purpose').getByTestId('phase-over').textContent()),
        {
          timeout: 15_000,
        },
      )
      .toBeGreaterThanOrEqual(3);
    await expectAccessible(colleague, 'a phase past its time (colleague, tablet)');
    await saveScreenshot(colleague, testInfo, 'time-over-tablet');
    await saveScreenshot(facilitator, testInfo, 'time-over-laptop');

    // A reset gives the phase its minute again; the time used stays on record.
    await facilitator.getByTestId('btn-reset').click();
    await facilitator.getByTestId('confirm-yes').click();
    await expect(colleague.getByTestId('countdown')).toHaveAttribute('data-status', 'idle');
    await expect(colleague.getByTestId('countdown')).toHaveText('01:00');
    await expect(colleague.getByTestId('countdown-over')).toHaveCount(0);
    const kept = overSeconds(await agendaItem(colleague, 'Norms and purpose').getByTestId('phase-over').textContent());
    expect(kept).toBeGreaterThanOrEqual(3);

    // Moving on keeps it too, and the agenda's total counts it.
    await facilitator.getByTestId('btn-next').click();
    await expect(colleague.getByTestId('phase-title')).toHaveText('Share assumptions');
    for (const page of [facilitator, colleague]) {
      const norms = agendaItem(page, 'Norms and purpose');
      await expect(norms.getByTestId('phase-minutes')).toContainText('1 / 1 min');
      expect(overSeconds(await norms.getByTestId('phase-over').textContent())).toBe(kept);
    }
    await expect(colleague.getByTestId('agenda-budget')).toContainText('used 1 min');
    await saveScreenshot(colleague, testInfo, 'time-after-reset-tablet');

    // Back to the reset phase, and its minute runs out once more: the clock
    // counts from this zero, not from the time used before the reset (which
    // would show more than a minute over at once); the agenda counts it all.
    await facilitator.getByTestId('btn-previous').click();
    await expect(colleague.getByTestId('phase-title')).toHaveText('Norms and purpose');
    await facilitator.getByTestId('btn-start-timer').click();
    await expect(colleague.getByTestId('countdown')).toHaveAttribute('data-status', 'expired', { timeout: 80_000 });
    for (const page of [facilitator, colleague]) {
      expect(overSeconds(await page.getByTestId('countdown-over').textContent())).toBeLessThan(30);
      expect(overSeconds(await page.getByTestId('compact-time').textContent())).toBeLessThan(30);
      const norms = agendaItem(page, 'Norms and purpose');
      expect(overSeconds(await norms.getByTestId('phase-over').textContent())).toBeGreaterThanOrEqual(kept + 55);
    }
  } finally {
    await laptop.close();
    await tablet.close();
  }
});

test('the compact clock and Pause stay in view while scrolling, at every size', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const phone = await browser.newContext(PHONE);
  const tablet = await browser.newContext(TABLET);
  const laptop = await browser.newContext(LAPTOP);
  const facilitator = await phone.newPage();
  const colleague = await tablet.newPage();
  const observer = await laptop.newPage();
  try {
    await createSessionViaStartPage(facilitator, 'Scrolling check');
    await joinAs(facilitator, 'Maya', 'facilitator');
    const link = await inviteLink(facilitator);
    await colleague.goto(link);
    await joinAs(colleague, 'Ravi', 'colleague');
    await observer.goto(link);
    await joinAs(observer, 'Ola', 'observer');
    // Nothing to time in the lobby: the bar shows only the connection.
    await expect(facilitator.getByTestId('connection-status')).toHaveText(/Connected/);
    await expect(facilitator.getByTestId('compact-clock')).toHaveCount(0);

    await facilitator.getByTestId('btn-start-session').click();
    await facilitator.getByTestId('btn-start-timer').click();
    for (const page of [facilitator, colleague, observer]) {
      await expect(page.getByTestId('compact-clock')).toHaveAttribute('data-status', 'running');
      await expect(page.getByTestId('compact-clock')).toContainText('Norms and purpose');
    }

    // Far down the page on a phone, the clock and Pause are still there.
    await scrollToBottom(facilitator);
    await expect(facilitator.getByTestId('phase-title')).not.toBeInViewport();
    await expect(facilitator.getByTestId('compact-clock')).toBeInViewport();
    await expect(facilitator.getByTestId('dock-pause')).toBeInViewport();
    await saveScreenshot(facilitator, testInfo, 'compact-clock-phone-scrolled');
    await facilitator.screenshot({ path: testInfo.outputPath('compact-clock-phone-viewport.png') });
    await facilitator.getByTestId('dock-pause').click();
    await expect(colleague.getByTestId('countdown')).toHaveAttribute('data-status', 'paused');
    await expect(facilitator.getByTestId('compact-clock')).toContainText('paused');
    await expect(facilitator.getByTestId('dock-resume')).toBeInViewport();

    // A long break on the colleague's tablet: the paused clock stays put.
    await scrollToBottom(colleague);
    await expect(colleague.getByTestId('compact-clock')).toBeInViewport();
    const during = await colleague.getByTestId('compact-time').textContent();
    await colleague.clock.install();
    await colleague.clock.fastForward('05:00');
    await expect(colleague.getByTestId('compact-time')).toHaveText(during!);
    await colleague.screenshot({ path: testInfo.outputPath('compact-clock-tablet-viewport.png') });

    await facilitator.getByTestId('dock-resume').click();
    await expect(observer.getByTestId('compact-clock')).toHaveAttribute('data-status', 'running');
    await scrollToBottom(observer);
    await expect(observer.getByTestId('compact-clock')).toBeInViewport();
    // Observers get the clock, not the button.
    await expect(observer.getByTestId('dock-pause')).toHaveCount(0);
    await observer.screenshot({ path: testInfo.outputPath('compact-clock-laptop-viewport.png') });

    // What the keyboard reaches is scrolled into view below the bar, never under it.
    await scrollToBottom(facilitator);
    await facilitator.getByTestId('btn-add-minute').focus();
    const dock = (await facilitator.getByTestId('session-dock').boundingBox())!;
    const focused = (await facilitator.getByTestId('btn-add-minute').boundingBox())!;
    expect(focused.y).toBeGreaterThanOrEqual(dock.y + dock.height);
    await expectAccessible(facilitator, 'compact clock (facilitator, phone)');
    await expectAccessible(observer, 'compact clock (observer, laptop)');
  } finally {
    await phone.close();
    await tablet.close();
    await laptop.close();
  }
});
