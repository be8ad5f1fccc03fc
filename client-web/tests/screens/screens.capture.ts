// Screens of a whole debrief at phone, tablet and laptop sizes, each shot once with
// each of two stylesheets, to prove a change to the styles changed no pixel:
//
//   CSS_BEFORE=/tmp/old/app.css npx playwright test -c tests/screens/playwright.config.ts
//
// The same page (same DOM, same data, same moment) is shot with the stylesheet of
// CSS_BEFORE and with CSS_AFTER (default: dist/app.css), so nothing but the styles
// differs. Without CSS_BEFORE both sides are CSS_AFTER: the control run, which shows
// how much the rasteriser alone varies. PNGs go to CSS_OUT_BEFORE and CSS_OUT_AFTER (default /tmp/css-before and
// /tmp/css-after), the counts to differences.json beside the latter; the test fails
// on any difference beyond rasteriser noise (see the end of the test). Not part of
// the browser suite (the suite's testMatch does not match *.capture.ts).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { createSessionViaStartPage, inviteLink, joinAs } from '../helpers';

const after = process.env.CSS_AFTER ?? resolve(import.meta.dirname, '../../dist/app.css');
const before = process.env.CSS_BEFORE ?? after;
const outBefore = process.env.CSS_OUT_BEFORE ?? '/tmp/css-before';
const outAfter = process.env.CSS_OUT_AFTER ?? '/tmp/css-after';
const sizes = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 820, height: 1180 },
  { name: 'laptop', width: 1440, height: 900 },
];

/** RGBA pixels of a PNG as Chromium writes it (8-bit RGB or RGBA, not interlaced). */
function pixels(png: Buffer): { width: number; height: number; data: Buffer } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const channels = png[25] === 6 ? 4 : png[25] === 2 ? 3 : 0;
  if (png[24] !== 8 || channels === 0 || png[28] !== 0) throw new Error('unsupported PNG');
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const data = Buffer.alloc(width * height * 4, 255);
  const line = Buffer.alloc(stride);
  const prior = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    raw.copy(line, 0, y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? line[x - channels] : 0;
      const b = prior[x];
      const c = x >= channels ? prior[x - channels] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      line[x] = (line[x] + predictor) & 255;
    }
    line.copy(prior);
    for (let x = 0; x < width; x++) line.copy(data, (y * width + x) * 4, x * channels, x * channels + channels);
  }
  return { width, height, data };
}

/** How many pixels differ, and by how much at most in one channel (0-255). */
function compare(a: Buffer, b: Buffer): { differing: number; maxDelta: number } {
  if (a.equals(b)) return { differing: 0, maxDelta: 0 };
  const pa = pixels(a);
  const pb = pixels(b);
  if (pa.width !== pb.width || pa.height !== pb.height) {
    return { differing: Math.max(pa.width * pa.height, pb.width * pb.height), maxDelta: 255 };
  }
  let differing = 0;
  let maxDelta = 0;
  for (let i = 0; i < pa.data.length; i += 4) {
    if (pa.data.readUInt32BE(i) === pb.data.readUInt32BE(i)) continue;
    differing++;
    for (let c = 0; c < 4; c++) maxDelta = Math.max(maxDelta, Math.abs(pa.data[i + c] - pb.data[i + c]));
  }
  return { differing, maxDelta };
}

async function serveSheets(context: BrowserContext) {
  await context.route(/\/app\.css\?sheet=(before|after)$/, (route) =>
    route.fulfill({
      contentType: 'text/css; charset=utf-8',
      body: readFileSync(route.request().url().endsWith('before') ? before : after),
    }),
  );
}

async function useSheet(page: Page, sheet: 'before' | 'after') {
  await page.evaluate(async (href) => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="stylesheet"]')!;
    if (link.getAttribute('href') !== href) {
      await new Promise((done, fail) => {
        link.onload = done;
        link.onerror = fail;
        link.href = href;
      });
    }
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  }, `/app.css?sheet=${sheet}`);
}

const results: { shot: string; differing: number; maxDelta: number }[] = [];

async function shoot(page: Page, sheet: 'before' | 'after') {
  await useSheet(page, sheet);
  return page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });
}

/** The page at every size, with each stylesheet; a live clock may tick between shots, so retry. */
async function capture(page: Page, name: string) {
  const size = page.viewportSize()!;
  for (const s of sizes) {
    await page.setViewportSize({ width: s.width, height: s.height });
    let shots: Buffer[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      shots = [await shoot(page, 'before'), await shoot(page, 'after'), await shoot(page, 'before')];
      if (shots[0].equals(shots[2])) break;
    }
    const file = `${name}-${s.name}.png`;
    writeFileSync(join(outBefore, file), shots[0]);
    writeFileSync(join(outAfter, file), shots[1]);
    results.push({ shot: file, ...compare(shots[0], shots[1]) });
  }
  await useSheet(page, 'after');
  await page.setViewportSize(size);
}

async function nextPhase(facilitator: Page, everyone: Page[], title: string) {
  await facilitator.getByTestId('btn-next').click();
  for (const p of everyone) await expect(p.getByTestId('phase-title')).toHaveText(title);
}

async function addEntry(page: Page, text: string, group = 0) {
  const form = page.getByTestId('entry-form').nth(group);
  await form.getByTestId('entry-text-input').fill(text);
  await form.getByTestId('entry-add').click();
  await expect(page.getByTestId('entry').filter({ hasText: text })).toHaveCount(1);
}

function transcript(): string {
  const lines = [
    '[00:00:04] Ms. Rivera: Thanks for staying a few minutes, Maya. How is the fractions unit going for you?',
    "[00:00:11] Maya: It's okay. The pizza problems were easier than the number line ones.",
    '[00:00:19] Ms. Rivera: What made the number line ones harder?',
    '[00:00:24] Maya: I never know where to put the marks. Devon says you just count the spaces but I count the lines.',
  ];
  for (let i = 0; i < 16; i++) {
    const t = 50 + i * 7;
    lines.push(
      `[00:0${Math.floor(t / 60)}:${String(t % 60).padStart(2, '0')}] ` +
        (i % 2 === 0
          ? `Ms. Rivera: What do you see first on question ${i + 1}?`
          : `Maya: The big ticks, then the small ones ${i}.`),
    );
  }
  return lines.join('\n');
}

test('every screen of a debrief looks the same with both stylesheets', async ({ browser }) => {
  test.setTimeout(300_000);
  mkdirSync(outBefore, { recursive: true });
  mkdirSync(outAfter, { recursive: true });
  const contexts = await Promise.all([0, 1, 2].map(() => browser.newContext()));
  for (const c of contexts) await serveSheets(c);
  const [facilitator, presenter, ravi] = await Promise.all(contexts.map((c) => c.newPage()));
  const everyone = [facilitator, presenter, ravi];

  await facilitator.goto('/');
  await expect(facilitator.getByTestId('template-option').first()).toBeVisible();
  await capture(facilitator, '01-start');
  await createSessionViaStartPage(facilitator, 'Grade 7 triad');
  await capture(facilitator, '02-join');
  await joinAs(facilitator, 'Alex F.', 'facilitator');
  const link = await inviteLink(facilitator);
  await presenter.goto(link);
  await joinAs(presenter, 'Jordan', 'presenter');
  await ravi.goto(link);
  await joinAs(ravi, 'Ravi', 'colleague');
  await facilitator.getByTestId('qr-toggle').locator('summary').click();
  await expect(facilitator.getByTestId('qr-code')).toBeVisible();
  await capture(facilitator, '03-lobby-facilitator');
  await capture(ravi, '04-lobby-colleague');

  await facilitator.getByTestId('btn-start-session').click();
  for (const p of everyone) await expect(p.getByTestId('phase-title')).toHaveText('Norms and purpose');
  await addEntry(ravi, 'Glad to be here; I will listen for what the student values.');
  await ravi.getByTestId('done-toggle').click();
  await expect(facilitator.getByTestId('done-count')).toHaveText('1 of 3 done with this phase');
  await capture(facilitator, '05-opening-facilitator');
  await capture(ravi, '06-opening-colleague');

  await nextPhase(facilitator, everyone, 'Share assumptions');
  for (const [list, text] of [
    ['know', 'She finished the fractions quiz early'],
    ['dont_know', 'How she reads a number line'],
    ['assumptions', 'She finds number lines boring'],
    ['find_out', 'What she counts when she places a mark'],
  ]) {
    await presenter.getByTestId(`board-add-${list}`).fill(text);
    await presenter.getByTestId(`board-add-${list}`).press('Enter');
    await expect(
      presenter.getByTestId(`board-list-${list}`).getByTestId('board-item').filter({ hasText: text }),
    ).toHaveCount(1);
  }
  await ravi.getByTestId('propose-list').selectOption('assumptions');
  await ravi.getByTestId('propose-text').fill('A possible assumption: she is guessing to finish fast');
  await ravi.getByTestId('propose-submit').click();
  await expect(presenter.getByTestId('pending-proposal')).toContainText('guessing to finish fast');
  await capture(presenter, '07-assumptions-presenter');
  await capture(ravi, '08-assumptions-colleague');
  await presenter.getByTestId('pending-proposal').getByTestId('proposal-accept').click();
  await expect(ravi.getByTestId('proposal-status')).toContainText('On the board');

  await nextPhase(facilitator, everyone, 'Clarifying questions');
  await addEntry(ravi, 'How long after the quiz did the conversation happen?');
  await capture(ravi, '09-discussion');

  await nextPhase(facilitator, everyone, 'Read the transcript together');
  await capture(presenter, '10-import-empty');
  await presenter.getByTestId('import-text').fill(transcript());
  await presenter.getByTestId('import-read').click();
  await expect(presenter.getByTestId('import-summary')).toContainText('20 lines from 2 speakers');
  await capture(presenter, '11-import-review');
  await presenter.getByTestId('consent-checkbox').check();
  await presenter.getByTestId('import-send').click();
  for (const p of everyone) await expect(p.getByTestId('transcript-line')).toHaveCount(20);
  await facilitator.getByTestId('transcript-line').nth(5).getByRole('button').click();
  await facilitator.getByTestId('bring-here').click();
  await expect(ravi.getByTestId('follow-bar')).toContainText('Following the group · line 6');
  await ravi.getByTestId('transcript-line').nth(3).getByRole('button').click();
  await ravi.getByTestId('annotate').click();
  await ravi.getByTestId('tag-wonder').check();
  await ravi.getByTestId('annotation-comment').fill('She counts the lines, not the spaces. What is she counting?');
  await ravi.getByTestId('annotation-save').click();
  const note = presenter.getByTestId('annotation').filter({ hasText: 'What is she counting?' });
  await expect(note).toHaveCount(1);
  await note.getByTestId('reply').click();
  await presenter.getByTestId('reply-text').fill('Maybe the tick marks themselves?');
  await presenter.getByTestId('reply-send').click();
  await expect(ravi.getByTestId('reply').filter({ hasText: 'Maybe the tick marks' })).toHaveCount(1);
  await ravi.getByTestId('transcript-line').nth(1).getByRole('button').click();
  await ravi.getByTestId('annotate').click();
  await ravi.getByTestId('tag-strength').check();
  await ravi.getByTestId('annotation-comment').fill('She is lazy with number lines');
  await expect(ravi.getByTestId('nudge')).toContainText('lazy');
  await capture(ravi, '12-reader-annotating');
  await ravi.getByTestId('annotation-comment').fill('She named which problems felt easier');
  await ravi.getByTestId('annotation-save').click();
  await expect(facilitator.getByTestId('annotation')).toHaveCount(2);
  await capture(facilitator, '13-reader-facilitator');

  await nextPhase(facilitator, everyone, 'What we noticed and wondered');
  await addEntry(ravi, 'Private noticing: she compares her method with a peer');
  await capture(ravi, '14-private');
  await facilitator.getByTestId('btn-reveal').click();
  await expect(facilitator.getByTestId('confirm-reveal')).toBeVisible();
  await capture(facilitator, '15-reveal-confirm');
  await facilitator.getByTestId('confirm-yes').click();
  await expect(ravi.getByTestId('revealed-note')).toBeVisible();

  await nextPhase(facilitator, everyone, 'Adaptations to practice');
  const form = presenter.getByTestId('adaptation-form');
  await form.getByTestId('adaptation-change').fill('Ask her to explain her counting before correcting it');
  await form.getByTestId('adaptation-for-whom').selectOption('Student A');
  await form.getByTestId('adaptation-check-in').fill('2027-03-15');
  await form.getByTestId('adaptation-add-follow-up').click();
  await form.getByTestId('adaptation-follow-up').fill('What are you counting when you place a mark?');
  await form.getByRole('checkbox', { name: /What is she counting/ }).check();
  await form.getByTestId('adaptation-submit').click();
  await expect(ravi.getByTestId('adaptation').filter({ hasText: 'explain her counting' })).toContainText('15 Mar 2027');
  const suggest = ravi.getByTestId('adaptation-form');
  await suggest.getByTestId('adaptation-change').fill('A number line warm-up for the whole class');
  await suggest.getByTestId('adaptation-submit').click();
  await expect(presenter.getByTestId('adaptation').filter({ hasText: 'number line warm-up' })).toContainText(
    'Suggested by',
  );
  const review = presenter.getByTestId('review-item').filter({ hasText: 'number lines boring' });
  await review.getByTestId('mark-item').click();
  await review.getByTestId('status-challenged').check();
  await capture(presenter, '16-adaptations-presenter');
  await review.getByTestId('mark-save').click();
  await expect(
    ravi.getByTestId('review-item').filter({ hasText: 'number lines boring' }).getByTestId('item-status'),
  ).toHaveText('Challenged');
  await capture(ravi, '17-adaptations-colleague');

  await nextPhase(facilitator, everyone, 'Reflection');
  await addEntry(ravi, 'I was surprised how precise her description was.', 0);
  await capture(ravi, '18-reflection');
  await nextPhase(facilitator, everyone, 'Close');
  await facilitator.getByTestId('btn-end').click();
  await facilitator.getByTestId('confirm-yes').click();
  for (const p of everyone) await expect(p.getByTestId('summary')).toBeVisible();
  await capture(presenter, '19-summary-presenter');
  await capture(ravi, '20-summary-colleague');

  await Promise.all(contexts.map((c) => c.close()));
  writeFileSync(join(outAfter, 'differences.json'), JSON.stringify(results, null, 2));
  expect(results.length).toBe(20 * sizes.length);
  // Chromium's software rasteriser may shade a few anti-aliased pixels (rounded
  // corners, focus rings) a few steps apart after a stylesheet reload, even when both
  // sheets are the same file (a run without CSS_BEFORE shows it). A rule that changed
  // moves or recolours whole edges and areas: hundreds of pixels, or far more than 8.
  expect(results.filter((r) => r.differing > 100 || r.maxDelta > 8)).toEqual([]);
});
