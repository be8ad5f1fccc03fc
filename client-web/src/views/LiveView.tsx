// The joined participant's screen: current phase, clock, agenda, people.

import type { SessionStore } from '../store';
import { Countdown } from './Countdown';
import { FacilitatorControls } from './FacilitatorControls';
import { InviteLink } from './InviteLink';
import { kindLabel } from './labels';
import { PhaseList } from './PhaseList';
import { PresenceList } from './PresenceList';

export function LiveView({ store }: { store: SessionStore }) {
  const state = store.state.value!;
  const phase = store.currentPhase.value;
  const facilitator = store.isFacilitator.value;
  const total = state.template.phases.length;

  return (
    <div class="live-layout">
      <div class="live-main">
        {state.status === 'ended' && (
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
        <section class="card phase-card" aria-labelledby="phase-title">
          <p class="phase-meta">
            <span class="badge" data-testid="phase-kind">
              {phase ? kindLabel(phase.kind) : ''}
            </span>
            <span class="muted" data-testid="phase-position">
              Phase {state.phase + 1} of {total}
            </span>
          </p>
          <h2 id="phase-title" class="phase-title" data-testid="phase-title">
            {phase?.title ?? ''}
          </h2>
          <Countdown store={store} />
          {facilitator && <FacilitatorControls store={store} />}
          {phase && phase.prompts.length > 0 && (
            <div class="prompts">
              <h3>Prompts</h3>
              <ul data-testid="phase-prompts">
                {phase.prompts.map((prompt, i) => (
                  <li key={i}>{prompt}</li>
                ))}
              </ul>
            </div>
          )}
        </section>
      </div>
      <aside class="live-side">
        <PhaseList store={store} />
        <PresenceList store={store} />
        <InviteLink code={state.session || store.code} />
      </aside>
    </div>
  );
}
