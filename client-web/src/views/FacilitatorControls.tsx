// Every facilitator control as one button, and one key each.

import { useEffect, useRef, useState } from 'preact/hooks';
import { isHidden } from '../protocol';
import type { SessionStore } from '../store';
import { ConfirmInline } from './common';
import { plural } from './labels';
import { useRemaining } from './useRemaining';
import { useStore } from './useStore';
import './FacilitatorControls.css';

/** True when a key press belongs to a text field, not to the shortcuts. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

const CONTROL = 'button, a, summary, [role="button"]';

/**
 * Space on a button or link reached with the keyboard activates that control.
 * A button clicked with the mouse keeps focus too; there Space stays the
 * facilitator's start/pause key rather than repeating the click.
 */
function spaceBelongsToTarget(target: EventTarget | null, clicked: Element | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const control = target.closest(CONTROL);
  return control !== null && control !== clicked;
}

function useShortcuts(store: SessionStore) {
  useEffect(() => {
    // The control last focused by a pointer rather than by Tab.
    let clicked: Element | null = null;
    function onPointerDown(e: PointerEvent) {
      clicked = e.target instanceof Element ? e.target.closest(CONTROL) : null;
    }
    function onKey(e: KeyboardEvent) {
      if (e.key === 'Tab') clicked = null;
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      if (isTyping(e.target)) return;
      const s = store.state.value;
      if (!s || s.status === 'ended') return;
      const live = s.status === 'live';
      switch (e.key) {
        case ' ':
        case 'Spacebar':
          if (spaceBelongsToTarget(e.target, clicked)) return;
          e.preventDefault();
          void store.primaryAction();
          return;
        case 'n':
        case 'N':
          if (live) void store.nextPhase();
          return;
        case 'b':
        case 'B':
          if (live) void store.send({ type: 'previous_phase' });
          return;
        case '+':
        case '=':
          if (live) void store.send({ type: 'timer_add', seconds: 60 });
          return;
        default:
          return;
      }
    }
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('keydown', onKey);
    };
  }, [store]);
}

export function FacilitatorControls() {
  const store = useStore();
  useShortcuts(store);
  const state = store.state.value!;
  const live = state.status === 'live';
  const timer = state.timer.status;
  const atFirst = state.phase <= 0;
  const atLast = state.phase >= state.template.phases.length - 1;

  if (state.status === 'ended') return null;

  return (
    <div class="controls" data-testid="facilitator-controls">
      <TimeUpPrompt />
      <RevealControl />
      {state.status === 'lobby' && (
        <div class="control-row">
          <button
            type="button"
            class="btn btn-primary btn-large"
            onClick={async () => {
              const result = await store.send({ type: 'start_session' });
              // The start button is gone: the next thing to do is start the clock.
              if (result.ok) (document.querySelector('[data-testid="btn-start-timer"]') as HTMLElement | null)?.focus();
            }}
            aria-keyshortcuts="Space"
            data-testid="btn-start-session"
          >
            Start session
          </button>
        </div>
      )}
      <div class="control-row" role="group" aria-label="Timer">
        <TimerToggle disabled={!live} />
        <button
          type="button"
          class="btn"
          disabled={!live}
          onClick={() => store.send({ type: 'timer_add', seconds: 60 })}
          aria-keyshortcuts="+"
          data-testid="btn-add-minute"
        >
          +1 min
        </button>
        <ResetTimer disabled={!live || timer === 'idle'} />
      </div>
      <div class="control-row" role="group" aria-label="Phases">
        <button
          type="button"
          class="btn"
          disabled={!live || atFirst}
          onClick={() => store.send({ type: 'previous_phase' })}
          aria-keyshortcuts="B"
          data-testid="btn-previous"
          aria-label="Previous phase"
        >
          ← Previous<span class="hide-narrow"> phase</span>
        </button>
        <button
          type="button"
          class="btn"
          disabled={!live || atLast}
          onClick={() => store.nextPhase()}
          aria-keyshortcuts="N"
          data-testid="btn-next"
          aria-label="Next phase"
        >
          Next<span class="hide-narrow"> phase</span> →
        </button>
        <EndSession />
      </div>
      <p class="shortcuts muted">
        Keys: <kbd>Space</kbd> {state.status === 'lobby' ? 'start session' : 'start / pause / resume'} · <kbd>N</kbd>{' '}
        next · <kbd>B</kbd> back · <kbd>+</kbd> add a minute
      </p>
    </div>
  );
}

function TimerToggle({ disabled }: { disabled: boolean }) {
  const store = useStore();
  const timer = store.state.value!.timer.status;
  // One button whose job changes, so focus stays on it from click to click.
  const [label, testid, action] =
    timer === 'running'
      ? ['Pause', 'btn-pause', () => store.send({ type: 'timer_pause' })]
      : timer === 'paused'
        ? ['Resume', 'btn-resume', () => store.send({ type: 'timer_resume' })]
        : ['Start timer', 'btn-start-timer', () => store.send({ type: 'timer_start' })];
  return (
    <button
      type="button"
      class="btn btn-primary"
      disabled={disabled}
      onClick={() => action()}
      aria-keyshortcuts="Space"
      data-testid={testid}
    >
      {label}
    </button>
  );
}

/** A button that asks first; the question comes up in place of nothing, under the row. */
function useAsk() {
  const [asking, setAsking] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const close = () => {
    setAsking(false);
    opener.current?.focus();
  };
  return { asking, open: () => setAsking(true), close, done: () => setAsking(false), opener };
}

/** A reset gives the phase its planned time again; the time used stays in the agenda. */
function ResetTimer({ disabled }: { disabled: boolean }) {
  const store = useStore();
  const ask = useAsk();
  const minutes = store.currentPhase.value?.minutes ?? 0;
  return (
    <>
      <button
        type="button"
        class="btn"
        disabled={disabled}
        ref={ask.opener}
        aria-expanded={ask.asking}
        onClick={ask.open}
        data-testid="btn-reset"
      >
        Reset
      </button>
      {ask.asking && !disabled && (
        <ConfirmInline
          testid="confirm-reset"
          question={`Set the clock back to ${plural(minutes, 'minute')}? The time used so far stays in the agenda.`}
          confirmLabel="Reset the clock"
          onConfirm={() => {
            ask.close();
            void store.send({ type: 'timer_reset' });
          }}
          onCancel={ask.close}
        />
      )}
    </>
  );
}

/** Ending cannot be undone, so it says so and asks first. */
function EndSession() {
  const store = useStore();
  const ask = useAsk();
  return (
    <>
      <button
        type="button"
        class="btn btn-danger"
        ref={ask.opener}
        aria-expanded={ask.asking}
        onClick={ask.open}
        data-testid="btn-end"
      >
        End session
      </button>
      {ask.asking && (
        <ConfirmInline
          testid="confirm-end"
          danger
          question="End the session for everyone? Nobody can write after this, and it cannot be undone. The summary and exports stay."
          confirmLabel="End the session"
          onConfirm={() => {
            ask.done();
            void store.send({ type: 'end_session' });
          }}
          onCancel={ask.close}
        />
      )}
    </>
  );
}

/** A clear prompt when the phase's time has run out; nothing advances by itself. */
function TimeUpPrompt() {
  const store = useStore();
  const state = store.state.value!;
  const ms = useRemaining(store);
  const phase = store.currentPhase.value;
  const up =
    state.status === 'live' && (state.timer.status === 'expired' || (state.timer.status === 'running' && ms === 0));
  if (!up || !phase) return null;
  const atLast = state.phase >= state.template.phases.length - 1;
  return (
    <div class="time-up" role="alert" data-testid="time-up">
      <p>
        <strong>Time is up for “{phase.title}”.</strong>{' '}
        {phase.auto_advance && !atLast
          ? 'The session moves on by itself.'
          : 'Move on when the group is ready, or add time.'}
      </p>
      <div class="row">
        {!atLast && (
          <button
            type="button"
            class="btn btn-small btn-primary"
            onClick={() => store.nextPhase()}
            data-testid="time-up-next"
          >
            Next phase
          </button>
        )}
        <button type="button" class="btn btn-small" onClick={() => store.send({ type: 'timer_add', seconds: 60 })}>
          +1 min
        </button>
        <button type="button" class="btn btn-small" onClick={() => store.send({ type: 'timer_add', seconds: 300 })}>
          +5 min
        </button>
      </div>
    </div>
  );
}

/** Every note written in a phase, the facilitator's own included, hidden or not. */
export function notesIn(store: SessionStore, phaseId: string): { all: number; hidden: number } {
  const s = store.state.value!;
  const own = [...s.entries, ...s.annotations].filter((n) => n.phase === phaseId);
  return { all: own.length, hidden: own.filter((n) => isHidden(n)).length };
}

/** The question before a reveal: it cannot be taken back, and it says what it shows. */
export function revealQuestion(hidden: number): string {
  return hidden > 0
    ? `Show ${plural(hidden, 'private note')} from others to everyone? A reveal cannot be undone.`
    : 'Nobody else has written here yet. Reveal anyway? A reveal cannot be undone; later notes are shown as they come.';
}

/**
 * In a private phase: everyone's notes stay with their authors until this.
 * Quiet until there is something to reveal, and it asks first.
 */
function RevealControl() {
  const store = useStore();
  const state = store.state.value!;
  const phase = store.currentPhase.value;
  const ask = useAsk();
  const [busy, setBusy] = useState(false);
  if (!phase?.private || state.revealed.includes(phase.id) || state.status !== 'live') return null;
  const { hidden } = notesIn(store, phase.id);
  return (
    <div class="reveal" data-testid="reveal-control">
      <p class="small">
        Notes in this phase are private until you reveal them
        {hidden > 0 ? ` · ${plural(hidden, 'private note')} from others so far` : ' · nobody else has written yet'}.
      </p>
      <button
        type="button"
        class={`btn ${hidden > 0 ? 'btn-primary' : 'btn-small'}`}
        disabled={busy}
        ref={ask.opener}
        aria-expanded={ask.asking}
        onClick={ask.open}
        data-testid="btn-reveal"
      >
        Reveal everyone’s notes…
      </button>
      {ask.asking && (
        <ConfirmInline
          testid="confirm-reveal"
          question={revealQuestion(hidden)}
          confirmLabel="Reveal now"
          busy={busy}
          onConfirm={async () => {
            setBusy(true);
            const result = await store.send({ type: 'reveal_phase', phase: state.phase });
            setBusy(false);
            ask.done();
            // The control is gone once revealed: the person lands on the phase they revealed.
            if (result?.ok) document.getElementById('phase-title')?.focus();
            else ask.opener.current?.focus();
          }}
          onCancel={ask.close}
        />
      )}
    </div>
  );
}

const UNDO_WINDOW_MS = 12_000;

/** After an advance, one click takes the group back. */
export function UndoToast() {
  const store = useStore();
  const advance = store.lastAdvance.value;
  useEffect(() => {
    if (!advance) return;
    const t = setTimeout(() => store.dismissAdvance(), UNDO_WINDOW_MS);
    return () => clearTimeout(t);
  }, [advance?.key]);
  if (!advance) return null;
  return (
    <div class="toast" role="status" data-testid="undo-toast">
      <span>Moved on to “{advance.toTitle}”.</span>
      <button type="button" class="btn btn-small" onClick={() => store.undoAdvance()} data-testid="btn-undo-advance">
        Undo
      </button>
      <button type="button" class="btn btn-small btn-quiet" aria-label="Dismiss" onClick={() => store.dismissAdvance()}>
        ×
      </button>
    </div>
  );
}
