// "From last time": what the inquiry's earlier sessions handed on to this
// one — the adaptations being tried (for whom, check-in date), the questions
// to ask, the assumptions still open or challenged — and the focal learners.
// Open in the opening phase and through a planning session; folded away in
// the other phases of a follow-up, a click away.

import type { CarriedItem, SessionState } from '../protocol';
import { formatDate } from '../dates';
import { UserText } from './common';
import { ITEM_STATUS_LABEL } from './labels';
import { useStore } from './useStore';
import './FromLastTime.css';

/** The template of a session that plans the next conversation: it works from the carried items all along. */
const PLANNING_TEMPLATE = 'conversation-planning';

export function hasCarried(state: SessionState): boolean {
  return state.carried.length > 0 || state.learners.length > 0;
}

/** The panel for the current phase: open, folded, or none (a check-in phase shows each item as a card). */
export function FromLastTimeForPhase() {
  const store = useStore();
  const state = store.state.value!;
  const phase = store.currentPhase.value;
  if (!phase || !hasCarried(state) || phase.kind === 'check_in') return null;
  const open = phase.kind === 'opening' || state.template.id === PLANNING_TEMPLATE;
  if (open) {
    return (
      <section class="card from-last-time" aria-labelledby="from-last-time-heading" data-testid="from-last-time">
        <h2 id="from-last-time-heading" class="section-title">
          From last time
        </h2>
        <CarriedList state={state} />
      </section>
    );
  }
  return (
    <details class="card from-last-time more" data-testid="from-last-time-folded">
      <summary>From last time</summary>
      <CarriedList state={state} />
    </details>
  );
}

export function CarriedList({ state }: { state: SessionState }) {
  const adaptations = state.carried.filter((c) => c.kind === 'adaptation');
  const questions = state.carried.filter((c) => c.kind === 'question');
  const assumptions = state.carried.filter((c) => c.kind === 'assumption');
  return (
    <div class="carried">
      {(state.learners.length > 0 || state.date) && (
        <dl class="facts small">
          {state.learners.length > 0 && (
            <div>
              <dt>Focal learners</dt>
              <dd data-testid="carried-learners">{state.learners.join(', ')}</dd>
            </div>
          )}
          {state.date && (
            <div>
              <dt>Planned for</dt>
              <dd data-testid="carried-date">{formatDate(state.date)}</dd>
            </div>
          )}
        </dl>
      )}
      {state.carried.length === 0 && <p class="muted small">Nothing was left open last time.</p>}
      <CarriedGroup title="Adaptations being tried" items={adaptations} />
      <CarriedGroup title="Questions to ask" items={questions} />
      <CarriedGroup title="Assumptions still open or challenged" items={assumptions} />
    </div>
  );
}

function CarriedGroup({ title, items }: { title: string; items: CarriedItem[] }) {
  if (items.length === 0) return null;
  return (
    <div class="carried-group">
      <h3 class="carried-title">{title}</h3>
      <ul class="plain-list">
        {items.map((c) => (
          <li key={c.thread} class="carried-item" data-testid="carried-item" data-kind={c.kind}>
            {c.kind === 'assumption' && <span class={`status status-${c.status}`}>{ITEM_STATUS_LABEL[c.status]}</span>}{' '}
            <UserText text={c.text} />
            <CarriedFacts item={c} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** For whom, the check-in date, and when it was last decided. */
export function CarriedFacts({ item }: { item: CarriedItem }) {
  const parts: string[] = [];
  if (item.kind !== 'assumption') parts.push(`For ${item.for_whom || 'all learners'}`);
  if (item.check_in) parts.push(`check in on ${formatDate(item.check_in)}`);
  if (item.from) parts.push(`decided ${formatDate(item.from)}`);
  if (parts.length === 0) return null;
  return <div class="muted small">{parts.join(' · ')}</div>;
}
