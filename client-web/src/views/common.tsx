// Small pieces shared by the activity views.

import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { judgingWords } from '../nudge';
import type { CommandResult } from '../store';
import './common.css';

export interface Pending {
  busy: boolean;
  error: string;
  /** Runs a command; returns true when the server acknowledged it. Errors are shown by the caller. */
  run(action: () => Promise<CommandResult> | null): Promise<CommandResult | null>;
  clear(): void;
}

/** Busy and error state around one command at a time. */
export function usePending(): Pending {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  return {
    busy,
    error,
    async run(action) {
      setBusy(true);
      setError('');
      const result = await action();
      if (!alive.current) return result;
      setBusy(false);
      if (result && !result.ok) setError(result.message);
      return result;
    },
    clear: () => setError(''),
  };
}

export function InlineError({ message }: { message: string }) {
  if (!message) return null;
  return (
    <p class="inline-error small" role="alert" data-testid="inline-error">
      {message}
    </p>
  );
}

/**
 * Someone saved a newer version first: show theirs and let the person keep
 * it or put their own back on top of it.
 */
export function ConflictNote(props: { theirs: string; onKeepTheirs(): void; onRetryMine(): void }) {
  return (
    <div class="conflict" role="alert" data-testid="conflict">
      <p class="small">Someone changed this while you were editing. It now reads:</p>
      <blockquote class="conflict-current" data-testid="conflict-current">
        {props.theirs}
      </blockquote>
      <div class="row">
        <button type="button" class="btn btn-small" onClick={props.onKeepTheirs}>
          Keep theirs
        </button>
        <button
          type="button"
          class="btn btn-small btn-primary"
          onClick={props.onRetryMine}
          data-testid="conflict-retry"
        >
          Save mine over it
        </button>
      </div>
    </div>
  );
}

/** The soft low-inference suggestion under a comment box; never blocks. */
export function Nudge({ text }: { text: string }) {
  const words = judgingWords(text);
  return (
    <p class="nudge small" role="status" data-testid="nudge" hidden={words.length === 0}>
      {words.length > 0 && (
        <>
          <strong>{words.map((w) => `“${w}”`).join(', ')}</strong>{' '}
          {words.length === 1 ? 'is a judgement' : 'are judgements'}. Could you describe what you saw or heard instead —
          the student’s words, what they did?
        </>
      )}
    </p>
  );
}

/** A button that asks for a second press before doing something that cannot be undone. */
export function ConfirmButton(props: {
  label: string;
  confirmLabel: string;
  onConfirm(): void;
  class?: string;
  testid?: string;
  disabled?: boolean;
  ariaLabel?: string;
}) {
  const [armed, setArmed] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <button
      type="button"
      class={`${props.class ?? 'btn btn-small btn-danger'}${armed ? ' is-armed' : ''}`}
      disabled={props.disabled}
      aria-label={armed ? undefined : props.ariaLabel}
      data-testid={props.testid}
      onClick={() => {
        if (armed) {
          clearTimeout(timer.current);
          setArmed(false);
          props.onConfirm();
          return;
        }
        setArmed(true);
        timer.current = setTimeout(() => setArmed(false), 5000);
      }}
    >
      {armed ? props.confirmLabel : props.label}
    </button>
  );
}

export function Section(props: {
  title: string;
  id: string;
  children: ComponentChildren;
  class?: string;
  testid?: string;
}) {
  return (
    <section class={`activity-section ${props.class ?? ''}`} aria-labelledby={props.id} data-testid={props.testid}>
      <h3 id={props.id} class="section-title">
        {props.title}
      </h3>
      {props.children}
    </section>
  );
}

/** Text that a person wrote: always as text, keeping their line breaks. */
export function UserText({ text, class: cls }: { text: string; class?: string }) {
  return <span class={`user-text ${cls ?? ''}`}>{text}</span>;
}

/** The Save / Cancel pair under an in-place edit form (Save submits the form). */
export function SaveCancel(props: { disabled: boolean; onCancel(): void }) {
  return (
    <div class="row">
      <button type="submit" class="btn btn-small btn-primary" disabled={props.disabled}>
        Save
      </button>
      <button type="button" class="btn btn-small" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}

/**
 * Asks before an action that destroys or exposes something: the question says
 * what will happen and whether it can be undone; focus goes to the safe choice.
 */
export function ConfirmInline(props: {
  question: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
  testid?: string;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      class="confirm"
      role="alertdialog"
      aria-label="Confirm"
      data-testid={props.testid ?? 'confirm'}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
      }}
    >
      <p class="small">{props.question}</p>
      <div class="row">
        <button
          type="button"
          class={`btn btn-small ${props.danger ? 'btn-danger' : 'btn-primary'}`}
          disabled={props.busy}
          onClick={props.onConfirm}
          data-testid="confirm-yes"
        >
          {props.confirmLabel}
        </button>
        <button type="button" class="btn btn-small" ref={cancel} onClick={props.onCancel} data-testid="confirm-no">
          Cancel
        </button>
      </div>
    </div>
  );
}
