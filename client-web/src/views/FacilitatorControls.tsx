// Every facilitator control as one button, and one key each.

import { useEffect, useRef, useState } from 'preact/hooks';
import { isHidden } from '../protocol';
import type { SessionStore } from '../store';
import { plural } from './labels';
import { useRemaining } from './useRemaining';

const CONFIRM_WINDOW_MS = 4000;

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
          if (live) void store.previousPhase();
          return;
        case '+':
        case '=':
          if (live) void store.timerAdd(60);
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

export function FacilitatorControls({ store }: { store: SessionStore }) {
  useShortcuts(store);
  const state = store.state.value!;
  const live = state.status === 'live';
  const timer = state.timer.status;
  const atFirst = state.phase <= 0;
  const atLast = state.phase >= state.template.phases.length - 1;

  if (state.status === 'ended') return null;

  return (
    <div class="controls" data-testid="facilitator-controls">
      <TimeUpPrompt store={store} />
      <RevealControl store={store} />
      {state.status === 'lobby' && (
        <div class="control-row">
          <button
            type="button"
            class="btn btn-primary btn-large"
            onClick={() => store.startSession()}
            aria-keyshortcuts="Space"
            data-testid="btn-start-session"
          >
            Start session
          </button>
        </div>
      )}
      <div class="control-row" role="group" aria-label="Timer">
        <TimerToggle store={store} disabled={!live} />
        <button
          type="button"
          class="btn"
          disabled={!live}
          onClick={() => store.timerAdd(60)}
          aria-keyshortcuts="+"
          data-testid="btn-add-minute"
        >
          +1 min
        </button>
        <button
          type="button"
          class="btn"
          disabled={!live || timer === 'idle'}
          onClick={() => store.timerReset()}
          data-testid="btn-reset"
        >
          Reset
        </button>
      </div>
      <div class="control-row" role="group" aria-label="Phases">
        <button
          type="button"
          class="btn"
          disabled={!live || atFirst}
          onClick={() => store.previousPhase()}
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
        <EndSession store={store} />
      </div>
      <p class="shortcuts muted">
        Keys: <kbd>Space</kbd> {state.status === 'lobby' ? 'start session' : 'start / pause / resume'} ·{' '}
        <kbd>N</kbd> next · <kbd>B</kbd> back · <kbd>+</kbd> add a minute
      </p>
    </div>
  );
}

function TimerToggle({ store, disabled }: { store: SessionStore; disabled: boolean }) {
  const timer = store.state.value!.timer.status;
  // One button whose job changes, so focus stays on it from click to click.
  const [label, testid, action] =
    timer === 'running'
      ? ['Pause', 'btn-pause', store.timerPause]
      : timer === 'paused'
        ? ['Resume', 'btn-resume', store.timerResume]
        : ['Start timer', 'btn-start-timer', store.timerStart];
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

/** Ending cannot be undone, so it asks for a second click within a few seconds. */
function EndSession({ store }: { store: SessionStore }) {
  const [armed, setArmed] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  function click() {
    if (armed) {
      clearTimeout(timer.current);
      setArmed(false);
      void store.endSession();
      return;
    }
    setArmed(true);
    timer.current = setTimeout(() => setArmed(false), CONFIRM_WINDOW_MS);
  }

  return (
    <button
      type="button"
      class={`btn btn-danger${armed ? ' is-armed' : ''}`}
      onClick={click}
      data-testid="btn-end"
    >
      {armed ? 'Click again to end' : 'End session'}
    </button>
  );
}

/** A clear prompt when the phase's time has run out; nothing advances by itself. */
function TimeUpPrompt({ store }: { store: SessionStore }) {
  const state = store.state.value!;
  const ms = useRemaining(store);
  const phase = store.currentPhase.value;
  const up = state.status === 'live' && (state.timer.status === 'expired' || (state.timer.status === 'running' && ms === 0));
  if (!up || !phase) return null;
  const atLast = state.phase >= state.template.phases.length - 1;
  return (
    <div class="time-up" role="alert" data-testid="time-up">
      <p>
        <strong>Time is up for “{phase.title}”.</strong>{' '}
        {phase.auto_advance && !atLast ? 'The session moves on by itself.' : 'Move on when the group is ready, or add time.'}
      </p>
      <div class="row">
        {!atLast && (
          <button type="button" class="btn btn-small btn-primary" onClick={() => store.nextPhase()} data-testid="time-up-next">
            Next phase
          </button>
        )}
        <button type="button" class="btn btn-small" onClick={() => store.timerAdd(60)}>
          +1 min
        </button>
        <button type="button" class="btn btn-small" onClick={() => store.timerAdd(300)}>
          +5 min
        </button>
      </div>
    </div>
  );
}

/** In a private phase: everyone's notes stay with their authors until this. */
function RevealControl({ store }: { store: SessionStore }) {
  const state = store.state.value!;
  const phase = store.currentPhase.value;
  const [busy, setBusy] = useState(false);
  if (!phase?.private || state.revealed.includes(phase.id) || state.status !== 'live') return null;
  const hidden =
    state.entries.filter((e) => e.phase === phase.id && isHidden(e)).length +
    state.annotations.filter((a) => a.phase === phase.id && isHidden(a)).length;
  return (
    <div class="reveal" data-testid="reveal-control">
      <p class="small">
        Notes in this phase are private until you reveal them
        {hidden > 0 ? ` · ${plural(hidden, 'private note')} from others so far` : ''}.
      </p>
      <button
        type="button"
        class="btn btn-primary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          await store.revealPhase(state.phase);
          setBusy(false);
        }}
        data-testid="btn-reveal"
      >
        Reveal everyone’s notes
      </button>
    </div>
  );
}

const UNDO_WINDOW_MS = 12_000;

/** After an advance, one click takes the group back. */
export function UndoToast({ store }: { store: SessionStore }) {
  const advance = store.lastAdvance.value;
  useEffect(() => {
    if (!advance) return;
    const t = setTimeout(() => store.dismissAdvance(), UNDO_WINDOW_MS);
    return () => clearTimeout(t);
  }, [advance?.key]);
  if (!advance) return null;
  return (
    <div class="toast" role="status" data-testid="undo-toast">
      <span>
        Moved on to “{advance.toTitle}”.
      </span>
      <button type="button" class="btn btn-small" onClick={() => store.undoAdvance()} data-testid="btn-undo-advance">
        Undo
      </button>
      <button type="button" class="btn btn-small btn-quiet" aria-label="Dismiss" onClick={() => store.dismissAdvance()}>
        ×
      </button>
    </div>
  );
}
