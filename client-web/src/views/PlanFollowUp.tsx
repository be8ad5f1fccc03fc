// "Plan the follow-up": the next session of the inquiry — a check-in on the
// adaptations, or the plan of the next conversation — with a date. The first
// time, it makes the inquiry too (its title and focal learners), and this
// browser keeps the inquiry key. The new session opens as the start page's
// do: its facilitator key kept here, the join form next.

import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { FOLLOW_UP_KINDS, MAX_LEARNERS, defaultDate, defaultLearners } from '../follow-up';
import { createInquiry, planSession } from '../inquiry-api';
import { inquiryOfSession, rememberInquiry } from '../inquiry-keys';
import { LIMITS } from '../generated/contract';
import { inquiryPath, navigate, sessionPath } from '../router';
import type { SessionStore } from '../store';
import { updateCredentials } from '../saved';
import { InlineError } from './common';
import './PlanFollowUp.css';

const TITLE_MAX = LIMITS.max_title_chars;
const LEARNER_MAX = LIMITS.max_for_whom_chars;

/** Where the plan starts from: a session not yet in an inquiry, or an inquiry this browser holds the key of. */
export type PlanFrom =
  | { kind: 'session'; code: string; sessionKey: string; title: string; learners: string[]; date: string }
  | { kind: 'inquiry'; id: string; key: string; title: string; date: string };

/**
 * What this browser can plan the session's follow-up from: the inquiry it
 * holds the key of, or the session itself for whoever may make an inquiry of
 * it (the facilitator key, or the presenter's token); null for anyone else.
 */
export function planFromSession(store: SessionStore): PlanFrom | null {
  const state = store.state.value;
  if (!state) return null;
  const known = inquiryOfSession(store.code);
  if (known) {
    return {
      kind: 'inquiry',
      id: known.id,
      key: known.inquiry.key,
      title: known.inquiry.title,
      date: defaultDate(state),
    };
  }
  // A session with focal learners is already in an inquiry, whose key this browser does not hold.
  if (state.learners.length > 0) return null;
  const sessionKey = store.exportKey();
  if (!sessionKey) return null;
  return {
    kind: 'session',
    code: store.code,
    sessionKey,
    title: state.title,
    learners: defaultLearners(state),
    date: defaultDate(state),
  };
}

/** "Part of the inquiry …": one click to its page, for a browser that holds its key. */
export function InquiryLink({ code }: { code: string }) {
  const known = inquiryOfSession(code);
  if (!known) return null;
  const path = inquiryPath(known.id);
  return (
    <p class="muted small inquiry-link" data-testid="inquiry-link">
      Part of the inquiry{' '}
      <a
        href={path}
        onClick={(e) => {
          e.preventDefault();
          navigate(path);
        }}
      >
        {known.inquiry.title || 'without a title'}
      </a>
    </p>
  );
}

export function PlanFollowUpButton(props: { from: PlanFrom; label?: string; primary?: boolean }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        type="button"
        ref={button}
        class={`btn btn-small${props.primary ? ' btn-primary' : ''}`}
        onClick={() => setOpen(true)}
        data-testid="plan-follow-up"
      >
        {props.label ?? 'Plan the follow-up'}
      </button>
      {open && (
        <PlanFollowUpDialog
          from={props.from}
          onClose={() => {
            setOpen(false);
            button.current?.focus();
          }}
        />
      )}
    </>
  );
}

function PlanFollowUpDialog({ from, onClose }: { from: PlanFrom; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  // Made once the inquiry exists, so a second try after a failure does not make another.
  const [inquiry, setInquiry] = useState(from.kind === 'inquiry' ? { id: from.id, key: from.key } : null);
  const [inquiryTitle, setInquiryTitle] = useState(from.title);
  const [learners, setLearners] = useState<string[]>(
    from.kind === 'session' && from.learners.length > 0 ? from.learners : [''],
  );
  const [template, setTemplate] = useState<string>(FOLLOW_UP_KINDS[0].template);
  const [date, setDate] = useState(from.date);
  const [title, setTitle] = useState(from.title);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  const named = learners.map((l) => l.trim()).filter(Boolean);
  const needsLearners = inquiry === null && named.length === 0;

  async function submit(e: Event) {
    e.preventDefault();
    if (busy || needsLearners) return;
    setBusy(true);
    setError('');
    try {
      let target = inquiry;
      if (!target && from.kind === 'session') {
        const made = await createInquiry(from.code, from.sessionKey, inquiryTitle, named);
        target = { id: made.inquiry, key: made.inquiry_key };
        rememberInquiry(made.inquiry, { key: made.inquiry_key, title: inquiryTitle.trim(), sessions: [from.code] });
        setInquiry(target);
      }
      if (!target) return;
      const created = await planSession(target.id, target.key, { template, title, date });
      updateCredentials(created.session, { facilitator_key: created.facilitator_key });
      rememberInquiry(target.id, { sessions: [created.session] });
      navigate(created.join_path?.startsWith('/s/') ? created.join_path : sessionPath(created.session));
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === 'conflict' && from.kind === 'session'
          ? 'This session is already part of an inquiry. Plan the next session from the inquiry’s page, on the device that made it.'
          : err instanceof ApiError
            ? err.message
            : 'Something went wrong. Please try again.',
      );
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={dialog}
      class="plan-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid="plan-dialog"
    >
      <form class="stack" onSubmit={submit}>
        <h2 id={`${id}-title`} class="plan-title">
          Plan the follow-up
        </h2>
        {inquiry === null ? (
          <p class="muted small">
            The follow-up starts from what you decided here: the adaptations with their check-in dates, the questions to
            ask, and the assumptions still open. This session and the next make one inquiry, kept on this device with
            its own key.
          </p>
        ) : (
          <p class="muted small">
            The next session of <strong>{inquiryTitle || 'this inquiry'}</strong> starts from what is still open in it.
          </p>
        )}
        {inquiry === null && (
          <>
            <label class="field">
              <span class="field-label">Inquiry title</span>
              <input
                type="text"
                maxLength={TITLE_MAX}
                value={inquiryTitle}
                placeholder="e.g. Grade 7: number lines with Student A"
                onInput={(e) => setInquiryTitle(e.currentTarget.value)}
                data-testid="plan-inquiry-title"
              />
            </label>
            <fieldset class="plan-learners">
              <legend>Focal learners (pseudonyms, 1 to {MAX_LEARNERS})</legend>
              {learners.map((l, i) => (
                <div class="row plan-learner" key={i}>
                  <label class="visually-hidden" for={`${id}-l${i}`}>
                    Learner {i + 1}
                  </label>
                  <input
                    id={`${id}-l${i}`}
                    type="text"
                    maxLength={LEARNER_MAX}
                    value={l}
                    placeholder="e.g. Student A"
                    onInput={(e) => {
                      const next = learners.slice();
                      next[i] = e.currentTarget.value;
                      setLearners(next);
                    }}
                    data-testid="plan-learner"
                  />
                  {learners.length > 1 && (
                    <button
                      type="button"
                      class="btn btn-small"
                      aria-label={`Remove learner ${i + 1}`}
                      onClick={() => setLearners(learners.filter((_, j) => j !== i))}
                    >
                      Remove
                    </button>
                  )}
                </div>
              ))}
              <button
                type="button"
                class="btn btn-small plan-add-learner"
                disabled={learners.length >= MAX_LEARNERS}
                onClick={() => setLearners([...learners, ''])}
                data-testid="plan-add-learner"
              >
                Add a learner
              </button>
              <p class="muted small">Only pseudonyms: real names stay off the server.</p>
            </fieldset>
          </>
        )}
        <fieldset class="plan-kinds">
          <legend>What kind of session</legend>
          {FOLLOW_UP_KINDS.map((k) => (
            <label key={k.template} class="check plan-kind">
              <input
                type="radio"
                name={`${id}-kind`}
                value={k.template}
                checked={template === k.template}
                onChange={() => setTemplate(k.template)}
                data-testid={`plan-kind-${k.template}`}
              />
              <span>
                <strong>{k.label}</strong>
                <span class="muted small plan-kind-hint">{k.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div class="form-row">
          <label class="field">
            <span class="field-label">Date</span>
            <input type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} data-testid="plan-date" />
          </label>
          <label class="field">
            <span class="field-label">Title of the session</span>
            <input
              type="text"
              maxLength={TITLE_MAX}
              value={title}
              onInput={(e) => setTitle(e.currentTarget.value)}
              data-testid="plan-title"
            />
          </label>
        </div>
        {needsLearners && <p class="muted small">Name at least one focal learner.</p>}
        <InlineError message={error} />
        <div class="row">
          <button type="submit" class="btn btn-primary" disabled={busy || needsLearners} data-testid="plan-submit">
            {busy ? 'Creating…' : 'Create the session'}
          </button>
          <button type="button" class="btn" onClick={onClose} data-testid="plan-cancel">
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
