// The presenter imports a transcript full of traps — accents, capitals,
// names that only start sentences, a student called Will, possessives,
// O'Brien and Mary-Kate, decomposed accents — on a laptop and on a phone.
// Whatever the presenter's browser sends never holds a hidden name or any of
// its variants; "will" the verb stays a verb where the presenter said so.

import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { foldName } from '../src/transcript';
import { createSessionViaStartPage, expectAccessible, inviteLink, joinAs, recordFrames } from './helpers';

const SIZES = [
  { label: 'laptop', viewport: { width: 1280, height: 900 }, mobile: false },
  { label: 'phone', viewport: { width: 390, height: 844 }, mobile: true },
];

const TRANSCRIPT = [
  'Ms. O’Brien: Good morning. Mariana, can you read first?',
  'Zoë: Okay. Will and ZOË’S sister helped me.',
  'Ms. O’Brien: I will ask José next. Grace? Grace said MARY-KATE’S idea was Zoe’s.',
  'Will: Will you listen? I WILL ASK WILL. Jose\u0301 agrees, and so does mary kate.',
  'Zoe\u0308: Mariana thinks 3/4. Jose’s guess is 1/2, not a banana or a willing guess.',
].join('\n');

/** Every hidden name, folded: no accents, lower case. */
const HIDDEN = ['mariana', 'zoe', 'jose', 'grace', 'mary', 'kate', "o'brien", 'o’brien', 'obrien'];

function leakedName(text: string): string | null {
  const folded = foldName(
    text.replace(/\\u([0-9a-f]{4})/giu, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  );
  return HIDDEN.find((name) => new RegExp(`(?<![\\p{L}\\p{M}])${name}(?![\\p{L}\\p{M}])`, 'u').test(folded)) ?? null;
}

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

for (const size of SIZES) {
  test(`${size.label}: the presenter hides every child's name in a tricky transcript before anything is sent`, async ({
    browser,
  }, testInfo) => {
    test.setTimeout(90_000);
    const facilitatorContext = await browser.newContext();
    const facilitator = await facilitatorContext.newPage();
    const presenterContext = await browser.newContext({
      viewport: size.viewport,
      isMobile: size.mobile,
      hasTouch: size.mobile,
    });
    const presenter = await presenterContext.newPage();
    const sent = recordFrames(presenter);
    const seen = recordFrames(facilitator);

    await createSessionViaStartPage(facilitator, `Names ${size.label}`);
    await joinAs(facilitator, 'Alex', 'facilitator');
    await presenter.goto(await inviteLink(facilitator));
    await joinAs(presenter, 'Jordan', 'presenter');

    await presenter.getByTestId('import-text').fill(TRANSCRIPT);
    await presenter.getByTestId('import-read').click();
    await expect(presenter.getByTestId('import-summary')).toContainText('5 lines from 3 speakers');
    const hideBox = (name: string) => presenter.locator(`[data-testid="hide-name"][data-name="${name}"]`);

    await test.step('every name is suggested once, variants together; sentence-start names too', async () => {
      for (const name of ['Ms. O’Brien', 'Will', 'Zoë', 'José', 'Grace', 'Mariana'])
        await expect(hideBox(name)).toBeChecked();
      // "Zoe" and "Zoë", "Jose" and "José" are one name each.
      for (const variant of ['Zoe', 'ZOË', 'Jose', 'JOSE']) await expect(hideBox(variant)).toHaveCount(0);
      const grace = presenter.getByTestId('import-name').filter({ has: hideBox('Grace') });
      await expect(grace.getByTestId('name-note')).toContainText('Found only at the start of sentences');
      await expect(grace.getByTestId('name-note')).toContainText('Also an ordinary word');
      // Adding another spelling of a listed name adds nothing, and says why.
      await presenter.getByTestId('import-extra').fill('ZOE');
      await presenter.getByTestId('import-extra').press('Enter');
      await expect(presenter.getByTestId('import-extra-note')).toHaveText(/“ZOE” is the same name as “Zoë”/u);
      await expect(hideBox('ZOE')).toHaveCount(0);
      await presenter.getByTestId('import-extra').fill('');
      // Mary-Kate appears only in capitals and in lower case: the presenter adds her.
      await expect(hideBox('MARY-KATE')).toHaveCount(0);
      await presenter.getByTestId('import-extra').fill('Mary-Kate');
      await presenter.getByTestId('import-extra').press('Enter');
      await expect(hideBox('Mary-Kate')).toBeChecked();
    });

    const wills = presenter.locator('[data-testid="ambiguous-group"][data-name="Will"]');
    await test.step('Will: lower-case "will" is left alone; each doubtful place is the presenter’s choice', async () => {
      await expect(wills.getByTestId('ambiguous-place')).toHaveCount(4);
      await expect(wills.getByTestId('ambiguous-count')).toHaveText(/^4 hidden as Student \w, 0 kept as the word$/u);
      const places = wills.getByTestId('ambiguous-place');
      await expect(places.nth(0)).toContainText('Line 2, starts a sentence');
      await expect(places.nth(1)).toContainText('Will you listen?');
      await expect(places.nth(2)).toContainText('Line 4, in capitals');
      // By keyboard: the verb in "Will you listen?" and in "I WILL ASK" are words.
      await places.nth(1).getByTestId('ambiguous-hide').focus();
      await presenter.keyboard.press('Space');
      await places.nth(2).getByTestId('ambiguous-hide').focus();
      await presenter.keyboard.press('Space');
      await expect(places.nth(1).getByTestId('ambiguous-hide')).not.toBeChecked();
      await expect(wills.getByTestId('ambiguous-count')).toHaveText(/^2 hidden as Student \w, 2 kept as the word$/u);
    });

    await test.step('the guard names a variant left by a pseudonym that contains it, and blocks sharing', async () => {
      const zoe = presenter.getByTestId('import-speaker').filter({ has: hideBox('Zoë') });
      await zoe.getByTestId('pseudonym').fill('Zoe Q');
      await expect(presenter.getByTestId('import-remaining')).toContainText('“Zoe” (hidden as “Zoë”)');
      await presenter.getByTestId('consent-checkbox').check();
      await expect(presenter.getByTestId('import-send')).toBeDisabled();
      await zoe.getByTestId('pseudonym').fill('');
      await expect(presenter.getByTestId('import-remaining')).toHaveCount(0);
      await expect(presenter.getByTestId('import-send')).toBeEnabled();
    });

    const preview = presenter.getByTestId('import-preview');
    await expect(preview).toContainText('Student');
    expect(leakedName((await preview.textContent()) ?? '')).toBeNull();
    await expectAccessible(presenter, `transcript import with names to check (${size.label})`);
    await presenter.getByTestId('ambiguous-names').scrollIntoViewIfNeeded();
    await shoot(presenter, testInfo, `${size.label}-names-to-check`);
    for (const part of ['ambiguous-names', 'import-preview']) {
      const body = await presenter
        .getByTestId(part)
        .screenshot({ path: testInfo.outputPath(`${size.label}-${part}.png`) });
      await testInfo.attach(`${size.label}-${part}`, { body, contentType: 'image/png' });
    }

    await presenter.getByTestId('import-send').click();
    await expect(presenter.getByTestId('transcript-import')).toHaveCount(0);

    await test.step('the frames sent hold no hidden name or variant; the verbs kept are there as written', async () => {
      const imported = sent.sent.filter((f) => f.includes('"transcript_import"'));
      expect(imported).toHaveLength(1);
      const lines = (JSON.parse(imported[0]) as { lines: { speaker: string; text: string }[] }).lines;
      expect(lines.map((l) => `${l.speaker}: ${l.text}`)).toEqual([
        expect.stringMatching(/^Teacher: Good morning\. Student \w, can you read first\?$/u),
        expect.stringMatching(/^Student \w: Okay\. Student \w and STUDENT \w’S sister helped me\.$/u),
        expect.stringMatching(
          /^Teacher: I will ask Student \w next\. Student \w\? Student \w said STUDENT \w’S idea was Student \w’s\.$/u,
        ),
        expect.stringMatching(
          /^Student \w: Will you listen\? I WILL ASK STUDENT \w\. Student \w agrees, and so does Student \w\.$/u,
        ),
        expect.stringMatching(
          /^Student \w: Student \w thinks 3\/4\. Student \w’s guess is 1\/2, not a banana or a willing guess\.$/u,
        ),
      ]);
      // One child, one pseudonym: Zoë, ZOË and Zoe are the same student everywhere.
      const zoe = /^(Student \w):/u.exec(`${lines[1].speaker}:`)![1];
      expect(lines[1].text).toContain(`${zoe.toUpperCase()}’S sister`);
      expect(lines[2].text).toContain(`was ${zoe}’s.`);
      expect(lines[4].speaker).toBe(zoe);
      for (const frame of sent.sent) expect(leakedName(frame), frame.slice(0, 120)).toBeNull();
      for (const frame of seen.received) expect(leakedName(frame), frame.slice(0, 120)).toBeNull();
      expect(leakedName(await presenter.evaluate(() => JSON.stringify({ ...localStorage })))).toBeNull();
    });

    await facilitatorContext.close();
    await presenterContext.close();
  });
}
