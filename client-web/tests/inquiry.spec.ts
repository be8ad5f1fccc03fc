// The cycle, in three browsers at three sizes against the real server: a
// presenter (tablet), a colleague (phone) and a facilitator (laptop) hold a
// fall debrief with adaptations (check-in dates, follow-up questions) and
// assumptions, end it, and plan the follow-up; in the spring follow-up the
// carried items are there, the presenter's device offers the pseudonym it
// gave the learner in the fall (the real name never leaves it), and the
// presenter checks in on every adaptation and question; the facilitator sees
// the whole inquiry on its page, downloads its calendar, and deletes it.

import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { expectAccessible, inviteLink, joinAs, recordFrames } from './helpers';

const LAPTOP = { width: 1280, height: 900 };
const TABLET = { width: 820, height: 1180 };
const PHONE = { width: 390, height: 844 };
const SIZES = [
  { label: 'phone', viewport: PHONE },
  { label: 'tablet', viewport: TABLET },
  { label: 'laptop', viewport: LAPTOP },
];

/** The learner's and a classmate's real names: never in anything the presenter's browser sends or keeps. */
const REAL_NAMES = ['Maya', 'Devon', 'Rivera'];

const FALL_TRANSCRIPT = [
  'Ms. Rivera: Thanks for staying, Maya. How are number lines going?',
  'Maya: I never know where to put the marks. I count the lines, not the spaces.',
  'Ms. Rivera: What do you count first?',
  'Maya: The big ticks first, then the small ones. Devon does it differently.',
].join('\n');

const SPRING_TRANSCRIPT = [
  'Ms. Rivera: Maya, what are you counting when you place a mark?',
  'Maya: The spaces now. Each space is one part.',
  'Ms. Rivera: Did the warm-up help?',
  'Maya: The warm-up with the whole class helped me see the spaces.',
].join('\n');

const A1 = 'Ask her to explain her counting before correcting it';
const A2 = 'A number line warm-up for the whole class';
const A3 = 'Pair her with a peer for number line tasks';
const Q1 = 'What are you counting when you place a mark?';
const Q2 = 'Which warm-up helped you most?';
const H1 = 'She rushes because number lines bore her';
const H2 = 'She needs to see the parts to place a mark';

function leakedName(text: string): string | null {
  return REAL_NAMES.find((name) => new RegExp(`\\b${name}\\b`, 'i').test(text)) ?? null;
}

async function shoot(page: Page, testInfo: TestInfo, name: string, fullPage = true) {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

/** The page at phone, tablet and laptop width in turn, then back to its own size. */
async function shootThree(page: Page, testInfo: TestInfo, name: string, fullPage = true) {
  const own = page.viewportSize()!;
  for (const size of SIZES) {
    await page.setViewportSize(size.viewport);
    await shoot(page, testInfo, `${name}-${size.label}`, fullPage);
  }
  await page.setViewportSize(own);
}

async function open(browser: Browser, viewport: { width: number; height: number }, mobile = false) {
  const context = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile, acceptDownloads: true });
  return { context, page: await context.newPage() };
}

async function next(facilitator: Page, everyone: Page[], title: string) {
  await facilitator.getByTestId('btn-next').click();
  for (const p of everyone) await expect(p.getByTestId('phase-title')).toHaveText(title);
}

async function end(facilitator: Page, everyone: Page[]) {
  await facilitator.getByTestId('btn-end').click();
  await facilitator.getByTestId('confirm-yes').click();
  for (const p of everyone) await expect(p.getByTestId('session-ended')).toBeVisible();
}

async function importTranscript(presenter: Page, text: string) {
  await presenter.getByTestId('import-text').fill(text);
  await presenter.getByTestId('import-read').click();
  await expect(presenter.getByTestId('import-summary')).toContainText('4 lines from 2 speakers');
}

const hideBox = (page: Page, name: string) => page.locator(`[data-testid="hide-name"][data-name="${name}"]`);
const speakerRow = (page: Page, name: string) =>
  page.getByTestId('import-speaker').filter({ has: hideBox(page, name) });

async function addAdaptation(
  page: Page,
  fields: { change: string; forWhom?: string; checkIn: string; question?: string; line?: number },
) {
  const form = page.getByTestId('adaptation-form');
  await form.getByTestId('adaptation-change').fill(fields.change);
  if (fields.forWhom) await form.getByTestId('adaptation-for-whom').selectOption(fields.forWhom);
  await form.getByTestId('adaptation-check-in').fill(fields.checkIn);
  if (fields.question) {
    await form.getByTestId('adaptation-add-follow-up').click();
    await form.getByTestId('adaptation-follow-up').fill(fields.question);
  }
  if (fields.line) await form.getByTestId('evidence-line').selectOption({ index: fields.line });
  await form.getByTestId('adaptation-submit').click();
  await expect(page.getByTestId('adaptation').filter({ hasText: fields.change })).toHaveCount(1);
}

/** The check-in card of a carried item (its text alone: a card's evidence picker quotes other lines). */
function cardOf(page: Page, text: string) {
  return page.getByTestId('check-in-card').filter({ has: page.getByTestId('check-in-text').filter({ hasText: text }) });
}

/** Unfolds an RFC 5545 file's lines (CRLF then a space or tab continues the line before). */
function unfold(ics: string): string {
  return ics.replace(/\r\n[ \t]/g, '');
}

test('fall debrief → plan the follow-up → spring check-in → the inquiry page and its calendar', async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const f = await open(browser, LAPTOP);
  const p = await open(browser, TABLET);
  const c = await open(browser, PHONE, true);
  const [facilitator, presenter, colleague] = [f.page, p.page, c.page];
  const everyone = [facilitator, presenter, colleague];
  const presenterFrames = recordFrames(presenter);
  const presenterRequests: string[] = [];
  presenter.on('request', (r) => presenterRequests.push(`${r.url()} ${r.postData() ?? ''}`));

  await test.step('the fall debrief, with adaptations, questions and assumptions, to its end', async () => {
    await facilitator.goto('/');
    await facilitator.locator('#template-pair-debrief').check();
    await facilitator.getByTestId('session-title-input').fill('Grade 7 number lines');
    await facilitator.getByTestId('create-session').click();
    await expect(facilitator).toHaveURL(/\/s\/[0-9A-Z]+$/);
    await joinAs(facilitator, 'Alex', 'facilitator');
    const link = await inviteLink(facilitator);
    await presenter.goto(link);
    await joinAs(presenter, 'Jordan', 'presenter');
    await colleague.goto(link);
    await joinAs(colleague, 'Ravi', 'colleague');

    await facilitator.getByTestId('btn-start-session').click();
    for (const page of everyone) await expect(page.getByTestId('phase-title')).toHaveText('Share assumptions');
    for (const text of [H1, H2]) {
      await presenter.getByTestId('board-add-assumptions').fill(text);
      await presenter.getByTestId('board-add-assumptions').press('Enter');
      await expect(colleague.getByTestId('board-list-assumptions')).toContainText(text);
    }

    await next(facilitator, everyone, 'Read the transcript together');
    await importTranscript(presenter, FALL_TRANSCRIPT);
    // The presenter gives the learner a pseudonym of their own.
    await speakerRow(presenter, 'Maya').getByTestId('pseudonym').fill('Student M');
    await presenter.getByTestId('consent-checkbox').check();
    await presenter.getByTestId('import-send').click();
    await expect(colleague.getByTestId('transcript-line')).toHaveCount(4);
    await expect(colleague.getByTestId('transcript-line').nth(1)).toContainText('Student M');

    await next(facilitator, everyone, 'One adaptation');
    await addAdaptation(presenter, { change: A1, forWhom: 'Student M', checkIn: '2027-03-15', question: Q1, line: 2 });
    await addAdaptation(presenter, { change: A3, forWhom: 'Student M', checkIn: '2027-03-15' });
    // The colleague suggests one for the whole class; the presenter takes it on.
    await addAdaptation(colleague, { change: A2, checkIn: '2027-03-22', question: Q2 });
    await presenter.getByTestId('adaptation').filter({ hasText: A2 }).getByTestId('adaptation-accept').click();
    await expect(colleague.getByTestId('adaptation').filter({ hasText: A2 })).not.toHaveClass(/is-suggested/);
    const h1 = presenter.getByTestId('review-item').filter({ hasText: H1 });
    await h1.getByTestId('mark-item').click();
    await h1.getByTestId('status-challenged').check();
    await h1.getByTestId('evidence-line').selectOption({ index: 2 });
    await h1.getByTestId('mark-save').click();
    await expect(h1.getByTestId('item-status')).toHaveText('Challenged');

    await next(facilitator, everyone, 'Reflection');
    await end(facilitator, everyone);
    // Only those who may make an inquiry of the session are offered to plan one.
    await expect(presenter.getByTestId('plan-follow-up')).toBeVisible();
    await expect(colleague.getByTestId('plan-follow-up')).toHaveCount(0);
  });

  await test.step('the session summary’s calendar: one event per check-in date, pseudonyms only', async () => {
    const [download] = await Promise.all([
      presenter.waitForEvent('download'),
      presenter.getByTestId('download-ics').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^debrief-[0-9A-Z]+\.ics$/);
    const raw = await readFile((await download.path())!, 'utf8');
    expect(raw.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const ics = unfold(raw);
    expect(ics.match(/^BEGIN:VEVENT$/gm)).toHaveLength(3);
    expect(ics).toContain('DTSTART;VALUE=DATE:20270315');
    expect(ics).toContain('DTSTART;VALUE=DATE:20270322');
    expect(ics).toContain(`SUMMARY:Check in: ${A1} — Student M`);
    expect(leakedName(ics)).toBeNull();
  });

  let followUpLink = '';
  await test.step('plan the follow-up: the dialog suggests the learners and the first check-in date', async () => {
    await facilitator.getByTestId('plan-follow-up').click();
    const dialog = facilitator.getByTestId('plan-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('plan-inquiry-title')).toHaveValue('Grade 7 number lines');
    await expect(dialog.getByTestId('plan-learner')).toHaveCount(1);
    await expect(dialog.getByTestId('plan-learner')).toHaveValue('Student M');
    await expect(dialog.getByTestId('plan-date')).toHaveValue('2027-03-15');
    await expect(dialog.getByTestId('plan-kind-follow-up')).toBeChecked();
    await expectAccessible(facilitator, 'plan the follow-up');
    await shootThree(facilitator, testInfo, 'inquiry-01-plan-dialog', false);
    await dialog.getByTestId('plan-title').fill('Spring check-in');
    await dialog.getByTestId('plan-submit').click();
    await expect(facilitator.getByTestId('join-form')).toBeVisible();
    await expect(facilitator.getByTestId('session-title')).toHaveText('Spring check-in');
    // The inquiry page is one click away on the device that holds its key.
    await expect(facilitator.getByTestId('inquiry-link')).toContainText('Grade 7 number lines');
    await joinAs(facilitator, 'Alex', 'facilitator');
    followUpLink = await inviteLink(facilitator);
  });

  await test.step('the follow-up opens with what was decided last time', async () => {
    await presenter.goto(followUpLink);
    await joinAs(presenter, 'Jordan', 'presenter');
    await colleague.goto(followUpLink);
    await joinAs(colleague, 'Ravi', 'colleague');
    await facilitator.getByTestId('btn-start-session').click();
    for (const page of everyone) await expect(page.getByTestId('phase-title')).toHaveText('What we decided last time');
    const panel = colleague.getByTestId('from-last-time');
    await expect(panel.getByTestId('carried-learners')).toHaveText('Student M');
    await expect(panel.getByTestId('carried-date')).toHaveText('15 Mar 2027');
    await expect(panel.locator('[data-kind="adaptation"]')).toHaveCount(3);
    await expect(panel.locator('[data-kind="question"]')).toHaveCount(2);
    // The challenged assumption and the one still open; none was confirmed.
    await expect(panel.locator('[data-kind="assumption"]')).toHaveCount(2);
    await expect(panel.locator('[data-kind="assumption"]').filter({ hasText: H1 })).toContainText('Challenged');
    await expect(panel.locator('[data-kind="adaptation"]').filter({ hasText: A1 })).toContainText(
      'For Student M · check in on 15 Mar 2027',
    );
    await expectAccessible(colleague, 'from last time');
    await shootThree(colleague, testInfo, 'inquiry-02-from-last-time');
  });

  await test.step('the presenter’s device offers the pseudonym it gave the learner in the fall', async () => {
    await next(facilitator, everyone, 'Read the new conversation');
    await importTranscript(presenter, SPRING_TRANSCRIPT);
    const maya = speakerRow(presenter, 'Maya');
    await expect(maya.getByTestId('pseudonym')).toHaveValue('Student M');
    await expect(maya.getByTestId('pseudonym-remembered')).toBeVisible();
    await presenter.getByTestId('consent-checkbox').check();
    await presenter.getByTestId('import-send').click();
    const line = colleague.getByTestId('transcript-line').nth(1);
    await expect(line).toContainText('The spaces now');
    await expect(line).toContainText('Student M');
  });

  await test.step('a check-in on every adaptation and question; the colleague suggests beside', async () => {
    await next(facilitator, everyone, 'Check in on each adaptation and question');
    const cards = presenter.getByTestId('check-in-card');
    await expect(cards).toHaveCount(5);
    await expect(colleague.getByTestId('check-in-none')).toHaveCount(5);
    await expect(colleague.getByTestId('check-in-start')).toHaveCount(0);
    await expect(presenter.getByTestId('check-in-start')).toHaveCount(5);
    await cardOf(presenter, A1).getByTestId('check-in-start').click();
    await expectAccessible(presenter, 'check-in phase (presenter)');
    await shootThree(presenter, testInfo, 'inquiry-03-check-in-presenter');
    await cardOf(presenter, A1).getByRole('button', { name: 'Cancel' }).click();

    const checkIn = async (
      text: string,
      fields: { tried: string; happened?: string; line?: number; note?: string; decision: string; adjusted?: string },
    ) => {
      const card = cardOf(presenter, text);
      await card.getByTestId('check-in-start').click();
      const form = card.getByTestId('check-in-form');
      // Nothing is recorded until the presenter says whether it was tried (asked).
      await expect(form.getByTestId('check-in-save')).toBeDisabled();
      await form.getByTestId('check-in-tried-choice').getByRole('radio', { name: fields.tried, exact: true }).check();
      if (fields.happened) await form.getByTestId('check-in-happened').fill(fields.happened);
      if (fields.line) await form.getByTestId('evidence-line').selectOption({ index: fields.line });
      if (fields.note) await form.getByTestId('check-in-note').fill(fields.note);
      await form
        .getByTestId('check-in-decision-choice')
        .getByRole('radio', { name: fields.decision, exact: true })
        .check();
      if (fields.adjusted) await form.getByTestId('check-in-adjusted').fill(fields.adjusted);
      await form.getByTestId('check-in-save').click();
      await expect(card.getByTestId('check-in-record')).toBeVisible();
      await expect(cardOf(colleague, text)).toContainText(fields.adjusted ?? fields.happened ?? fields.note ?? '');
    };
    await checkIn(A1, {
      tried: 'Tried',
      happened: 'She explained that she counts spaces now',
      line: 2,
      decision: 'Keep',
    });
    await checkIn(A2, {
      tried: 'Partly',
      happened: 'Only on Mondays',
      line: 4,
      decision: 'Adjust',
      adjusted: 'A number line warm-up twice a week',
    });
    await checkIn(A3, { tried: 'Not yet', note: 'No time for pairs this term', decision: 'Drop' });
    await checkIn(Q1, {
      tried: 'Asked',
      happened: 'The spaces now. Each space is one part.',
      line: 2,
      decision: 'Keep',
    });
    await checkIn(Q2, {
      tried: 'Asked',
      decision: 'Adjust',
      adjusted: 'Which part of the warm-up helps you see the spaces?',
    });
    await expect(colleague.getByTestId('check-ins-count')).toContainText('5 of 5 checked in');
    await expect(cardOf(colleague, A3).getByTestId('check-in-decision')).toHaveText('Drop it');

    // Everyone else asks and suggests in the phase's notes.
    const note = 'Could she show a classmate how she counts the spaces?';
    await colleague.getByTestId('entry-text-input').fill(note);
    await colleague.getByTestId('entry-add').click();
    await expect(presenter.getByTestId('entry').filter({ hasText: note })).toHaveCount(1);
    await expectAccessible(colleague, 'check-in phase (colleague)');
    await shootThree(colleague, testInfo, 'inquiry-04-check-in-colleague');
  });

  await test.step('the carried assumption is re-marked; the follow-up ends', async () => {
    await next(facilitator, everyone, 'Revisit the assumptions');
    await expect(colleague.getByTestId('board-item-carried')).toHaveCount(2);
    const h2 = presenter.getByTestId('review-item').filter({ hasText: H2 });
    await h2.getByTestId('mark-item').click();
    await h2.getByTestId('status-confirmed').check();
    await h2.getByTestId('evidence-line').selectOption({ index: 2 });
    await h2.getByTestId('mark-save').click();
    await expect(h2.getByTestId('item-status')).toHaveText('Confirmed');
    await next(facilitator, everyone, 'Keep, adjust, add');
    await next(facilitator, everyone, 'Reflection');
    await end(facilitator, everyone);
    await expect(presenter.getByTestId('summary-check-in')).toHaveCount(5);
    // The presenter's device does not hold the inquiry's key: it is told where the next session is planned.
    await expect(presenter.getByTestId('plan-follow-up')).toHaveCount(0);
    await expect(presenter.getByTestId('summary-next-elsewhere')).toBeVisible();
    await expect(facilitator.getByTestId('plan-follow-up')).toBeVisible();
  });

  await test.step('the real name never left the presenter’s browser, nor sits in its storage', async () => {
    expect(presenterFrames.sent.filter((x) => x.includes('"transcript_import"'))).toHaveLength(2);
    for (const frame of presenterFrames.sent) expect(leakedName(frame), frame.slice(0, 160)).toBeNull();
    for (const request of presenterRequests) expect(leakedName(request), request.slice(0, 160)).toBeNull();
    const stored = await presenter.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).toContain('debrief:pseudonyms:');
    expect(leakedName(stored)).toBeNull();
  });

  let inquiryUrl = '';
  await test.step('the inquiry page: the whole timeline, histories, paths and the learner’s words', async () => {
    await facilitator.getByTestId('inquiry-link').getByRole('link').click();
    await expect(facilitator).toHaveURL(/\/i\/[0-9A-Za-z]{16}$/);
    inquiryUrl = facilitator.url();
    await expect(facilitator.getByTestId('inquiry-title')).toHaveText('Grade 7 number lines');
    await expect(facilitator.getByTestId('inquiry-learners')).toContainText('Student M');
    const sessions = facilitator.getByTestId('timeline-session');
    await expect(sessions).toHaveCount(2);
    await expect(sessions.nth(0)).toContainText('Grade 7 number lines');
    await expect(sessions.nth(1)).toContainText('15 Mar 2027');
    await expect(sessions.nth(1)).toContainText('Spring check-in');
    const adaptations = facilitator.getByTestId('inquiry-adaptation');
    await expect(adaptations).toHaveCount(3);
    await expect(adaptations.filter({ hasText: A1 })).toContainText('She explained that she counts spaces now');
    await expect(adaptations.filter({ hasText: A2 })).toContainText('A number line warm-up twice a week');
    await expect(adaptations.filter({ hasText: A3 })).toHaveAttribute('data-carried', 'false');
    await expect(adaptations.filter({ hasText: A3 })).toContainText('Dropped');
    // Each adaptation's history: decided in the fall, checked in on in the spring.
    await expect(adaptations.filter({ hasText: A1 }).getByTestId('inquiry-step')).toHaveCount(2);
    await expect(adaptations.filter({ hasText: A1 }).locator('[data-kind="check_in"]')).toContainText(
      'Tried · Keep it as it is',
    );
    await expect(facilitator.getByTestId('inquiry-question')).toHaveCount(2);
    await expect(facilitator.getByTestId('inquiry-question').filter({ hasText: Q2 })).toContainText(
      'Which part of the warm-up helps you see the spaces?',
    );
    const h2 = facilitator.getByTestId('inquiry-assumption').filter({ hasText: H2 });
    await expect(h2).toContainText('Confirmed');
    await expect(facilitator.getByTestId('inquiry-words').filter({ hasText: 'The spaces now' })).not.toHaveCount(0);
    expect(leakedName((await facilitator.getByTestId('inquiry-page').textContent()) ?? '')).toBeNull();
    await expectAccessible(facilitator, 'inquiry page');
    await shootThree(facilitator, testInfo, 'inquiry-05-inquiry-page');
  });

  await test.step('the inquiry’s calendar: what is still carried, with its check-in date', async () => {
    const [download] = await Promise.all([
      facilitator.waitForEvent('download'),
      facilitator.getByTestId('inquiry-download-ics').click(),
    ]);
    const raw = await readFile((await download.path())!, 'utf8');
    expect(raw.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(raw.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    for (const line of raw.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const ics = unfold(raw);
    // The kept and the adjusted adaptation; the dropped one is not in the calendar.
    expect(ics.match(/^BEGIN:VEVENT$/gm)).toHaveLength(2);
    expect(ics).toContain(`SUMMARY:Check in: ${A1} — Student M`);
    expect(ics).toContain('A number line warm-up twice a week');
    expect(ics).not.toContain(A3);
    expect(leakedName(ics)).toBeNull();
    const key = await facilitator.evaluate(
      () => Object.entries(localStorage).find(([k]) => k.startsWith('debrief:inquiry:'))?.[1],
    );
    const inquiryKey = (JSON.parse(key!) as { key: string }).key;
    expect(ics).not.toContain(inquiryKey);
    expect(facilitator.url()).not.toContain(inquiryKey);
  });

  await test.step('without the key the page says so and fetches nothing about the inquiry', async () => {
    const asked: string[] = [];
    colleague.on('request', (r) => asked.push(r.url()));
    await colleague.goto(inquiryUrl);
    await expect(colleague.getByTestId('inquiry-no-key')).toContainText('does not hold this inquiry’s key');
    expect(asked.filter((u) => u.includes('/api/inquiries'))).toEqual([]);
    await expectAccessible(colleague, 'inquiry page without the key');
    await shoot(colleague, testInfo, 'inquiry-06-no-key-phone');
  });

  await test.step('deleting the inquiry erases every one of its sessions', async () => {
    await facilitator.getByTestId('inquiry-delete').click();
    await expect(facilitator.getByTestId('inquiry-delete-confirm')).toContainText('all 2 of its sessions');
    await facilitator.getByTestId('confirm-yes').click();
    await expect(facilitator.getByTestId('inquiry-deleted')).toBeVisible();
    await facilitator.goto(followUpLink);
    await expect(facilitator.getByTestId('session-fatal')).toHaveAttribute('data-code', 'not_found');
  });

  await Promise.all([f.context.close(), p.context.close(), c.context.close()]);
});
