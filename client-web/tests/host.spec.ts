// An event of three rooms against the real server, one browser per person:
// the host (laptop) makes it from the start page, opens the join sheet (QR
// codes, the CSV and the facilitator keys' CSV parsed), and people on phones
// and a tablet join two rooms — one room's facilitator with the key from
// that CSV. The console follows phases, clocks, people and flags; the host
// starts every room, speaks to all (the notice reaches each screen once and
// each person dismisses it), to one room alone, pauses all, resumes one,
// moves all to a phase, looks in to a room (listed there as "Host", private
// writing hidden), and deletes the event with its rooms.

import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Download, type Page, type TestInfo } from '@playwright/test';
import { expectAccessible, recordFrames } from './helpers';

const LAPTOP = { width: 1280, height: 900 };
const TABLET = { width: 820, height: 1180 };
const PHONE = { width: 390, height: 844 };
const SIZES = [
  { label: '390', viewport: PHONE },
  { label: '820', viewport: TABLET },
  { label: '1280', viewport: LAPTOP },
];

const LABELS = ['Grade 7 science', 'Grade 8, "maths"', 'Triad 4'];
const SECRET = 'Jordan, private: I hoped she would say she loves fractions (marker K9QW)';

async function open(browser: Browser, viewport: { width: number; height: number }, mobile = false) {
  const context = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile, acceptDownloads: true });
  return { context, page: await context.newPage() };
}

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

/** The page at 390, 820 and 1280 px wide in turn, then back to its own size. */
async function shootThree(page: Page, testInfo: TestInfo, name: string) {
  const own = page.viewportSize()!;
  for (const size of SIZES) {
    await page.setViewportSize(size.viewport);
    await shoot(page, testInfo, `${name}-${size.label}`);
  }
  await page.setViewportSize(own);
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field, 'the file ends with CRLF').toBe('');
  return rows;
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { download, text: await readFile((await download.path())!, 'utf8') };
}

const card = (host: Page, code: string) => host.locator(`[data-testid="room-card"][data-session="${code}"]`);
const messages = (page: Page) => page.locator('[data-testid="host-notice"][data-kind="message"]');

test('a PD leader runs an event of three rooms: sheet, console, notices, actions, look-in, delete', async ({
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(300_000);
  const h = await open(browser, LAPTOP);
  const host = h.page;
  const hostRequests: string[] = [];
  host.on('request', (r) => hostRequests.push(r.url()));
  const hostFrames = recordFrames(host);
  let eventId = '';
  let hostKey = '';
  const codes: string[] = [];
  let facilitatorKey = '';

  await test.step('the host makes an event of three labelled rooms from the start page', async () => {
    await host.goto('/');
    await host.getByTestId('new-event').click();
    await expect(host).toHaveURL(/\/events\/new$/);
    await expect(host.getByTestId('event-template')).toBeVisible();
    await expectAccessible(host, 'the new event form');
    await host.getByTestId('event-title').fill('PD day, 14 March');
    await host.getByTestId('event-template').selectOption('reflection-round');
    await host.getByTestId('event-by-labels').check();
    await host.getByTestId('event-labels').fill(`${LABELS.join('\n')}\n\n`);
    await expect(host.getByTestId('event-label-count')).toHaveText('3 rooms.');
    await host.getByTestId('event-create').click();
    await expect(host).toHaveURL(/\/e\/[0-9A-Za-z]{16}$/);
    eventId = new URL(host.url()).pathname.split('/').pop()!;
    await expect(host.getByTestId('event-title')).toHaveText('PD day, 14 March');
    await expect(host.getByTestId('room-card')).toHaveCount(3);
    await expect(host.getByTestId('host-link')).toHaveText('Live');
    await expect(host.getByTestId('room-label')).toHaveText(LABELS.map((l, i) => `${i + 1}. ${l}`));
    for (const c of await host.getByTestId('room-card').all()) codes.push((await c.getAttribute('data-session'))!);
    hostKey = await host.evaluate((id) => JSON.parse(localStorage.getItem(`debrief:event:${id}`)!).key, eventId);
    expect(hostKey).toMatch(/^[0-9a-f]{32}$/);
    // The key went in the host subscription's first message, never in a URL.
    expect(hostFrames.sent.some((f) => f.includes(hostKey) && f.includes('"type":"host"'))).toBe(true);
    expect(hostRequests.filter((u) => u.includes(hostKey))).toEqual([]);
  });

  await test.step('the join sheet: every room with its link and QR code, the CSV, the facilitator keys apart', async () => {
    await host.getByTestId('open-sheet').click();
    await expect(host).toHaveURL(new RegExp(`/e/${eventId}/sheet$`));
    await expect(host.getByTestId('sheet-room')).toHaveCount(3);
    await expect(host.getByTestId('sheet-qr')).toHaveCount(3);
    for (const [i, code] of codes.entries()) {
      await expect(host.getByTestId('sheet-qr').nth(i)).toHaveAttribute('data-link', `${baseURL}/s/${code}`);
      await expect(host.getByTestId('sheet-link').nth(i)).toHaveText(`${baseURL}/s/${code}`);
    }
    await expect(host.getByTestId('join-sheet')).not.toContainText(hostKey);
    const sheet = await downloaded(host, () => host.getByTestId('sheet-csv').click());
    expect(sheet.download.suggestedFilename()).toBe('pd-day-14-march-rooms.csv');
    expect(parseCsv(sheet.text)).toEqual([
      ['position', 'label', 'code', 'link'],
      ...codes.map((code, i) => [String(i + 1), LABELS[i], code, `${baseURL}/s/${code}`]),
    ]);
    expect(sheet.text).not.toMatch(/[0-9a-f]{32}/);
    await expect(host.getByTestId('sheet-keys-warning')).toHaveCount(0);
    await host.getByTestId('sheet-keys-toggle').click();
    await expect(host.getByTestId('sheet-keys-warning')).toContainText('Keep this file private');
    const keys = await downloaded(host, () => host.getByTestId('sheet-keys-csv').click());
    const rows = parseCsv(keys.text);
    expect(rows[0]).toEqual(['position', 'label', 'code', 'link', 'facilitator_key']);
    expect(rows.slice(1).map((r) => r.slice(0, 3))).toEqual(codes.map((code, i) => [String(i + 1), LABELS[i], code]));
    for (const r of rows.slice(1)) expect(r[4]).toMatch(/^[0-9a-f]{32}$/);
    expect(rows.slice(1).map((r) => r[4])).not.toContain(hostKey);
    facilitatorKey = rows[1][4];
    await expectAccessible(host, 'the join sheet');
    await shootThree(host, testInfo, 'join-sheet');
    // On paper: nothing but the rooms.
    await host.emulateMedia({ media: 'print' });
    await expect(host.locator('.sheet-tools')).toBeHidden();
    await expect(host.locator('.app-header')).toBeHidden();
    await shoot(host, testInfo, 'join-sheet-print');
    await host.emulateMedia({ media: 'screen' });
  });

  const alex = await open(browser, TABLET, true); // room 1's facilitator, with the key from the CSV
  const jordan = await open(browser, PHONE, true); // room 1's presenter
  const sam = await open(browser, PHONE, true); // room 2, alone, a colleague
  const people = [alex.page, jordan.page, sam.page];

  await test.step('people join two rooms; the console shows who is there and flags the rest', async () => {
    await alex.page.goto(`/s/${codes[0]}`);
    await alex.page.getByTestId('join-name').fill('Alex');
    await alex.page.getByTestId('facilitator-key-entry').locator('summary').click();
    await alex.page.getByTestId('join-facilitator-key').fill(facilitatorKey);
    await expect(alex.page.getByTestId('role-facilitator')).toBeChecked();
    await alex.page.getByTestId('join-submit').click();
    await expect(alex.page.getByTestId('presence-list')).toContainText('Alex');
    for (const [who, name, role, code] of [
      [jordan.page, 'Jordan', 'presenter', codes[0]],
      [sam.page, 'Sam', 'colleague', codes[1]],
    ] as const) {
      await who.goto(`/s/${code}`);
      await who.getByTestId('join-name').fill(name);
      await who.getByTestId(`role-${role}`).check();
      await who.getByTestId('join-submit').click();
      await expect(who.getByTestId('presence-list')).toContainText(name);
    }
    await host.getByRole('link', { name: 'Back to the console' }).click();
    await expect(card(host, codes[0]).getByTestId('room-people')).toContainText('2/2 online');
    await expect(card(host, codes[0]).getByTestId('room-person')).toHaveText([
      'Alex (Facilitator)',
      'Jordan (Presenter)',
    ]);
    await expect(card(host, codes[0])).toHaveAttribute('data-flags', '');
    await expect(card(host, codes[1])).toHaveAttribute('data-flags', 'no_facilitator no_presenter');
    await expect(card(host, codes[2])).toHaveAttribute('data-flags', 'nobody no_facilitator no_presenter');
    for (const code of codes) await expect(card(host, code).getByTestId('room-phase')).toHaveText('In the lobby');

    await host.getByTestId('room-filter').selectOption('nobody');
    await expect(host.getByTestId('room-card')).toHaveCount(1);
    await expect(host.getByTestId('room-label')).toHaveText('3. Triad 4');
    await host.getByTestId('room-filter').selectOption('all');
    await host.getByTestId('room-search').fill('grade');
    await expect(host.getByTestId('room-card')).toHaveCount(2);
    await host.getByTestId('room-search').fill('');
    await host.getByTestId('room-sort').selectOption('flags');
    await expect(host.getByTestId('room-label')).toHaveText(['3. Triad 4', `2. ${LABELS[1]}`, `1. ${LABELS[0]}`]);
    await host.getByTestId('room-sort').selectOption('position');
  });

  await test.step('start every room: the phase and its clock reach the console and every screen', async () => {
    await host.getByTestId('act-start').click();
    await expect(host.getByTestId('action-result')).toHaveText('3 rooms started.');
    for (const p of people) await expect(p.getByTestId('phase-title')).toHaveText('What I learned');
    for (const code of codes) {
      await expect(card(host, code).getByTestId('room-phase')).toContainText('1/4 What I learned');
      await expect(card(host, code).getByTestId('room-clock')).toHaveAttribute('data-kind', 'running');
    }
    await expect(card(host, codes[0]).getByTestId('room-clock')).toHaveText(/^0[45]:\d\d left$/);
    // Each room is told who acted, once.
    for (const p of people) {
      await expect(p.locator('[data-testid="host-notice"][data-kind="action"]')).toHaveCount(1);
      await expect(p.getByTestId('host-notices')).toContainText('The event host started the session.');
    }
  });

  await test.step('a notice to every room reaches each screen once; each person dismisses it on their own device', async () => {
    await host.getByTestId('notice-text').fill('Five minutes left');
    await host.getByTestId('notice-send').click();
    await expect(host.getByTestId('action-result')).toHaveText('3 rooms got the notice.');
    await expect(host.getByTestId('notice-text')).toHaveValue('');
    for (const p of people) {
      await expect(messages(p)).toHaveCount(1);
      await expect(messages(p).getByTestId('host-notice-text')).toHaveText('Five minutes left');
    }
    await expectAccessible(sam.page, 'a room with a notice from the host');
    await shootThree(sam.page, testInfo, 'room-with-notice');
    await jordan.page.getByRole('button', { name: 'Dismiss the host’s notice: Five minutes left' }).click();
    await expect(messages(jordan.page)).toHaveCount(0);
    await expect(messages(alex.page)).toHaveCount(1);
    await jordan.page.reload();
    await expect(jordan.page.getByTestId('phase-title')).toHaveText('What I learned');
    await expect(messages(jordan.page)).toHaveCount(0);
  });

  await test.step('a notice to the selected room alone', async () => {
    await card(host, codes[1]).getByTestId('room-select').check();
    await expect(host.getByTestId('target-selected')).toBeChecked();
    await host.getByTestId('notice-text').fill('Sam, your partners are on their way');
    await host.getByTestId('notice-send').click();
    await expect(host.getByTestId('action-result')).toHaveText('1 room got the notice.');
    await expect(messages(sam.page)).toHaveCount(2);
    await expect(messages(sam.page).first()).toContainText('your partners are on their way');
    await expect(messages(alex.page)).toHaveCount(1);
    await host.getByTestId('select-all-shown').check();
    await host.getByTestId('select-all-shown').uncheck();
    await expect(host.getByTestId('target-all')).toBeChecked();
  });

  await test.step('look in: read-only, listed as Host, private writing hidden', async () => {
    await jordan.page.getByTestId('entry-text-input').first().fill(SECRET);
    await jordan.page.getByTestId('entry-add').first().click();
    await expect(jordan.page.getByTestId('entry').filter({ hasText: 'K9QW' })).toHaveCount(1);
    const [look] = await Promise.all([
      h.context.waitForEvent('page'),
      card(host, codes[0]).getByTestId('look-in').click(),
    ]);
    const lookFrames = recordFrames(look);
    await expect(look.getByTestId('look-in-banner')).toContainText('You are looking in as the event host');
    await expect(look.getByTestId('phase-title')).toHaveText('What I learned');
    const hostRow = look.getByTestId('presence-item').filter({ hasText: 'Host' });
    await expect(hostRow).toContainText('Host (you)');
    await expect(look.getByTestId('hidden-count')).toHaveText('1 private note from others.');
    await expect(look.locator('body')).not.toContainText('K9QW');
    expect(lookFrames.received.some((f) => f.includes('K9QW'))).toBe(false);
    await expect(look.getByTestId('entry-text-input')).toHaveCount(0);
    await expect(look.getByTestId('done-toggle')).toHaveCount(0);
    await expect(look).toHaveURL(new RegExp(`/s/${codes[0]}\\?look-in=${eventId}$`));
    for (const p of [alex.page, jordan.page]) {
      await expect(p.getByTestId('presence-item').filter({ hasText: 'Host' })).toContainText('Host');
    }
    await expect(card(host, codes[0]).getByTestId('room-people')).toContainText('host looking in');
    await expect(card(host, codes[0]).getByTestId('room-person')).toHaveCount(2);
    await expectAccessible(look, 'a room the host looks in to');
    await shoot(look, testInfo, 'look-in-1280');
    await look.getByTestId('btn-leave').click();
    await expect(look).toHaveURL(/\/$/);
    await expect(card(host, codes[0]).getByTestId('room-people')).not.toContainText('host looking in');
    await look.close();
  });

  await test.step('pause every room, resume one, move all to a phase', async () => {
    await host.getByTestId('act-pause').click();
    await expect(host.getByTestId('action-result')).toHaveText('3 rooms paused.');
    for (const code of codes)
      await expect(card(host, code).getByTestId('room-clock')).toHaveAttribute('data-kind', 'paused');
    for (const p of people) await expect(p.getByTestId('countdown')).toHaveAttribute('data-status', 'paused');
    await host.getByTestId('act-pause').click();
    await expect(host.getByTestId('action-result')).toHaveText('No room was paused; 3 not: the timer is not running.');

    await card(host, codes[0]).getByTestId('room-select').check();
    await host.getByTestId('act-resume').click();
    await expect(host.getByTestId('action-result')).toHaveText('1 room resumed.');
    await expect(alex.page.getByTestId('countdown')).toHaveAttribute('data-status', 'running');
    await expect(sam.page.getByTestId('countdown')).toHaveAttribute('data-status', 'paused');
    await card(host, codes[0]).getByTestId('room-select').uncheck();

    await host.getByTestId('move-phase').selectOption('next');
    await host.getByTestId('act-move').click();
    await expect(host.getByTestId('confirm-move')).toContainText('Move all 3 rooms to Next steps?');
    await host.getByTestId('confirm-yes').click();
    await expect(host.getByTestId('action-result')).toHaveText('3 rooms moved.');
    for (const p of people) await expect(p.getByTestId('phase-title')).toHaveText('Next steps');
    for (const code of codes) await expect(card(host, code).getByTestId('room-phase')).toContainText('4/4 Next steps');
    await expect(alex.page.getByTestId('host-notices')).toContainText('The event host moved the room to Next steps.');
    // The room's own facilitator keeps control.
    await alex.page.getByTestId('btn-previous').click();
    await expect(jordan.page.getByTestId('phase-title')).toHaveText('Strengths and needs');
    await expect(card(host, codes[0]).getByTestId('room-phase')).toContainText('3/4 Strengths and needs');
  });

  await test.step('the console at phone, tablet and laptop width', async () => {
    await expectAccessible(host, 'the host console');
    await shootThree(host, testInfo, 'console');
  });

  await test.step('deleting the event erases its rooms; everyone in them is told', async () => {
    await host.getByTestId('delete-event').click();
    await expect(host.getByTestId('delete-event-confirm')).toContainText('all 3 rooms');
    await host.getByTestId('delete-event-rooms').click();
    await expect(host.getByTestId('event-deleted')).toBeVisible();
    for (const p of people) await expect(p.getByTestId('session-fatal')).toBeVisible();
    await expect(sam.page.getByTestId('session-fatal')).toContainText('This event was deleted by its host.');
    const stored = await host.evaluate((id) => localStorage.getItem(`debrief:event:${id}`), eventId);
    expect(stored).toBeNull();
    await host.goto(`/s/${codes[2]}`);
    await expect(host.getByTestId('session-fatal')).toHaveAttribute('data-code', 'not_found');
  });

  await Promise.all([h.context.close(), alex.context.close(), jordan.context.close(), sam.context.close()]);
});
