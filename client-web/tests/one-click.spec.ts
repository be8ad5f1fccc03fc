// Nothing destroyed by one click: removing a phase with writing in it, a
// reveal, a reset and the end each ask first and say what will happen.
// A facilitator on a laptop, a colleague on a phone.

import { expect, test } from '@playwright/test';
import { createSessionViaStartPage, expectAccessible, inviteLink, joinAs, shootBoth } from './helpers';

test('the facilitator is asked before anything is destroyed or shown', async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const laptop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const facilitator = await laptop.newPage();
  const colleague = await phone.newPage();
  try {
    await createSessionViaStartPage(facilitator, 'Grade 7 triad');
    await joinAs(facilitator, 'Maya', 'facilitator');
    await colleague.goto(await inviteLink(facilitator));
    await joinAs(colleague, 'Ravi', 'colleague');

    // Starting leaves focus on the next thing to do, not the page body.
    await facilitator.getByTestId('btn-start-session').click();
    await expect(facilitator.getByTestId('btn-start-timer')).toBeFocused();

    const note = 'I hope we keep to the student’s words.';
    await colleague.getByTestId('entry-text-input').first().fill(note);
    await colleague.getByTestId('entry-add').first().click();
    await expect(facilitator.getByTestId('entry').filter({ hasText: note })).toHaveCount(1);
    await facilitator.getByTestId('btn-next').click();
    await expect(colleague.getByTestId('phase-title')).toHaveText('Share assumptions');

    // Removing a phase with a note in it asks, saying how many would go.
    await facilitator.getByTestId('edit-agenda').click();
    await facilitator.getByRole('button', { name: 'Remove Norms and purpose' }).click();
    const ask = facilitator.getByTestId('confirm-remove-phase');
    await expect(ask).toContainText('1 note');
    await expect(ask).toContainText('cannot be undone');
    await expect(facilitator.getByTestId('confirm-no')).toBeFocused();
    await expectAccessible(facilitator, 'removing a phase asks first');
    await shootBoth(facilitator, testInfo, 'one-click-remove-asks');
    await facilitator.getByTestId('confirm-no').click();
    await expect(ask).toHaveCount(0);
    await expect(colleague.getByTestId('phase-item')).toHaveCount(8);
    // A phase nobody wrote in goes at once: nothing is lost.
    await facilitator.getByRole('button', { name: 'Remove Clarifying questions' }).click();
    await expect(colleague.getByTestId('phase-item')).toHaveCount(7);
    await facilitator.getByTestId('edit-agenda').click();

    // Reset asks first; until confirmed the clock runs on.
    await facilitator.getByTestId('btn-start-timer').click();
    await facilitator.getByTestId('btn-reset').click();
    await expect(facilitator.getByTestId('confirm-reset')).toContainText('time used so far stays');
    await expect(colleague.getByTestId('timer-status')).toHaveText(/running/i);
    await facilitator.getByTestId('confirm-yes').click();
    await expect(colleague.getByTestId('countdown')).toHaveAttribute('data-status', 'idle');

    // A private phase: the reveal is quiet while there is nothing to reveal.
    await facilitator.getByTestId('btn-next').click();
    await facilitator.getByTestId('btn-next').click();
    await expect(colleague.getByTestId('phase-title')).toHaveText('What we noticed and wondered');
    await expect(facilitator.getByTestId('btn-reveal')).not.toHaveClass(/btn-primary/);
    const privateNote = 'He looked at the board twice before answering.';
    await colleague.getByTestId('entry-text-input').first().fill(privateNote);
    await colleague.getByTestId('entry-add').first().click();
    await expect(facilitator.getByTestId('reveal-control')).toContainText('1 private note');
    await expect(facilitator.getByTestId('btn-reveal')).toHaveClass(/btn-primary/);
    await facilitator.getByTestId('btn-reveal').click();
    await expect(facilitator.getByTestId('confirm-reveal')).toContainText('Show 1 private note');
    await expect(facilitator.getByTestId('confirm-reveal')).toContainText('cannot be undone');
    await expectAccessible(facilitator, 'reveal asks first');
    await facilitator.getByTestId('confirm-yes').click();
    await expect(facilitator.getByTestId('entry').filter({ hasText: privateNote })).toHaveCount(1);
    await expect(facilitator.getByTestId('phase-title')).toBeFocused();

    // Ending says it cannot be undone; cancelling keeps the session live.
    await facilitator.getByTestId('btn-end').click();
    await expect(facilitator.getByTestId('confirm-end')).toContainText('cannot be undone');
    await facilitator.getByTestId('confirm-no').click();
    await expect(facilitator.getByTestId('btn-end')).toBeFocused();
    await expect(colleague.getByTestId('session-ended')).toHaveCount(0);
  } finally {
    await laptop.close();
    await phone.close();
  }
});
