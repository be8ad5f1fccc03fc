// A colleague on a flaky connection, and hostile text that must stay text.

import { expect, test, type Page } from '@playwright/test';
import { createSessionViaStartPage, inviteLink, joinAs } from './helpers';

async function importTranscript(presenter: Page, text: string) {
  await presenter.getByTestId('import-text').fill(text);
  await presenter.getByTestId('import-read').click();
  await presenter.getByTestId('consent-checkbox').check();
  await presenter.getByTestId('import-send').click();
  await expect(presenter.getByTestId('transcript-import')).toHaveCount(0);
}

async function goToTranscript(facilitator: Page, others: Page[]) {
  await facilitator.getByTestId('btn-start-session').click();
  for (const title of ['Share assumptions', 'Clarifying questions', 'Read the transcript together']) {
    await facilitator.getByTestId('btn-next').click();
    await expect(facilitator.getByTestId('phase-title')).toHaveText(title);
  }
  for (const p of others) await expect(p.getByTestId('phase-title')).toHaveText('Read the transcript together');
}

const TRANSCRIPT = [
  'Teacher: How is the unit going for you?',
  'Student: Okay. I paused on the second one because I was not sure.',
  'Teacher: What made you unsure?',
].join('\n');

test('a colleague who goes offline mid-phase annotates; the annotation lands exactly once', async ({ browser }) => {
  const contexts = await Promise.all([0, 1, 2].map(() => browser.newContext()));
  const [facilitator, presenter, colleague] = await Promise.all(contexts.map((c) => c.newPage()));
  await createSessionViaStartPage(facilitator, 'Flaky connection');
  await joinAs(facilitator, 'Alex', 'facilitator');
  const link = await inviteLink(facilitator);
  await presenter.goto(link);
  await joinAs(presenter, 'Jordan', 'presenter');
  await colleague.goto(link);
  await joinAs(colleague, 'Ravi', 'colleague');
  // The presenter prepares the transcript while people gather; a broken file is refused with its line.
  await presenter.getByTestId('import-text').fill('WEBVTT\n\n00:00:01.000 -> 00:00:04.000\nTeacher: Hello.\n');
  await presenter.getByTestId('import-read').click();
  await expect(presenter.getByTestId('import-error')).toHaveText(/^Line 3: /);
  await expect(presenter.getByTestId('import-send')).toHaveCount(0);
  await importTranscript(presenter, TRANSCRIPT);
  await goToTranscript(facilitator, [presenter, colleague]);
  await expect(colleague.getByTestId('transcript-line')).toHaveCount(3);

  await contexts[2].setOffline(true);
  await expect(colleague.getByTestId('connection-status')).not.toHaveAttribute('data-status', 'live');
  const comment = 'Offline note: she paused on the second one before answering.';
  await colleague.getByTestId('transcript-line').nth(1).getByRole('button').click();
  await colleague.getByTestId('annotate').click();
  await colleague.getByTestId('annotation-comment').fill(comment);
  await colleague.getByTestId('annotation-save').click();
  await expect(colleague.getByTestId('annotate-form')).toHaveCount(0);
  await expect(colleague.getByTestId('connection-status')).toContainText('1 change waiting');
  await expect(facilitator.getByTestId('annotation')).toHaveCount(0);

  await contexts[2].setOffline(false);
  await expect(colleague.getByTestId('connection-status')).toHaveAttribute('data-status', 'live', { timeout: 20_000 });
  for (const p of [colleague, facilitator, presenter]) {
    await expect(p.getByTestId('annotation').filter({ hasText: comment })).toHaveCount(1);
  }
  // The server's own record holds it once too.
  const count = await facilitator.evaluate(async (text) => {
    const code = location.pathname.split('/').pop()!;
    const key = JSON.parse(localStorage.getItem(`debrief:session:${code}`)!).facilitator_key;
    const res = await fetch(`/api/sessions/${code}/export?format=json`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    return (await res.text()).split(text).length - 1;
  }, comment);
  expect(count).toBe(1);
  await expect(colleague.getByTestId('annotation').filter({ hasText: comment })).toHaveCount(1);

  await Promise.all(contexts.map((c) => c.close()));
});

test('a name and a comment made of HTML are shown as text and run nothing', async ({ browser }) => {
  const evil = '<img src=x onerror=alert(1)>';
  const contexts = await Promise.all([0, 1, 2].map(() => browser.newContext()));
  const [facilitator, presenter, colleague] = await Promise.all(contexts.map((c) => c.newPage()));
  const dialogs: string[] = [];
  for (const p of [facilitator, presenter, colleague]) {
    p.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }
  await createSessionViaStartPage(facilitator, evil);
  await joinAs(facilitator, 'Alex', 'facilitator');
  const link = await inviteLink(facilitator);
  await presenter.goto(link);
  await joinAs(presenter, 'Jordan', 'presenter');
  await colleague.goto(link);
  await joinAs(colleague, evil, 'colleague');
  await importTranscript(presenter, `Teacher: What did you try?\nStudent: ${evil}`);
  await goToTranscript(facilitator, [presenter, colleague]);

  await colleague.getByTestId('transcript-line').nth(1).getByRole('button').click();
  await colleague.getByTestId('annotate').click();
  await colleague.getByTestId('annotation-comment').fill(evil);
  await colleague.getByTestId('annotation-save').click();

  for (const p of [facilitator, presenter, colleague]) {
    await expect(p.getByTestId('session-title')).toHaveText(evil);
    await expect(p.getByTestId('presence-name').filter({ hasText: evil })).toHaveCount(1);
    await expect(p.getByTestId('transcript-line').nth(1)).toContainText(evil);
    await expect(p.getByTestId('annotation-text')).toHaveText(evil);
    await expect(p.locator('main img')).toHaveCount(0);
  }
  await expect(facilitator.getByTestId('annotation')).toContainText(evil); // the author's name, as text
  expect(dialogs).toEqual([]);
  await Promise.all(contexts.map((c) => c.close()));
});

test('a stale edit shows the current text and can be retried; a withdrawn transcript is gone for everyone', async ({
  browser,
}) => {
  const [fc, pc] = await Promise.all([browser.newContext(), browser.newContext()]);
  const facilitator = await fc.newPage();
  await createSessionViaStartPage(facilitator, 'Two tabs');
  await joinAs(facilitator, 'Alex', 'facilitator');
  const link = await inviteLink(facilitator);
  // The presenter has the session open in two tabs.
  const tab1 = await pc.newPage();
  await tab1.goto(link);
  await joinAs(tab1, 'Jordan', 'presenter');
  const tab2 = await pc.newPage();
  await tab2.goto(link);
  await expect(tab2.getByTestId('presence-name').filter({ hasText: 'Jordan' })).toContainText('(you)');
  await importTranscript(tab1, TRANSCRIPT);
  await facilitator.getByTestId('btn-start-session').click();
  await facilitator.getByTestId('btn-next').click();
  await expect(tab1.getByTestId('phase-title')).toHaveText('Share assumptions');
  await tab1.getByTestId('board-add-assumptions').fill('She rushes');
  await tab1.getByTestId('board-add-assumptions').press('Enter');
  await expect(tab2.getByTestId('board-item')).toHaveText(/She rushes/);

  // Tab 1 starts editing; tab 2 saves first.
  await tab1.getByTestId('board-item').getByRole('button', { name: 'Edit' }).click();
  await tab1.getByTestId('board-edit-text').fill('She rushes when she is unsure');
  await tab2.getByTestId('board-item').getByRole('button', { name: 'Edit' }).click();
  await tab2.getByTestId('board-edit-text').fill('She rushes at the end of the lesson');
  await tab2.getByTestId('board-edit-text').press('Enter');
  await expect(facilitator.getByTestId('board-item')).toContainText('end of the lesson');
  await tab1.getByTestId('board-edit-text').press('Enter');
  await expect(tab1.getByTestId('conflict-current')).toHaveText('She rushes at the end of the lesson');
  await tab1.getByTestId('conflict-retry').click();
  await expect(facilitator.getByTestId('board-item')).toContainText('She rushes when she is unsure');
  await expect(tab2.getByTestId('board-item')).toContainText('She rushes when she is unsure');

  // Withdrawing (with a confirmation) removes the transcript for everyone.
  for (let i = 0; i < 2; i++) await facilitator.getByTestId('btn-next').click();
  await expect(tab1.getByTestId('phase-title')).toHaveText('Read the transcript together');
  await expect(facilitator.getByTestId('transcript-line')).toHaveCount(3);
  await tab1.getByTestId('withdraw-transcript').click();
  await expect(tab1.getByTestId('withdraw-transcript')).toHaveText('Withdraw it and all its annotations');
  await tab1.getByTestId('withdraw-transcript').click();
  await expect(facilitator.getByTestId('no-transcript')).toBeVisible();
  await expect(tab2.getByTestId('transcript-import')).toBeVisible();
  await Promise.all([fc.close(), pc.close()]);
});
