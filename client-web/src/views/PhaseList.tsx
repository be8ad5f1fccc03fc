// The agenda: every phase with its planned minutes, the current one marked.

import type { SessionStore } from '../store';
import { kindLabel } from './labels';

export function PhaseList({ store }: { store: SessionStore }) {
  const state = store.state.value!;
  const phases = state.template.phases;
  const total = phases.reduce((sum, p) => sum + p.minutes, 0);
  return (
    <section class="card" aria-labelledby="phases-heading">
      <h2 id="phases-heading" class="side-heading">
        Agenda
      </h2>
      <p class="side-sub muted">
        {state.template.name} · {total} min
      </p>
      <ol class="phase-list" data-testid="phase-list">
        {phases.map((p, i) => {
          const current = i === state.phase;
          const done = state.status !== 'lobby' && i < state.phase;
          return (
            <li
              key={p.id}
              class={`phase-item${current ? ' is-current' : ''}${done ? ' is-done' : ''}`}
              aria-current={current ? 'step' : undefined}
              data-testid="phase-item"
            >
              <span class="phase-index" aria-hidden="true">
                {i + 1}
              </span>
              <span class="phase-name">
                {p.title}
                <span class="visually-hidden">, {kindLabel(p.kind)}</span>
              </span>
              <span class="phase-minutes">{p.minutes} min</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
