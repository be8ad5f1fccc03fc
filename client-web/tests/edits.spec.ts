// Editing what someone else may be editing too: the presenter has the session
// open on a laptop and on a phone, changes the same adaptation on both, and
// the one saved second is shown the current text, then put on top of it.

import { expect, test } from '@playwright/test';
import { createSessionViaStartPage, inviteLink, joinAs } from './helpers';

test('a stale edit of an adaptation shows the current text, keeps theirs or puts mine on top', async ({ browser }) => {
  const [fc, pc] = await Promise.all([browser.newContext(), browser.newContext()]);
  const facilitator = await fc.newPage();
  await createSessionViaStartPage(facilitator, 'Edits');
  await joinAs(facilitator, 'Alex', 'facilitator');
  const link = await inviteLink(facilitator);
  const laptop = await pc.newPage();
  await laptop.setViewportSize({ width: 1280, height: 800 });
  await laptop.goto(link);
  await joinAs(laptop, 'Jordan', 'presenter');
  const phone = await pc.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(link);
  await expect(phone.getByTestId('presence-name').filter({ hasText: 'Jordan' })).toContainText('(you)');

  await facilitator.getByTestId('btn-start-session').click();
  for (let i = 0; i < 5; i++) await facilitator.getByTestId('btn-next').click();
  for (const p of [laptop, phone]) await expect(p.getByTestId('phase-title')).toHaveText('Adaptations to practice');

  const form = laptop.getByTestId('adaptation-form');
  await form.getByTestId('adaptation-change').fill('Wait five seconds after each question');
  await form.getByTestId('adaptation-submit').click();
  const card = (p: typeof laptop) => p.getByTestId('adaptation').filter({ hasText: 'Wait' });
  await expect(card(phone)).toBeVisible();
  // The only adaptation; while it is edited its text is in the form's field.
  const only = (p: typeof laptop) => p.getByTestId('adaptation');
  await expect(only(phone)).toHaveCount(1);

  // Both start from the same version; the phone saves first.
  await only(laptop).getByTestId('adaptation-edit').click();
  await only(laptop).getByTestId('adaptation-change').fill('Wait ten seconds after each question');
  await only(phone).getByTestId('adaptation-edit').click();
  await only(phone).getByTestId('adaptation-change').fill('Wait, then ask her to say more');
  await only(phone).getByTestId('adaptation-submit').click();
  await expect(card(facilitator)).toContainText('Wait, then ask her to say more');

  await only(laptop).getByTestId('adaptation-submit').click();
  await expect(laptop.getByTestId('conflict-current')).toHaveText('Wait, then ask her to say more');
  await expect(card(facilitator)).toContainText('Wait, then ask her to say more');
  await laptop.getByTestId('conflict-retry').click();
  for (const p of [facilitator, phone, laptop]) {
    await expect(card(p)).toContainText('Wait ten seconds after each question');
  }
  await expect(laptop.getByTestId('conflict-current')).toHaveCount(0);

  // A second stale edit, and this time the laptop keeps theirs: nothing is sent.
  await only(laptop).getByTestId('adaptation-edit').click();
  await only(laptop).getByTestId('adaptation-change').fill('Wait twenty seconds');
  await only(phone).getByTestId('adaptation-edit').click();
  await only(phone).getByTestId('adaptation-change').fill('Wait, and write down what she says');
  await only(phone).getByTestId('adaptation-submit').click();
  await expect(card(facilitator)).toContainText('Wait, and write down what she says');
  await only(laptop).getByTestId('adaptation-submit').click();
  await expect(laptop.getByTestId('conflict-current')).toHaveText('Wait, and write down what she says');
  await laptop.getByRole('button', { name: /keep theirs/i }).click();
  await expect(laptop.getByTestId('conflict-current')).toHaveCount(0);
  await expect(only(laptop).getByTestId('adaptation-form')).toHaveCount(0);
  for (const p of [facilitator, phone, laptop]) {
    await expect(card(p)).toContainText('Wait, and write down what she says');
  }
  await Promise.all([fc.close(), pc.close()]);
});
