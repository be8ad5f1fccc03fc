// The agenda: every phase with its planned and used minutes (as the server's
// timers tell) and the total budget. The facilitator can change minutes, add, remove and reorder
// phases, jump to one, and reveal a private phase later.

import { useState } from 'preact/hooks';
import type { NewPhase, Phase, PhaseKind } from '../protocol';
import { ConfirmInline, InlineError, usePending } from './common';
import { notesIn, revealQuestion } from './FacilitatorControls';
import { formatOver, spokenDuration, usedMs } from '../timer';
import { kindLabel, plural } from './labels';
import { useServerNow } from './useRemaining';
import { LIMITS } from '../generated/contract';
import { useStore } from './useStore';
import './PhaseList.css';

const KINDS: PhaseKind[] = ['opening', 'assumptions', 'transcript', 'discussion', 'adaptations', 'reflection', 'chart'];

function minutesText(ms: number): string {
  const m = Math.round(ms / 60_000);
  return ms > 0 && m === 0 ? '<1' : String(m);
}

export function PhaseList() {
  const store = useStore();
  const state = store.state.value!;
  const phases = state.template.phases;
  const facilitator = store.isFacilitator.value && state.status !== 'ended';
  const [editing, setEditing] = useState(false);
  const now = useServerNow(store);
  const current = phases[state.phase];
  // From the server's record of time used, so every browser shows the same:
  // the current phase's (still counting, past zero too), and those kept for
  // phases left (never counting). Resets and pauses keep what was used.
  const used = (p: Phase) => {
    if (state.status === 'lobby') return 0;
    if (p.id === current?.id) return usedMs(state.timer, now);
    return usedMs(state.phase_timers[p.id], now);
  };
  const over = (p: Phase) => Math.max(0, used(p) - p.minutes * 60_000);
  const planned = phases.reduce((sum, p) => sum + p.minutes, 0);
  const usedTotal = phases.reduce((sum, p) => sum + used(p), 0);
  const pending = usePending();
  // One question open at a time: which phase, and whether it is a removal or a reveal.
  const [asking, setAsking] = useState<{ id: string; what: 'remove' | 'reveal' } | null>(null);
  const focusTools = (id: string, what: string) =>
    (document.querySelector(`[data-phase-action="${what}-${id}"]`) as HTMLElement | null)?.focus();
  const cancel = () => {
    if (asking) focusTools(asking.id, asking.what);
    setAsking(null);
  };

  return (
    <section class="card" aria-labelledby="phases-heading">
      <div class="side-head">
        <h2 id="phases-heading" class="side-heading">
          Agenda
        </h2>
        {facilitator && (
          <button
            type="button"
            class="btn btn-tiny"
            aria-pressed={editing}
            onClick={() => setEditing(!editing)}
            data-testid="edit-agenda"
          >
            {editing ? 'Done editing' : 'Edit agenda'}
          </button>
        )}
      </div>
      <p class="side-sub muted" data-testid="agenda-budget">
        {state.template.name} · planned {planned} min
        {usedTotal > 0 ? ` · used ${minutesText(usedTotal)} min` : ''}
        {usedTotal - planned * 60_000 >= 60_000 ? ` (${formatOver(usedTotal - planned * 60_000)})` : ''}
      </p>
      <ol class="phase-list" data-testid="phase-list">
        {phases.map((p, i) => {
          const isCurrent = i === state.phase;
          const done = state.status !== 'lobby' && i < state.phase;
          const spent = used(p);
          const past = over(p);
          const canReveal =
            facilitator && state.status === 'live' && p.private && !state.revealed.includes(p.id) && i < state.phase;
          return (
            <li
              key={p.id}
              class={`phase-item${isCurrent ? ' is-current' : ''}${done ? ' is-done' : ''}`}
              aria-current={isCurrent ? 'step' : undefined}
              data-testid="phase-item"
            >
              <span class="phase-index" aria-hidden="true">
                {i + 1}
              </span>
              <span class="phase-name">
                {p.title}
                <span class="visually-hidden">, {kindLabel(p.kind)}</span>
                {p.private && <span class="phase-flag">{state.revealed.includes(p.id) ? 'revealed' : 'private'}</span>}
              </span>
              {editing ? (
                <PhaseMinutes key={p.minutes} phase={p} index={i} />
              ) : (
                <span class="phase-minutes" data-testid="phase-minutes">
                  {spent > 0 && <span class="phase-used">{minutesText(spent)} / </span>}
                  {p.minutes} min
                  {past >= 1000 && (
                    <span class="phase-over" data-testid="phase-over">
                      <span aria-hidden="true">{formatOver(past)}</span>
                      <span class="visually-hidden">, {spokenDuration(past)} over the plan</span>
                    </span>
                  )}
                </span>
              )}
              {editing && (
                <span class="phase-tools" role="group" aria-label={`Arrange ${p.title}`}>
                  <button
                    type="button"
                    class="btn btn-tiny"
                    aria-label={`Move ${p.title} earlier`}
                    disabled={i === 0}
                    onClick={() => pending.run(() => store.send({ type: 'move_phase', from: i, to: i - 1 }))}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    class="btn btn-tiny"
                    aria-label={`Move ${p.title} later`}
                    disabled={i === phases.length - 1}
                    onClick={() => pending.run(() => store.send({ type: 'move_phase', from: i, to: i + 1 }))}
                  >
                    ↓
                  </button>
                  {state.status === 'live' && !isCurrent && (
                    <button
                      type="button"
                      class="btn btn-tiny"
                      aria-label={`Go to ${p.title}`}
                      onClick={() => pending.run(() => store.send({ type: 'go_to_phase', phase: i }))}
                    >
                      Go
                    </button>
                  )}
                  <button
                    type="button"
                    class="btn btn-tiny btn-quiet-danger"
                    aria-label={`Remove ${p.title}`}
                    disabled={isCurrent || phases.length === 1}
                    data-phase-action={`remove-${p.id}`}
                    onClick={() => {
                      // Removing a phase nobody wrote in loses nothing: no question.
                      if (notesIn(store, p.id).all === 0) {
                        void pending.run(() => store.send({ type: 'remove_phase', phase: i }));
                      } else setAsking({ id: p.id, what: 'remove' });
                    }}
                    data-testid="remove-phase"
                  >
                    ✕
                  </button>
                </span>
              )}
              {canReveal && !editing && (
                <button
                  type="button"
                  class="btn btn-tiny phase-reveal"
                  data-phase-action={`reveal-${p.id}`}
                  aria-label={`Reveal ${p.title}…`}
                  onClick={() => setAsking({ id: p.id, what: 'reveal' })}
                >
                  Reveal…
                </button>
              )}
              {asking?.id === p.id && asking.what === 'remove' && editing && (
                <ConfirmInline
                  testid="confirm-remove-phase"
                  danger
                  question={`Remove “${p.title}” and ${plural(notesIn(store, p.id).all, 'note')} written in it? They leave the summary and every export, and this cannot be undone.`}
                  confirmLabel="Remove phase and notes"
                  onConfirm={() => {
                    setAsking(null);
                    const phase = phases.findIndex((q) => q.id === p.id);
                    void pending.run(() => store.send({ type: 'remove_phase', phase }));
                  }}
                  onCancel={cancel}
                />
              )}
              {asking?.id === p.id && asking.what === 'reveal' && canReveal && !editing && (
                <ConfirmInline
                  testid="confirm-reveal-phase"
                  question={`“${p.title}”: ${revealQuestion(notesIn(store, p.id).hidden)}`}
                  confirmLabel="Reveal now"
                  onConfirm={() => {
                    setAsking(null);
                    const phase = phases.findIndex((q) => q.id === p.id);
                    void pending.run(() => store.send({ type: 'reveal_phase', phase }));
                  }}
                  onCancel={cancel}
                />
              )}
            </li>
          );
        })}
      </ol>
      <InlineError message={pending.error} />
      {editing && <AddPhase />}
    </section>
  );
}

function PhaseMinutes({ phase, index }: { phase: Phase; index: number }) {
  const store = useStore();
  const [value, setValue] = useState(String(phase.minutes));
  const commit = () => {
    const n = Number(value);
    if (Number.isInteger(n) && n >= LIMITS.min_phase_minutes && n <= LIMITS.max_phase_minutes && n !== phase.minutes) {
      void store.send({ type: 'set_phase_minutes', phase: index, minutes: n });
    } else setValue(String(phase.minutes));
  };
  return (
    <label class="phase-minutes-edit">
      <input
        type="number"
        min={LIMITS.min_phase_minutes}
        max={LIMITS.max_phase_minutes}
        value={value}
        aria-label={`Minutes for ${phase.title}`}
        onInput={(e) => setValue(e.currentTarget.value)}
        onChange={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
        data-testid="phase-minutes-input"
      />
      <span aria-hidden="true">min</span>
    </label>
  );
}

function AddPhase() {
  const store = useStore();
  const state = store.state.value!;
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<PhaseKind>('discussion');
  const [minutes, setMinutes] = useState('5');
  const [prompts, setPrompts] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  const [where, setWhere] = useState<'next' | 'end'>('next');
  const pending = usePending();

  async function submit(e: Event) {
    e.preventDefault();
    const phase: NewPhase = {
      title: title.trim(),
      kind,
      minutes: Math.min(LIMITS.max_phase_minutes, Math.max(LIMITS.min_phase_minutes, Math.round(Number(minutes) || 1))),
      prompts: prompts
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean),
      private: isPrivate,
    };
    if (!phase.title) return;
    const at = where === 'end' || state.status === 'lobby' ? state.template.phases.length : state.phase + 1;
    const result = await pending.run(() => store.send({ type: 'add_phase', at, phase }));
    if (result?.ok) {
      setTitle('');
      setPrompts('');
    }
  }

  return (
    <form class="add-phase stack-sm" onSubmit={submit} data-testid="add-phase">
      <h3 class="group-title">Add a phase</h3>
      <label class="field">
        <span class="field-label">Title</span>
        <input
          type="text"
          maxLength={LIMITS.max_title_chars}
          value={title}
          onInput={(e) => setTitle(e.currentTarget.value)}
          data-testid="add-phase-title"
        />
      </label>
      <div class="form-row">
        <label class="field">
          <span class="field-label">Kind</span>
          <select class="select" value={kind} onChange={(e) => setKind(e.currentTarget.value as PhaseKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field-label">Minutes</span>
          <input
            type="number"
            min={LIMITS.min_phase_minutes}
            max={LIMITS.max_phase_minutes}
            value={minutes}
            onInput={(e) => setMinutes(e.currentTarget.value)}
          />
        </label>
      </div>
      <label class="field">
        <span class="field-label">Prompts, one per line</span>
        <textarea class="textarea" rows={2} value={prompts} onInput={(e) => setPrompts(e.currentTarget.value)} />
      </label>
      <label class="check">
        <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.currentTarget.checked)} />
        <span>Private until revealed</span>
      </label>
      {state.status !== 'lobby' && (
        <label class="field">
          <span class="field-label">Where</span>
          <select class="select" value={where} onChange={(e) => setWhere(e.currentTarget.value as 'next' | 'end')}>
            <option value="next">After the current phase</option>
            <option value="end">At the end</option>
          </select>
        </label>
      )}
      <InlineError message={pending.error} />
      <button
        type="submit"
        class="btn btn-small btn-primary"
        disabled={!title.trim() || pending.busy}
        data-testid="add-phase-submit"
      >
        Add phase
      </button>
    </form>
  );
}
