// The start page's "Join with a code": a code is 12 characters, or 13 when
// the server is one of several (the first names the instance); anything else
// is explained before anyone is sent to a session that cannot exist.

import { expect, test } from '@playwright/test';
import { expectAccessible } from './helpers';

test('a code of the wrong length, or with a U, is explained and cannot be submitted', async ({ page }) => {
  await page.goto('/');
  const input = page.getByTestId('join-code-input');
  const join = page.getByTestId('join-code-submit');
  await expect(join).toBeDisabled();

  await input.fill('k7m2-q9');
  await expect(page.getByTestId('join-code-hint')).toHaveText(
    'A session code is 12 or 13 letters and digits (6 so far).',
  );
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(join).toBeDisabled();
  await expectAccessible(page, 'start page, a code too short');

  await input.fill('K7M2Q9XP4TDU');
  await expect(page.getByTestId('join-code-hint')).toHaveText('A session code never has the letter U.');
  await expect(join).toBeDisabled();

  // Typed as people type it: lower case, dashes, an O for a zero.
  await input.fill('bk7m-2q9x-p4td-o');
  await expect(page.getByTestId('join-code-hint')).toHaveCount(0);
  await join.click();
  await expect(page).toHaveURL(/\/s\/BK7M2Q9XP4TD0$/);
});
