// A whole Learning Partnership debrief with four people in four browsers at
// once: a facilitator, the presenter and two remote colleagues, through
// every phase of the default template, against the real server.

import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import {
  createSessionViaStartPage,
  expectAccessible,
  expectPresence,
  inviteLink,
  joinAs,
  recordFrames,
  shootBoth,
} from './helpers';

// The presenter's real transcript: these names must never leave their browser.
const REAL_NAMES = ['Maya', 'Rivera', 'Devon', 'Okafor'];

function transcriptWithNames(): string {
  const lines = [
    '[00:00:04] Ms. Rivera: Thanks for staying a few minutes, Maya. How is the fractions unit going for you?',
    "[00:00:11] Maya: It's okay. The pizza problems were easier than the number line ones.",
    '[00:00:19] Ms. Rivera: What made the number line ones harder?',
    '[00:00:24] Maya: I never know where to put the marks. Devon says you just count the spaces but I count the lines.',
    '[00:00:35] Ms. Rivera: That is a really useful thing to notice. Did you ask Devon how he decides?',
    "[00:00:41] Maya: No. I asked Mr. Okafor once at lunch, and he said to ask Maya's group.",
  ];
  // A longer middle, so that reading ahead means scrolling.
  for (let i = 0; i < 34; i++) {
    const t = 50 + i * 7;
    const stamp = `[00:${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}]`;
    lines.push(
      i % 2 === 0
        ? `${stamp} Ms. Rivera: And when you look at the marks on question ${i + 1}, what do you see first?`
        : `${stamp} Maya: I see the big ticks first and then I count the small ones, like on a ruler ${i}.`,
    );
  }
  return lines.join('\n');
}

function noRealName(text: string): string | null {
  for (const name of REAL_NAMES) if (new RegExp(`\\b${name}\\b`, 'i').test(text)) return name;
  return null;
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

test('a whole debrief: four people, every phase of the Learning Partnership template', async ({
  browser,
}, testInfo) => {
  test.setTimeout(150_000);
  const contexts = await Promise.all([0, 1, 2, 3].map(() => browser.newContext({ acceptDownloads: true })));
  const [facilitator, presenter, ravi, sam] = await Promise.all(contexts.map((c) => c.newPage()));
  const everyone = [facilitator, presenter, ravi, sam];
  const frames = everyone.map(recordFrames);
  const presenterFrames = frames[1];

  await test.step('start and join', async () => {
    await facilitator.goto('/');
    await expect(facilitator.getByTestId('template-option').first()).toBeVisible();
    await expectAccessible(facilitator, 'start page');
    await shootBoth(facilitator, testInfo, '01-start');
    await createSessionViaStartPage(facilitator, 'Grade 7 triad');
    await expectAccessible(facilitator, 'join form');
    await shootBoth(facilitator, testInfo, '02-join');
    await joinAs(facilitator, 'Alex F.', 'facilitator');
    const link = await inviteLink(facilitator);
    await presenter.goto(link);
    await joinAs(presenter, 'Jordan', 'presenter');
    await ravi.goto(link);
    await joinAs(ravi, 'Ravi', 'colleague');
    await sam.goto(link);
    await joinAs(sam, 'Sam', 'colleague');
    for (const p of everyone) await expectPresence(p, ['Alex F.', 'Jordan', 'Ravi', 'Sam']);
    await expectAccessible(facilitator, 'lobby (facilitator)');
    await shootBoth(facilitator, testInfo, '03-lobby-facilitator');
  });

  await test.step('norms and purpose (opening)', async () => {
    await facilitator.getByTestId('btn-start-session').click();
    for (const p of everyone) await expect(p.getByTestId('phase-title')).toHaveText('Norms and purpose');
    await facilitator.keyboard.press('Space');
    for (const p of everyone) await expect(p.getByTestId('timer-status')).toHaveText('Running');
    await addEntry(ravi, 'Glad to be here; I will listen for what the student values.');
    await expect(sam.getByTestId('entry').filter({ hasText: 'Glad to be here' })).toHaveCount(1);
    await sam.getByTestId('done-toggle').click();
    await expect(facilitator.getByTestId('presence-item').filter({ hasText: 'Sam' })).toHaveAttribute(
      'data-done',
      'true',
    );
    await expect(facilitator.getByTestId('done-count')).toHaveText('1 of 4 done with this phase');
    await expectAccessible(ravi, 'opening (colleague)');
    await shootBoth(facilitator, testInfo, '04-opening-facilitator');
  });

  await test.step('share assumptions, with a proposal accepted by the presenter', async () => {
    await nextPhase(facilitator, everyone, 'Share assumptions');
    // The done marks belong to the phase that was left.
    await expect(facilitator.getByTestId('done-count')).toHaveText('0 of 4 done with this phase');
    const add = async (list: string, text: string) => {
      await presenter.getByTestId(`board-add-${list}`).fill(text);
      await presenter.getByTestId(`board-add-${list}`).press('Enter');
      await expect(
        presenter.getByTestId(`board-list-${list}`).getByTestId('board-item').filter({ hasText: text }),
      ).toHaveCount(1);
    };
    await add('know', 'She finished the fractions quiz early');
    await add('know', 'She asks for help rarely');
    await add('dont_know', 'How she reads a number line');
    await add('assumptions', 'She finds number lines boring');
    await add('find_out', 'What she counts when she places a mark');
    // Edit in place.
    const item = presenter.getByTestId('board-list-assumptions').getByTestId('board-item').first();
    await item.getByRole('button', { name: 'Edit' }).click();
    await presenter.getByTestId('board-edit-text').fill('She finds number lines boring, so she rushes');
    await presenter.getByTestId('board-edit-text').press('Enter');
    await expect(sam.getByTestId('board-list-assumptions')).toContainText('so she rushes');
    // Reorder with the keyboard-reachable buttons.
    const know = presenter.getByTestId('board-list-know').getByTestId('board-item');
    await know.nth(1).getByRole('button', { name: 'Move up' }).click();
    await expect(know.first()).toContainText('She asks for help rarely');
    await expect(ravi.getByTestId('board-list-know').getByTestId('board-item').first()).toContainText('asks for help');

    // A colleague proposes; the presenter accepts it onto the board.
    await ravi.getByTestId('propose-list').selectOption('assumptions');
    await ravi.getByTestId('propose-text').fill('A possible assumption: she is guessing to finish fast');
    await ravi.getByTestId('propose-submit').click();
    await expect(ravi.getByTestId('proposal-status')).toContainText('Waiting for the presenter');
    const pending = presenter.getByTestId('pending-proposal');
    await expect(pending).toContainText('guessing to finish fast');
    await expectAccessible(presenter, 'assumption board (presenter)');
    await shootBoth(presenter, testInfo, '05-assumptions-presenter');
    await pending.getByTestId('proposal-accept').click();
    for (const p of everyone) {
      await expect(p.getByTestId('board-list-assumptions').getByTestId('board-item')).toHaveCount(2);
      await expect(p.getByTestId('board-list-assumptions')).toContainText('guessing to finish fast');
    }
    await expect(ravi.getByTestId('proposal-status')).toContainText('On the board');
    await expectAccessible(sam, 'assumption board (colleague)');
    await shootBoth(sam, testInfo, '06-assumptions-colleague');
  });

  await test.step('clarifying questions (discussion)', async () => {
    await nextPhase(facilitator, everyone, 'Clarifying questions');
    await addEntry(sam, 'How long after the quiz did the conversation happen?');
    await expect(presenter.getByTestId('entry').filter({ hasText: 'How long after the quiz' })).toHaveCount(1);
    await expectAccessible(sam, 'discussion');
    await shootBoth(sam, testInfo, '07-discussion');
  });

  await test.step('transcript: import with redaction, follow the facilitator, annotate', async () => {
    await nextPhase(facilitator, everyone, 'Read the transcript together');
    await expect(ravi.getByTestId('no-transcript')).toBeVisible();
    await presenter.getByTestId('import-text').fill(transcriptWithNames());
    await presenter.getByTestId('import-read').click();
    await expect(presenter.getByTestId('import-summary')).toContainText('40 lines from 2 speakers');
    // Every real name is suggested and ticked; speakers have roles.
    for (const name of ['Ms. Rivera', 'Maya', 'Devon', 'Okafor']) {
      await expect(presenter.locator(`[data-testid="hide-name"][data-name="${name}"]`)).toBeChecked();
    }
    const preview = presenter.getByTestId('import-preview');
    await expect(preview).toContainText('Student A');
    await expect(preview).toContainText('Teacher');
    expect(noRealName((await preview.textContent()) ?? '')).toBeNull();
    // Nothing is sent before consent.
    await expect(presenter.getByTestId('import-send')).toBeDisabled();
    await expectAccessible(presenter, 'transcript import');
    await shootBoth(presenter, testInfo, '08-transcript-import');
    await presenter.getByTestId('consent-checkbox').check();
    await presenter.getByTestId('import-send').click();
    for (const p of everyone) await expect(p.getByTestId('transcript-line')).toHaveCount(40);
    await expect(ravi.getByTestId('transcript-line').first()).toContainText(
      'Thanks for staying a few minutes, Student A.',
    );
    await expect(ravi.getByTestId('consent-record')).toContainText('confirmed by Jordan');

    // The real names were never in any frame the presenter sent, nor anywhere else.
    const imported = presenterFrames.sent.find((f) => f.includes('"transcript_import"'));
    expect(imported).toBeTruthy();
    for (const f of presenterFrames.sent) expect(noRealName(f), f.slice(0, 200)).toBeNull();
    for (const fr of frames) for (const f of fr.received) expect(noRealName(f)).toBeNull();
    const stored = await presenter.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(noRealName(stored)).toBeNull();

    // The facilitator brings everyone to line 30; the colleagues follow.
    await facilitator.getByTestId('transcript-line').nth(29).getByRole('button').click();
    await facilitator.getByTestId('bring-here').click();
    for (const p of [presenter, ravi, sam]) {
      const line = p.getByTestId('transcript-line').nth(29);
      await expect(line).toHaveAttribute('data-focus', 'true');
      await expect(line).toBeInViewport();
      await expect(p.getByTestId('follow-bar')).toContainText('Following the group · line 30');
    }
    // Ravi reads ahead: following pauses; the group moves on without him.
    await ravi.getByTestId('transcript-lines').evaluate((el) => {
      el.scrollTop = 0;
    });
    await expect(ravi.getByTestId('back-to-group')).toBeVisible();
    await facilitator.getByTestId('transcript-line').nth(35).getByRole('button').click();
    await facilitator.getByTestId('bring-here').click();
    await expect(sam.getByTestId('transcript-line').nth(35)).toBeInViewport();
    await expect(ravi.getByTestId('follow-bar')).toContainText('The group is at line 36');
    await expect(ravi.getByTestId('transcript-line').nth(35)).not.toBeInViewport();
    await ravi.getByTestId('back-to-group').click();
    await expect(ravi.getByTestId('transcript-line').nth(35)).toBeInViewport();
    await expect(ravi.getByTestId('follow-bar')).toContainText('Following the group · line 36');

    // Sam annotates line 4; Ravi sees it appear live and replies.
    await sam.getByTestId('transcript-line').nth(3).getByRole('button').click();
    await sam.getByTestId('annotate').click();
    await sam.getByTestId('tag-wonder').check();
    await sam
      .getByTestId('annotation-comment')
      .fill('She said she counts the lines, not the spaces. What is she counting?');
    await sam.getByTestId('annotation-save').click();
    const ravisView = ravi.getByTestId('annotation').filter({ hasText: 'What is she counting?' });
    await expect(ravisView).toHaveCount(1);
    await expect(ravisView).toContainText('Line 4');
    await ravisView.getByTestId('reply').click();
    await ravi.getByTestId('reply-text').fill('Maybe the tick marks themselves?');
    await ravi.getByTestId('reply-send').click();
    await expect(sam.getByTestId('reply').filter({ hasText: 'Maybe the tick marks' })).toHaveCount(1);

    // The presenter annotates words inside a line; a judging word gets a gentle nudge.
    const words = presenter.locator('[data-line-text="L2"]');
    await words.evaluate((el) => {
      const text = el.firstChild!;
      const start = text.textContent!.indexOf('pizza problems');
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + 'pizza problems'.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await expect(presenter.getByTestId('selection-bar')).toContainText('pizza problems');
    await presenter.getByTestId('annotate').click();
    await presenter.getByTestId('tag-strength').check();
    await presenter.getByTestId('annotation-comment').fill('She is lazy with number lines');
    await expect(presenter.getByTestId('nudge')).toContainText('lazy');
    await presenter.getByTestId('annotation-comment').fill('She named which problems felt easier');
    await expect(presenter.getByTestId('nudge')).toBeHidden();
    await presenter.getByTestId('annotation-save').click();
    const wordsNote = sam.getByTestId('annotation').filter({ hasText: 'which problems felt easier' });
    await expect(wordsNote).toContainText('pizza problems');
    await expectAccessible(ravi, 'transcript reader (colleague)');
    await shootBoth(ravi, testInfo, '09-transcript-reader');
  });

  const privateR = 'Private noticing from Ravi: she compares her method with a peer';
  const privateS = 'Private noticing from Sam: she describes what she does, step by step';
  await test.step('what we noticed: private until revealed', async () => {
    await nextPhase(facilitator, everyone, 'What we noticed and wondered');
    await expect(ravi.getByTestId('privacy-note')).toContainText(
      'Only you can see this until the facilitator reveals it',
    );
    await addEntry(ravi, privateR);
    await addEntry(sam, privateS);
    await expect(sam.getByTestId('hidden-count')).toHaveText('1 private note from others.');
    await expect(facilitator.getByTestId('reveal-control')).toContainText('2 private notes from others');
    // Not merely hidden: absent from the page and from everything Sam received.
    expect(await sam.content()).not.toContain('compares her method');
    for (const f of frames[3].received) expect(f).not.toContain('compares her method');
    for (const f of frames[0].received) expect(f).not.toContain('compares her method');
    await expectAccessible(sam, 'private phase');
    await shootBoth(sam, testInfo, '10-private-before-reveal');
    // Sam shares his early; Ravi's stays private.
    await sam.getByTestId('entry').filter({ hasText: privateS }).getByTestId('entry-share').click();
    await expect(ravi.getByTestId('entry').filter({ hasText: privateS })).toHaveCount(1);
    expect(await sam.content()).not.toContain('compares her method');

    await facilitator.getByTestId('btn-reveal').click();
    await expect(facilitator.getByTestId('confirm-reveal')).toContainText('cannot be undone');
    await facilitator.getByTestId('confirm-yes').click();
    for (const p of everyone) {
      await expect(p.getByTestId('entry').filter({ hasText: privateR })).toHaveCount(1);
      await expect(p.getByTestId('revealed-note')).toBeVisible();
    }
    await expect(sam.getByTestId('entry').filter({ hasText: privateR })).toContainText('Ravi');
    await shootBoth(sam, testInfo, '11-private-after-reveal');
  });

  await test.step('adaptations with evidence', async () => {
    await nextPhase(facilitator, everyone, 'Adaptations to practice');
    const form = presenter.getByTestId('adaptation-form');
    await form.getByTestId('adaptation-change').fill('Ask her to explain her counting before correcting it');
    await form.getByTestId('adaptation-for-whom').selectOption('Student A');
    await form.getByTestId('adaptation-check-in').fill('2027-03-15');
    await form.getByTestId('adaptation-add-follow-up').click();
    await form.getByTestId('adaptation-follow-up').fill('What are you counting when you place a mark?');
    await form.getByRole('checkbox', { name: /What is she counting/ }).check();
    await form.getByTestId('evidence-line').selectOption({ index: 4 });
    await form.getByTestId('adaptation-submit').click();
    for (const p of everyone) {
      const card = p.getByTestId('adaptation').filter({ hasText: 'explain her counting' });
      await expect(card).toContainText('Student A');
      await expect(card).toContainText('15 Mar 2027');
      await expect(card).toContainText('What are you counting');
      await expect(card.getByTestId('evidence-list')).toContainText('Line 4');
    }
    // A colleague suggests; the presenter accepts.
    const suggest = ravi.getByTestId('adaptation-form');
    await suggest.getByTestId('adaptation-change').fill('A number line warm-up for the whole class');
    await suggest.getByTestId('adaptation-submit').click();
    const suggestion = presenter.getByTestId('adaptation').filter({ hasText: 'number line warm-up' });
    await expect(suggestion).toContainText('Suggested by');
    await suggestion.getByTestId('adaptation-accept').click();
    await expect(sam.getByTestId('adaptation').filter({ hasText: 'number line warm-up' })).not.toHaveClass(
      /is-suggested/,
    );

    // The presenter marks an assumption challenged, pointing to the annotation.
    const review = presenter.getByTestId('review-item').filter({ hasText: 'so she rushes' });
    await review.getByTestId('mark-item').click();
    await review.getByTestId('status-challenged').check();
    await review.getByRole('checkbox', { name: /What is she counting/ }).check();
    await review.getByTestId('mark-save').click();
    await expect(review.getByTestId('item-status')).toHaveText('Challenged');
    await expect(
      sam.getByTestId('review-item').filter({ hasText: 'so she rushes' }).getByTestId('item-status'),
    ).toHaveText('Challenged');
    await expectAccessible(presenter, 'adaptations (presenter)');
    await shootBoth(presenter, testInfo, '12-adaptations-presenter');
    await shootBoth(ravi, testInfo, '13-adaptations-colleague');
  });

  await test.step('reflection: private per prompt, then revealed', async () => {
    await nextPhase(facilitator, everyone, 'Reflection');
    await expect(ravi.getByTestId('entry-group')).toHaveCount(3);
    await addEntry(ravi, 'I was surprised how precise her description was.', 0);
    await addEntry(presenter, 'The assumption that she rushes shifted for me.', 2);
    await expect(sam.getByTestId('hidden-count')).toHaveText('2 private notes from others.');
    await expectAccessible(ravi, 'reflection');
    await shootBoth(ravi, testInfo, '14-reflection');
    await facilitator.getByTestId('btn-reveal').click();
    await expect(facilitator.getByTestId('confirm-reveal')).toContainText('cannot be undone');
    await facilitator.getByTestId('confirm-yes').click();
    await expect(sam.getByTestId('entry-group').nth(2)).toContainText('shifted for me');
    await expect(sam.getByTestId('entry-group').nth(0)).toContainText('how precise');
  });

  await test.step('close, summary and export', async () => {
    await nextPhase(facilitator, everyone, 'Close');
    await addEntry(sam, 'Leaving curious.');
    await facilitator.getByTestId('btn-end').click();
    await expect(facilitator.getByTestId('confirm-end')).toContainText('cannot be undone');
    await facilitator.getByTestId('confirm-yes').click();
    for (const p of everyone) {
      await expect(p.getByTestId('session-ended')).toBeVisible();
      await expect(p.getByTestId('summary')).toBeVisible();
    }
    const summary = sam.getByTestId('summary');
    await expect(summary.getByTestId('summary-adaptation')).toHaveCount(2);
    await expect(summary).toContainText('Challenged');
    await expect(summary).toContainText('What is she counting?');
    await expect(summary).toContainText(privateR);
    await expect(sam.getByTestId('downloads-unavailable')).toBeVisible();
    await expectAccessible(presenter, 'summary');
    await shootBoth(presenter, testInfo, '15-summary');

    // The presenter downloads Markdown; the facilitator downloads JSON.
    const [md] = await Promise.all([presenter.waitForEvent('download'), presenter.getByTestId('download-md').click()]);
    expect(md.suggestedFilename()).toMatch(/^debrief-[0-9A-Z]+\.md$/);
    const markdown = await readFile((await md.path())!, 'utf8');
    expect(markdown).toContain('Ask her to explain her counting before correcting it');
    expect(markdown).toContain('15 Mar 2027');
    expect(markdown).toContain('What is she counting?');
    expect(markdown).toContain('Student A');
    expect(noRealName(markdown)).toBeNull();
    const [json] = await Promise.all([
      facilitator.waitForEvent('download'),
      facilitator.getByTestId('download-json').click(),
    ]);
    const record = JSON.parse(await readFile((await json.path())!, 'utf8'));
    expect(JSON.stringify(record)).toContain('number line warm-up');
    expect(noRealName(JSON.stringify(record))).toBeNull();
    // The key never went into a URL.
    const key = await facilitator.evaluate(
      () => Object.entries(localStorage).find(([k]) => k.startsWith('debrief:session:'))?.[1],
    );
    const facilitatorKey = JSON.parse(key!).facilitator_key as string;
    expect(await inviteLink(facilitator)).not.toContain(facilitatorKey);
    for (const p of everyone) expect(p.url()).not.toContain(facilitatorKey);
  });

  await Promise.all(contexts.map((c) => c.close()));
});
