// Nobody is locked out. The presenter's laptop dies mid-meeting: they come
// back on a phone, join as a colleague, and the facilitator makes them
// presenter again. The facilitator's laptop is gone: on a tablet, the
// facilitator key (kept behind "Show facilitator key") leads again.
// One browser context per device.

import { expect, test, type Page } from '@playwright/test';
import { createSessionViaStartPage, expectAccessible, inviteLink, joinAs, saveScreenshot } from './helpers';

const LAPTOP = { width: 1280, height: 900 };
const TABLET = { width: 820, height: 1180 };
const PHONE = { width: 390, height: 844 };

function row(page: Page, name: string, online: boolean) {
  return page
    .getByTestId('presence-item')
    .filter({ hasText: name })
    .and(page.locator(`[data-online="${online}"]`));
}

test('a presenter whose laptop died is made presenter again on a phone', async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const mayaLaptop = await browser.newContext({ viewport: LAPTOP });
  const jordanLaptop = await browser.newContext({ viewport: LAPTOP });
  const jordanPhone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  try {
    const facilitator = await mayaLaptop.newPage();
    await createSessionViaStartPage(facilitator, 'Grade 7 triad');
    await joinAs(facilitator, 'Maya', 'facilitator');
    const link = await inviteLink(facilitator);
    const laptop = await jordanLaptop.newPage();
    await laptop.goto(link);
    await joinAs(laptop, 'Jordan', 'presenter');
    await facilitator.getByTestId('btn-start-session').click();
    await facilitator.getByTestId('btn-next').click();
    await expect(laptop.getByTestId('phase-title')).toHaveText('Share assumptions');
    await laptop.getByTestId('board-add-know').fill('She finished the quiz early');
    await laptop.getByTestId('board-add-know').press('Enter');
    await expect(facilitator.getByTestId('board-list-know')).toContainText('She finished the quiz early');

    // The laptop dies.
    await jordanLaptop.close();
    await expect(row(facilitator, 'Jordan', false)).toContainText('Presenter');

    // On the phone the presenter's place is taken, and the form says what to do.
    const phone = await jordanPhone.newPage();
    await phone.goto(link);
    await expect(phone.getByTestId('role-presenter')).toBeDisabled();
    await expect(phone.getByTestId('presenter-taken-hint')).toHaveText(
      'Presenter on another device? Join as a colleague and ask the facilitator to make you presenter.',
    );
    await saveScreenshot(phone, testInfo, 'roles-join-presenter-taken-phone');
    await joinAs(phone, 'Jordan', 'colleague');
    await expect(phone.getByTestId('board-list-know')).toContainText('She finished the quiz early');
    await expect(phone.getByTestId('board-add-know')).toHaveCount(0);

    // The facilitator makes the phone presenter, asked first what that does.
    const newcomer = row(facilitator, 'Jordan', true);
    await newcomer.getByTestId('make-presenter').click();
    const ask = facilitator.getByTestId('confirm-move-presenter');
    await expect(ask).toContainText('The assumption board, the transcript and the adaptations move to Jordan');
    await expect(ask).toContainText('Jordan (offline) becomes a colleague');
    await expect(facilitator.getByTestId('confirm-no')).toBeFocused();
    await expectAccessible(facilitator, 'making someone presenter asks first');
    await saveScreenshot(facilitator, testInfo, 'roles-make-presenter-confirm-laptop');
    await facilitator.getByTestId('confirm-yes').click();
    await expect(ask).toHaveCount(0);

    // Without a reload, the phone now has the presenter's powers: it writes on the board.
    await expect(phone.getByTestId('announcer')).toHaveText('You are now the presenter.');
    await phone.getByTestId('board-add-know').fill('She waits for a nod before she starts');
    await phone.getByTestId('board-add-know').press('Enter');
    await expect(facilitator.getByTestId('board-list-know')).toContainText('She waits for a nod before she starts');
    // What the laptop wrote as presenter is still the presenter's, not a colleague's proposal.
    const first = phone.getByTestId('board-list-know').getByTestId('board-item').filter({ hasText: 'quiz early' });
    await expect(first).not.toContainText('Proposed by');

    // Everyone's list shows the change: the laptop's Jordan is an offline colleague.
    for (const page of [facilitator, phone]) {
      await expect(row(page, 'Jordan', true).locator('.presence-role')).toHaveText('Presenter');
      await expect(row(page, 'Jordan', false).locator('.presence-role')).toHaveText('Colleague');
      await expect(row(page, 'Jordan', false).locator('.presence-state')).toHaveText('offline');
    }
    await expect(facilitator.getByTestId('make-presenter')).toHaveCount(1); // only on the offline Jordan now
    await expectAccessible(phone, 'the new presenter on a phone');
    await saveScreenshot(phone, testInfo, 'roles-new-presenter-phone');
  } finally {
    await Promise.all([mayaLaptop.close(), jordanLaptop.close(), jordanPhone.close()]);
  }
});

test('the facilitator leads from a tablet with the key kept on the laptop', async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const mayaLaptop = await browser.newContext({ viewport: LAPTOP });
  await mayaLaptop.grantPermissions(['clipboard-read', 'clipboard-write']);
  const raviPhone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const mayaTablet = await browser.newContext({ viewport: TABLET, isMobile: true, hasTouch: true });
  try {
    const laptop = await mayaLaptop.newPage();
    await createSessionViaStartPage(laptop, 'Grade 7 triad');
    await joinAs(laptop, 'Maya', 'facilitator');
    const link = await inviteLink(laptop);

    // The creator finds the key under Invite, and copies it.
    await expect(laptop.getByTestId('facilitator-key')).toHaveCount(0);
    await laptop.getByText('Show facilitator key').click();
    await expect(laptop.getByTestId('facilitator-key-toggle')).toContainText('Keep this to lead from another device');
    const key = (await laptop.getByTestId('facilitator-key').textContent())!.trim();
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(link).not.toContain(key);
    await laptop.getByTestId('copy-facilitator-key').click();
    await expect(laptop.getByTestId('copy-facilitator-key')).toHaveText('Copied');
    expect(await laptop.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await expectAccessible(laptop, 'the facilitator key shown');
    await saveScreenshot(laptop, testInfo, 'roles-facilitator-key-laptop');

    const colleague = await raviPhone.newPage();
    await colleague.goto(link);
    await joinAs(colleague, 'Ravi', 'colleague');

    // The laptop is gone. On the tablet, the join form offers no Facilitator until a key is given.
    await mayaLaptop.close();
    const tablet = await mayaTablet.newPage();
    await tablet.goto(link);
    await expect(tablet.getByTestId('role-facilitator')).toHaveCount(0);
    await tablet.getByTestId('join-name').fill('Maya');
    await tablet.getByText('I have the facilitator key').click();
    const keyField = tablet.getByLabel('Facilitator key');
    await expect(keyField).toHaveAttribute('type', 'password');

    // Half a key is refused before it is sent; a wrong key by the server, in the form.
    await keyField.fill(key.slice(0, 20));
    await expect(tablet.getByTestId('role-facilitator')).toBeChecked();
    await tablet.getByTestId('join-submit').click();
    await expect(tablet.getByTestId('join-error')).toHaveText(
      'A facilitator key is 32 characters; this one has 20. Copy all of it and paste it again.',
    );
    await keyField.fill('0123456789abcdef0123456789abcdef');
    await tablet.getByTestId('join-submit').click();
    await expect(tablet.getByTestId('join-error')).toHaveAttribute('data-code', 'forbidden');
    await expect(tablet.getByTestId('join-error')).toContainText('This is not the facilitator key of this session');
    await expect(keyField).toHaveAttribute('aria-invalid', 'true');
    await expect(tablet.getByTestId('join-form')).toBeVisible();
    await expectAccessible(tablet, 'join form with the facilitator key field');
    await saveScreenshot(tablet, testInfo, 'roles-join-wrong-key-tablet');

    // The right key, pasted with the spaces a copy can bring: the tablet leads.
    await keyField.fill(` ${key}\t`);
    await expect(tablet.getByTestId('join-error')).toHaveCount(0);
    await tablet.getByTestId('join-submit').click();
    await expect(tablet.getByTestId('facilitator-controls')).toBeVisible();
    expect(tablet.url()).not.toContain(key);
    await tablet.getByTestId('btn-start-session').click();
    await tablet.getByTestId('btn-next').click();
    await expect(colleague.getByTestId('phase-title')).toHaveText('Share assumptions');
    // The tablet keeps the key now, for the next device.
    await tablet.getByText('Show facilitator key').click();
    await expect(tablet.getByTestId('facilitator-key')).toHaveText(key);
    await saveScreenshot(tablet, testInfo, 'roles-leading-from-tablet');
  } finally {
    await Promise.all([mayaLaptop.close(), raviPhone.close(), mayaTablet.close()]);
  }
});
