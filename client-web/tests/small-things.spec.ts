// Small things a teacher trips on: the connection badge says what it means,
// an observer is told they are observing, "What I know" is not "Still open",
// a notice goes once its cause is gone, the tab has an icon, and a shared
// staff computer keeps nothing of a session after its end or after leaving.
// A facilitator on a laptop, a colleague on a phone, an observer and a
// presenter on tablets: one browser context each.

import { expect, test, type Page } from '@playwright/test';
import { createSessionViaStartPage, expectAccessible, inviteLink, joinAs, saveScreenshot } from './helpers';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const TABLET = { viewport: { width: 820, height: 1180 }, isMobile: true, hasTouch: true };
const LAPTOP = { viewport: { width: 1280, height: 900 } };

/** Everything this page's origin keeps in localStorage. */
function stored(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
}

async function nextPhase(facilitator: Page, others: Page[], title: string) {
  await facilitator.getByTestId('btn-next').click();
  for (const p of [facilitator, ...others]) await expect(p.getByTestId('phase-title')).toHaveText(title);
}

test('a shared computer keeps no session content after the end or after leaving', async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const laptop = await browser.newContext(LAPTOP);
  const phone = await browser.newContext(PHONE);
  const tablet = await browser.newContext(TABLET);
  const facilitator = await laptop.newPage();
  const colleague = await phone.newPage();
  const leaver = await tablet.newPage();
  try {
    const code = await createSessionViaStartPage(facilitator, 'Staff room');
    await joinAs(facilitator, 'Maya', 'facilitator');
    const link = await inviteLink(facilitator);
    await colleague.goto(link);
    await joinAs(colleague, 'Ravi', 'colleague');
    await leaver.goto(link);
    await joinAs(leaver, 'Lee', 'colleague');
    await facilitator.getByTestId('btn-start-session').click();

    const note = 'Ravi noticed the quiet start of the lesson.';
    await colleague.getByTestId('entry-text-input').first().fill(note);
    await colleague.getByTestId('entry-add').first().click();
    await expect(leaver.getByTestId('entry').filter({ hasText: note })).toHaveCount(1);
    // While the session runs, each device keeps a copy to come back to quickly.
    for (const page of [colleague, leaver]) {
      await expect.poll(async () => Object.keys(await stored(page))).toContain(`debrief:state:${code}`);
    }

    // Leaving: the session's content goes; the name typed to join stays.
    await leaver.getByTestId('btn-leave').click();
    await expect(leaver).toHaveURL(/\/$/);
    const afterLeave = await stored(leaver);
    expect(Object.keys(afterLeave)).not.toContain(`debrief:state:${code}`);
    expect(JSON.stringify(afterLeave)).not.toContain('quiet start');
    expect(afterLeave['debrief:name']).toBe('Lee');

    // The end: content goes from every device; what resuming needs stays.
    await facilitator.getByTestId('btn-end').click();
    await facilitator.getByTestId('confirm-yes').click();
    await expect(colleague.getByTestId('session-ended')).toBeVisible();
    await expect(colleague.getByTestId('summary')).toContainText(note);
    for (const page of [facilitator, colleague]) {
      await expect.poll(async () => Object.keys(await stored(page))).not.toContain(`debrief:state:${code}`);
      const left = await stored(page);
      expect(JSON.stringify(left)).not.toContain('quiet start');
      expect(Object.keys(left)).not.toContain(`debrief:drafts:${code}`);
      expect(JSON.parse(left[`debrief:session:${code}`]!).token).toBeTruthy();
    }
    // Coming back to the link still shows the summary, from the server.
    await colleague.reload();
    await expect(colleague.getByTestId('summary')).toContainText(note);
    await expect.poll(async () => JSON.stringify(await stored(colleague))).not.toContain('quiet start');
    // After the end the badge is about the connection, not the session.
    await expect(colleague.getByTestId('connection-status')).toHaveText(/Connected/);
    await saveScreenshot(colleague, testInfo, 'ended-phone');
  } finally {
    await laptop.close();
    await phone.close();
    await tablet.close();
  }
});

test('observers are told they observe, and "What I know" is not "Still open"', async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const laptop = await browser.newContext(LAPTOP);
  const tablet = await browser.newContext(TABLET);
  const watching = await browser.newContext(TABLET);
  const facilitator = await laptop.newPage();
  const presenter = await tablet.newPage();
  const observer = await watching.newPage();
  try {
    await createSessionViaStartPage(facilitator, 'Observed triad');
    await joinAs(facilitator, 'Maya', 'facilitator');
    const link = await inviteLink(facilitator);
    await presenter.goto(link);
    await joinAs(presenter, 'Jordan', 'presenter');
    await observer.goto(link);
    await joinAs(observer, 'Ola', 'observer');
    // In the lobby the badge says it is the connection, not that the session is live.
    await expect(observer.getByTestId('connection-status')).toHaveText(/Connected/);
    await expect(observer.getByTestId('session-lobby')).toBeVisible();

    await facilitator.getByTestId('btn-start-session').click();
    await nextPhase(facilitator, [presenter, observer], 'Share assumptions');
    for (const [list, text] of [
      ['know', 'She finished the quiz early'],
      ['assumptions', 'She finds number lines boring'],
    ]) {
      await presenter.getByTestId(`board-add-${list}`).fill(text);
      await presenter.getByTestId(`board-add-${list}`).press('Enter');
      await expect(observer.getByTestId('board-item').filter({ hasText: text })).toHaveCount(1);
    }
    await nextPhase(facilitator, [presenter, observer], 'Clarifying questions');
    const review = presenter.getByTestId('board-review');
    const known = review.getByTestId('review-item').filter({ hasText: 'finished the quiz' });
    const assumed = review.getByTestId('review-item').filter({ hasText: 'number lines' });
    await expect(assumed.getByTestId('item-status')).toHaveText('Still open');
    await expect(known).toBeVisible();
    await expect(known.getByTestId('item-status')).toHaveCount(0);
    await expect(known).not.toContainText('Still open');
    // A known fact takes evidence, not a status.
    await known.getByTestId('mark-item').click();
    await expect(known.getByTestId('status-open')).toBeHidden();
    await saveScreenshot(presenter, testInfo, 'review-know-tablet');
    // Marking an assumption opens its statuses (with a hidden legend) and the
    // evidence picker: the page must still fit the screen, on a phone too.
    await assumed.getByTestId('mark-item').click();
    await expect(assumed.getByTestId('status-challenged')).toBeAttached();
    for (const width of [820, 390]) {
      await presenter.setViewportSize({ width, height: 900 });
      // A mobile browser widens its layout viewport to the content, so compare with the screen.
      const contentWidth = await presenter.evaluate(() => document.documentElement.scrollWidth);
      expect(contentWidth, `the page is wider than a ${width} px screen`).toBeLessThanOrEqual(width);
    }
    await saveScreenshot(presenter, testInfo, 'review-mark-phone');

    // A private phase: the observer cannot write, so is not told to Share.
    await nextPhase(facilitator, [presenter, observer], 'Read the transcript together');
    await nextPhase(facilitator, [presenter, observer], 'What we noticed and wondered');
    const note = observer.getByTestId('privacy-note');
    await expect(note).toContainText('You are observing');
    await expect(note).not.toContainText('Share');
    await expect(presenter.getByTestId('privacy-note')).toContainText('Use Share');
    await expectAccessible(observer, 'private phase (observer)');
    await saveScreenshot(observer, testInfo, 'observer-private-tablet');
  } finally {
    await laptop.close();
    await tablet.close();
    await watching.close();
  }
});

test('a notice goes once its cause is gone; the tab has an icon', async ({ browser, request }) => {
  const phone = await browser.newContext(PHONE);
  const facilitator = await phone.newPage();
  try {
    await createSessionViaStartPage(facilitator, 'Notices');
    await joinAs(facilitator, 'Maya', 'facilitator');
    await facilitator.getByTestId('btn-start-session').click();
    await expect(facilitator.getByTestId('btn-start-timer')).toBeEnabled();

    // "Back" at the first phase is refused; the next thing that works clears it.
    await facilitator.keyboard.press('b');
    await expect(facilitator.getByTestId('notice')).toHaveCount(1);
    await facilitator.getByTestId('btn-start-timer').click();
    await expect(facilitator.getByTestId('countdown')).toHaveAttribute('data-status', 'running');
    await expect(facilitator.getByTestId('notice')).toHaveCount(0);

    // A notice from before the connection dropped is gone once it is back.
    await facilitator.keyboard.press('b');
    await expect(facilitator.getByTestId('notice')).toHaveCount(1);
    await phone.setOffline(true);
    await expect(facilitator.getByTestId('connection-status')).not.toHaveAttribute('data-status', 'live');
    await phone.setOffline(false);
    await expect(facilitator.getByTestId('connection-status')).toHaveAttribute('data-status', 'live', {
      timeout: 20_000,
    });
    await expect(facilitator.getByTestId('notice')).toHaveCount(0);

    // The icon: linked from the page, served as SVG.
    const href = await facilitator.locator('link[rel="icon"]').getAttribute('href');
    expect(href).toBe('/favicon.svg');
    const icon = await request.get(href!);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
    expect(await icon.text()).toContain('<svg');
  } finally {
    await phone.close();
  }
});
