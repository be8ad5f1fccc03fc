// The joined participant's screen: the current phase with its clock and
// activity, the facilitator's console, the agenda, people, the invite, and
// the summary.

import { useState } from 'preact/hooks';
import { Countdown } from './Countdown';
import { DraftsPanel } from './Drafts';
import { FacilitatorControls, UndoToast } from './FacilitatorControls';
import { FacilitatorKey } from './FacilitatorKey';
import { FromLastTimeForPhase } from './FromLastTime';
import { InviteLink } from './InviteLink';
import { kindLabel } from './labels';
import { Activity, promptsShownInActivity } from './phases/Activity';
import { PhaseList } from './PhaseList';
import { PlanFollowUpButton, planFromSession } from './PlanFollowUp';
import { DoneToggle, PresenceList } from './PresenceList';
import { Summary } from './Summary';
import { LazyImportFlow as ImportFlow } from './transcript/LazyImportFlow';
import { useStore } from './useStore';
import './LiveView.css';

export function LiveView() {
  const store = useStore();
  const state = store.state.value!;
  const facilitator = store.isFacilitator.value;
  const mayPeek = facilitator || store.isPresenter.value;
  const [summary, setSummary] = useState(false);
  const ended = state.status === 'ended';
  const showSummary = ended || (summary && mayPeek);
  const phaseId = store.currentPhase.value?.id ?? '';
  const plan = mayPeek && !ended && !summary ? planFromSession(store) : null;

  return (
    <div class="live-layout">
      <div class="live-main">
        {ended && (
          <p class="banner banner-ended" data-testid="session-ended">
            This session has ended. Thank you for taking part.
          </p>
        )}
        {state.status === 'lobby' && (
          <p class="banner" data-testid="session-lobby">
            {facilitator
              ? 'Everyone is gathering. Start the session when your group is ready.'
              : 'Waiting for the facilitator to start the session.'}
          </p>
        )}
        <DraftsPanel />
        {mayPeek && !ended && (
          <div class="view-switch">
            <button
              type="button"
              class="btn btn-small"
              aria-pressed={summary}
              onClick={() => setSummary(!summary)}
              data-testid="summary-toggle"
            >
              {summary ? '← Back to the live session' : 'Summary and exports'}
            </button>
            {plan && (
              <>
                {' '}
                <PlanFollowUpButton from={plan} />
              </>
            )}
          </div>
        )}
        {showSummary ? (
          <Summary />
        ) : (
          <>
            <PhaseCard />
            <FromLastTimeForPhase />
            {state.status === 'lobby' && store.isPresenter.value && !state.transcript && (
              <section class="card activity" aria-label="Prepare the transcript">
                <ImportFlow />
              </section>
            )}
            {/* Remade for every phase: nothing typed in one phase can be added to the next by accident. */}
            <section key={phaseId} class="card activity" aria-labelledby="phase-title" data-testid="activity">
              <Activity />
            </section>
          </>
        )}
      </div>
      <aside class="live-side" aria-label="Session">
        <PhaseList />
        <PresenceList />
        {/* The event's host looking in has every room's link on the join sheet already. */}
        {store.role.value !== 'host' && (
          <InviteLink code={state.session || store.code}>
            {store.hasFacilitatorKey.value && !ended && <FacilitatorKey code={store.code} />}
          </InviteLink>
        )}
      </aside>
      {facilitator && <UndoToast />}
    </div>
  );
}

function PhaseCard() {
  const store = useStore();
  const state = store.state.value!;
  const phase = store.currentPhase.value;
  const facilitator = store.isFacilitator.value;
  const total = state.template.phases.length;
  const showPrompts = phase && phase.prompts.length > 0 && !promptsShownInActivity(phase.kind, phase.prompts);
  return (
    <section class="card phase-card" aria-labelledby="phase-title">
      <div class="phase-top">
        <Countdown />
        <div class="phase-heading">
          <p class="phase-meta">
            <span class="badge" data-testid="phase-kind">
              {phase ? kindLabel(phase.kind) : ''}
            </span>
            <span class="muted" data-testid="phase-position">
              Phase {state.phase + 1} of {total}
            </span>
            {phase?.private && (
              <span class="badge badge-private">
                {state.revealed.includes(phase.id) ? 'Revealed' : 'Private until revealed'}
              </span>
            )}
          </p>
          <h2 id="phase-title" class="phase-title" tabIndex={-1} data-testid="phase-title">
            {phase?.title ?? ''}
          </h2>
          {showPrompts && (
            <ul class="prompts" data-testid="phase-prompts">
              {phase.prompts.map((prompt, i) => (
                <li key={i}>{prompt}</li>
              ))}
            </ul>
          )}
          <DoneToggle />
        </div>
      </div>
      {facilitator && <FacilitatorControls />}
    </section>
  );
}
