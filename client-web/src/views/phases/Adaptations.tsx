// Adaptations to practice: what the presenter will change, for whom, on
// what evidence, when they will check in and what they will ask next time.
// Colleagues suggest; the presenter accepts, edits or declines.

import { formatDate } from '../../dates';
import { useState } from 'preact/hooks';
import type { Adaptation, AdaptationFields, SessionState } from '../../protocol';
import type { CommandResult } from '../../store';
import { ConflictNote, InlineError, Section, UserText, usePending } from '../common';
import { EvidenceList, EvidencePicker } from '../EvidencePicker';
import { useKeepUnsent } from '../useKeepUnsent';
import { WaitingList } from '../Waiting';
import { LIMITS } from '../../generated/contract';
import { useStore } from '../useStore';
import { useVersionedEdit, type VersionedEdit } from '../useVersionedEdit';
import './Adaptations.css';

const CHANGE_MAX = LIMITS.max_adaptation_chars;
const FOR_WHOM_MAX = LIMITS.max_for_whom_chars;
const FOLLOW_UP_MAX = LIMITS.max_follow_up_chars;
const MAX_FOLLOW_UPS = LIMITS.max_follow_ups;
const ALL = 'all learners';

const emptyFields = (): AdaptationFields => ({ change: '', for_whom: '', evidence: [], check_in: '', follow_ups: [] });

/** Pseudonyms of the students in the transcript: the usual "for whom". */
function studentPseudonyms(state: SessionState): string[] {
  const names = (state.transcript?.lines ?? []).filter((l) => l.role === 'student').map((l) => l.speaker);
  return [...new Set(names)];
}

export function AdaptationsPanel() {
  const store = useStore();
  const state = store.state.value!;
  const presenter = store.isPresenter.value;
  const canAdd = store.can('adaptation_add');
  const accepted = state.adaptations.filter((a) => a.status === 'accepted');
  const suggested = state.adaptations.filter((a) => a.status === 'suggested');
  const declined = state.adaptations.filter((a) => a.status === 'declined');
  const waiting = store.waitingOf('adaptation_add').map((m) => ({ id: m.id, text: m.change }));
  return (
    <div class="adaptations" data-testid="adaptations">
      <Section title="Adaptations to practice" id="adaptations-heading">
        {accepted.length === 0 ? (
          <p class="muted small empty">No adaptations yet.</p>
        ) : (
          <ul class="card-list">
            {accepted.map((a) => (
              <AdaptationCard key={a.id} adaptation={a} />
            ))}
          </ul>
        )}
      </Section>
      {suggested.length > 0 && (
        <Section title={presenter ? 'Suggestions to decide on' : 'Suggestions'} id="suggestions-heading">
          <ul class="card-list">
            {suggested.map((a) => (
              <AdaptationCard key={a.id} adaptation={a} />
            ))}
          </ul>
        </Section>
      )}
      {canAdd && (
        <Section title={presenter ? 'Add an adaptation' : 'Suggest an adaptation'} id="add-adaptation-heading">
          {!presenter && <p class="muted small">The presenter decides whether to take it on.</p>}
          <WaitingList items={waiting} />
          <AdaptationForm
            initial={emptyFields()}
            submitLabel={presenter ? 'Add adaptation' : 'Suggest'}
            onSubmit={(fields) => store.write({ type: 'adaptation_add', ...fields })}
            adding
          />
        </Section>
      )}
      {declined.length > 0 && (
        <details class="declined">
          <summary>{declined.length} declined</summary>
          <ul class="card-list">
            {declined.map((a) => (
              <AdaptationCard key={a.id} adaptation={a} />
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function AdaptationCard({ adaptation: a }: { adaptation: Adaptation }) {
  const store = useStore();
  const state = store.state.value!;
  const presenter = store.isPresenter.value;
  const mine = a.author === store.you.value;
  const edit = useVersionedEdit(a);
  const pending = usePending();
  const canChange = presenter || (mine && a.status === 'suggested');
  const author = state.participants.find((p) => p.id === a.author);
  const decide = (accept: boolean) =>
    store.send({ type: 'adaptation_decide', adaptation: a.id, accept, version: a.version });

  if (edit.editing) {
    return (
      <li class="adaptation-card is-editing" data-testid="adaptation">
        <AdaptationForm
          initial={{ ...a, for_whom: a.for_whom === ALL ? '' : a.for_whom }}
          edit={edit}
          submitLabel="Save changes"
          onSubmit={(fields, version) =>
            store.send(
              { type: 'adaptation_edit', adaptation: a.id, version: version ?? edit.base, ...fields },
              { quiet: true },
            )
          }
          onDone={edit.stop}
        />
      </li>
    );
  }

  return (
    <li class={`adaptation-card is-${a.status}`} data-testid="adaptation" data-adaptation={a.id}>
      <p class="adaptation-change">
        <UserText text={a.change} />
      </p>
      <dl class="facts small">
        <div>
          <dt>For</dt>
          <dd data-testid="adaptation-for">{a.for_whom || ALL}</dd>
        </div>
        {a.check_in && (
          <div>
            <dt>Check in</dt>
            <dd data-testid="adaptation-check-in">{formatDate(a.check_in)}</dd>
          </div>
        )}
        {author && author.role !== 'presenter' && (
          <div>
            <dt>{a.status === 'suggested' ? 'Suggested by' : 'From'}</dt>
            <dd>{author.name}</dd>
          </div>
        )}
      </dl>
      {a.follow_ups.length > 0 && (
        <div class="small">
          <p class="facts-label">Ask next time</p>
          <ul class="follow-ups">
            {a.follow_ups.map((q, i) => (
              <li key={i}>
                <UserText text={q} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {a.evidence.length > 0 && (
        <div class="small">
          <p class="facts-label">Evidence</p>
          <EvidenceList state={state} refs={a.evidence} />
        </div>
      )}
      <div class="row">
        {presenter && a.status === 'suggested' && (
          <>
            <button
              type="button"
              class="btn btn-small btn-primary"
              disabled={pending.busy}
              onClick={() => pending.run(() => decide(true))}
              data-testid="adaptation-accept"
            >
              Accept
            </button>
            <button
              type="button"
              class="btn btn-small"
              disabled={pending.busy}
              onClick={() => pending.run(() => decide(false))}
              data-testid="adaptation-decline"
            >
              Decline
            </button>
          </>
        )}
        {canChange && a.status !== 'declined' && (
          <button
            type="button"
            class="btn btn-small"
            onClick={() => {
              // A fresh form, as before: no error left from an earlier attempt.
              edit.pending.clear();
              edit.begin();
            }}
            data-testid="adaptation-edit"
          >
            Edit
          </button>
        )}
        {canChange && (
          <button
            type="button"
            class="btn btn-small btn-quiet-danger"
            disabled={pending.busy}
            onClick={() => pending.run(() => store.send({ type: 'adaptation_remove', adaptation: a.id }))}
          >
            Remove
          </button>
        )}
      </div>
      <InlineError message={pending.error} />
    </li>
  );
}

function AdaptationForm(props: {
  initial: AdaptationFields;
  /** Editing an adaptation the session has (absent when adding one). */
  edit?: VersionedEdit<Adaptation>;
  submitLabel: string;
  onSubmit(fields: AdaptationFields, version?: number): Promise<CommandResult>;
  onDone?(): void;
  /** A new adaptation: cleared as soon as it is sent (it shows as waiting; a refusal comes back as a draft). */
  adding?: boolean;
}) {
  const store = useStore();
  const state = store.state.value!;
  const [fields, setFields] = useState<AdaptationFields>(props.initial);
  const own = usePending();
  const pending = props.edit?.pending ?? own;
  const conflict = props.edit?.conflict ?? null;
  const pseudonyms = studentPseudonyms(state);
  const known = fields.for_whom === '' || pseudonyms.includes(fields.for_whom);
  const [custom, setCustom] = useState(!known);
  const set = (change: Partial<AdaptationFields>) => setFields((f) => ({ ...f, ...change }));
  const uid = `ad-${props.edit?.base ?? 'new'}-${props.initial.change.length}`;

  const clean = (): AdaptationFields => ({
    change: fields.change.trim(),
    for_whom: fields.for_whom.trim(),
    evidence: fields.evidence,
    check_in: fields.check_in,
    follow_ups: fields.follow_ups.map((q) => q.trim()).filter(Boolean),
  });
  useKeepUnsent(store, () => (props.adding && fields.change.trim() ? { type: 'adaptation_add', ...clean() } : null));

  async function submit(version?: number) {
    const sent = clean();
    if (!sent.change) return;
    if (props.adding) {
      setFields(props.initial);
      setCustom(false);
    }
    if (props.edit) {
      await props.edit.save((v) => props.onSubmit(sent, v), version);
      return;
    }
    const result = await pending.run(() => props.onSubmit(sent, version));
    if (result?.ok) props.onDone?.();
  }

  return (
    <form
      class="adaptation-form stack"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      data-testid="adaptation-form"
    >
      <label class="field">
        <span class="field-label">What will change in practice</span>
        <textarea
          class="textarea"
          rows={2}
          maxLength={CHANGE_MAX}
          required
          value={fields.change}
          onInput={(e) => set({ change: e.currentTarget.value })}
          data-testid="adaptation-change"
        />
      </label>
      <div class="form-row">
        <label class="field">
          <span class="field-label">For whom</span>
          <select
            class="select"
            value={custom ? '__custom' : fields.for_whom}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (v === '__custom') {
                setCustom(true);
                set({ for_whom: '' });
              } else {
                setCustom(false);
                set({ for_whom: v });
              }
            }}
            data-testid="adaptation-for-whom"
          >
            <option value="">All learners</option>
            {pseudonyms.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
            <option value="__custom">Another pseudonym…</option>
          </select>
        </label>
        {custom && (
          <label class="field">
            <span class="field-label">Pseudonym</span>
            <input
              type="text"
              maxLength={FOR_WHOM_MAX}
              value={fields.for_whom}
              placeholder="e.g. Student B"
              onInput={(e) => set({ for_whom: e.currentTarget.value })}
              data-testid="adaptation-for-whom-custom"
            />
          </label>
        )}
        <label class="field">
          <span class="field-label">Check in on</span>
          <input
            type="date"
            class="input-date"
            value={fields.check_in}
            onInput={(e) => set({ check_in: e.currentTarget.value })}
            data-testid="adaptation-check-in"
          />
        </label>
      </div>
      <fieldset class="follow-up-fields">
        <legend>Questions to ask the student next time</legend>
        {fields.follow_ups.map((q, i) => (
          <div class="row follow-up-row" key={i}>
            <label class="visually-hidden" for={`${uid}-q${i}`}>
              Question {i + 1}
            </label>
            <input
              id={`${uid}-q${i}`}
              type="text"
              maxLength={FOLLOW_UP_MAX}
              value={q}
              onInput={(e) => {
                const next = fields.follow_ups.slice();
                next[i] = e.currentTarget.value;
                set({ follow_ups: next });
              }}
              data-testid="adaptation-follow-up"
            />
            <button
              type="button"
              class="btn btn-small"
              aria-label={`Remove question ${i + 1}`}
              onClick={() => set({ follow_ups: fields.follow_ups.filter((_, j) => j !== i) })}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          class="btn btn-small"
          disabled={fields.follow_ups.length >= MAX_FOLLOW_UPS}
          onClick={() => set({ follow_ups: [...fields.follow_ups, ''] })}
          data-testid="adaptation-add-follow-up"
        >
          Add a question
        </button>
      </fieldset>
      <EvidencePicker state={state} value={fields.evidence} onChange={(evidence) => set({ evidence })} />
      {conflict && (
        <ConflictNote
          theirs={conflict.change}
          onKeepTheirs={() => props.onDone?.()}
          onRetryMine={() => void submit(conflict.version)}
        />
      )}
      <InlineError message={pending.error} />
      <div class="row">
        <button
          type="submit"
          class="btn btn-primary"
          disabled={(pending.busy && !props.adding) || !fields.change.trim()}
          data-testid="adaptation-submit"
        >
          {props.submitLabel}
        </button>
        {props.onDone && (
          <button type="button" class="btn" onClick={props.onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
