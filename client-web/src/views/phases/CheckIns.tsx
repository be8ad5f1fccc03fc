// The check-in phase of a follow-up: one card per adaptation and question
// the earlier sessions handed on. The presenter records whether it was tried
// (asked), what happened (what the learner said), the evidence — lines and
// annotations of the new transcript, or a note in words — and the decision:
// keep it, adjust it (with the new text), or drop it. Everyone else reads the
// cards and asks and suggests in the phase's notes beside them.

import { useState } from 'preact/hooks';
import type { CarriedItem, CheckIn } from '../../protocol';
import { LIMITS } from '../../generated/contract';
import { ConflictNote, InlineError, Section, UserText } from '../common';
import { EvidenceList, EvidencePicker } from '../EvidencePicker';
import { CarriedFacts } from '../FromLastTime';
import { DECISION_SAID, TRIED_LABEL } from '../labels';
import { TranscriptReader } from '../transcript/Reader';
import { useStore } from '../useStore';
import { useVersionedEdit, type VersionedEdit } from '../useVersionedEdit';
import { BoardReview } from './BoardReview';
import { EntriesPanel } from './Entries';
import './CheckIns.css';

type Tried = CheckIn['tried'];
type Decision = CheckIn['decision'];

const TRIED: Tried[] = ['yes', 'partly', 'not_yet'];
const DECISIONS: Decision[] = ['keep', 'adjust', 'drop'];

const DECISION_LABEL: Record<Decision, string> = { keep: 'Keep', adjust: 'Adjust', drop: 'Drop' };

interface Fields {
  /** Unset until the presenter says: a check-in records what they saw, never a default. */
  tried: Tried | null;
  happened: string;
  evidence: string[];
  note: string;
  decision: Decision;
  adjusted: string;
}

/** A carried item with no check-in yet, for the versioned edit: the first save sends version 0. */
const NONE = { version: 0 };

export function CheckInsPanel() {
  const store = useStore();
  const state = store.state.value!;
  const items = state.carried.filter((c) => c.kind === 'adaptation' || c.kind === 'question');
  const done = items.filter((c) => state.check_ins.some((k) => k.thread === c.thread)).length;
  return (
    <div class="check-ins" data-testid="check-ins">
      <Section title="Check in on each adaptation and question" id="check-ins-heading">
        {items.length === 0 ? (
          <p class="muted small empty">Nothing was carried into this session to check in on.</p>
        ) : (
          <>
            <p class="muted small" data-testid="check-ins-count">
              {done} of {items.length} checked in.
              {store.isPresenter.value ? '' : ' The presenter records each check-in; suggest in the notes below.'}
            </p>
            <ul class="card-list">
              {items.map((item) => (
                <CheckInCard key={item.thread} item={item} />
              ))}
            </ul>
          </>
        )}
      </Section>
      <EntriesPanel mode="list" />
      <BoardReview open={false} />
      {state.transcript && (
        <details class="more transcript-more">
          <summary>Transcript and annotations</summary>
          <TranscriptReader />
        </details>
      )}
    </div>
  );
}

function CheckInCard({ item }: { item: CarriedItem }) {
  const store = useStore();
  const state = store.state.value!;
  const current = state.check_ins.find((k) => k.thread === item.thread) ?? null;
  const edit = useVersionedEdit<{ version: number }>(current ?? NONE);
  const presenter = store.isPresenter.value && store.can('check_in_save');
  const kind = item.kind === 'question' ? 'question' : 'adaptation';
  const editing = presenter && edit.editing;

  return (
    <li
      class={`check-in-card${current ? ' is-checked' : ''}`}
      data-testid="check-in-card"
      data-thread={item.thread}
      data-kind={kind}
    >
      <p class="check-in-kind small">{kind === 'question' ? 'Question to ask' : 'Adaptation'}</p>
      <p class="check-in-text" data-testid="check-in-text">
        <UserText text={item.text} />
      </p>
      <CarriedFacts item={item} />
      {editing ? (
        <CheckInForm item={item} current={current} edit={edit} />
      ) : current ? (
        <CheckInRecord item={item} checkIn={current} onEdit={presenter ? () => edit.begin() : undefined} />
      ) : presenter ? (
        <div class="row check-in-start">
          <button
            type="button"
            class="btn btn-small btn-primary"
            onClick={() => edit.begin()}
            data-testid="check-in-start"
          >
            {kind === 'question' ? 'Check in on this question' : 'Check in on this adaptation'}
          </button>
        </div>
      ) : (
        <p class="muted small" data-testid="check-in-none">
          Not checked in yet.
        </p>
      )}
    </li>
  );
}

function CheckInRecord(props: { item: CarriedItem; checkIn: CheckIn; onEdit?(): void }) {
  const { item, checkIn } = props;
  const store = useStore();
  const state = store.state.value!;
  const kind = item.kind === 'question' ? 'question' : 'adaptation';
  return (
    <div class="check-in-record" data-testid="check-in-record">
      <p class="check-in-outcome">
        <span class={`pill check-in-tried tried-${checkIn.tried}`} data-testid="check-in-tried">
          {TRIED_LABEL[kind][checkIn.tried]}
        </span>{' '}
        <span class={`pill check-in-decision decision-${checkIn.decision}`} data-testid="check-in-decision">
          {DECISION_SAID[checkIn.decision]}
        </span>
      </p>
      {checkIn.decision === 'adjust' && checkIn.adjusted && (
        <p class="small">
          <span class="facts-label">Now: </span>
          <UserText text={checkIn.adjusted} />
        </p>
      )}
      {checkIn.happened && (
        <div class="small">
          <p class="facts-label">{kind === 'question' ? 'What the learner said' : 'What happened'}</p>
          <p>
            <UserText text={checkIn.happened} />
          </p>
        </div>
      )}
      {(checkIn.evidence.length > 0 || checkIn.note) && (
        <div class="small">
          <p class="facts-label">Evidence</p>
          <EvidenceList state={state} refs={checkIn.evidence} />
          {checkIn.note && (
            <p>
              <UserText text={checkIn.note} />
            </p>
          )}
        </div>
      )}
      {props.onEdit && (
        <div class="row">
          <button type="button" class="btn btn-small" onClick={props.onEdit} data-testid="check-in-edit">
            Edit
          </button>
        </div>
      )}
    </div>
  );
}

function CheckInForm(props: { item: CarriedItem; current: CheckIn | null; edit: VersionedEdit<{ version: number }> }) {
  const { item, current, edit } = props;
  const store = useStore();
  const state = store.state.value!;
  const phase = store.currentPhase.value?.id ?? '';
  const kind = item.kind === 'question' ? 'question' : 'adaptation';
  const [fields, setFields] = useState<Fields>(() => ({
    tried: current?.tried ?? null,
    happened: current?.happened ?? '',
    evidence: current?.evidence ?? [],
    note: current?.note ?? '',
    decision: current?.decision ?? 'keep',
    adjusted: current?.adjusted || item.text,
  }));
  const set = (change: Partial<Fields>) => setFields((f) => ({ ...f, ...change }));
  const uid = `ci-${item.thread.replace(/[^\w-]/gu, '-')}`;
  const conflict = edit.conflict as CheckIn | null;
  const adjustedMissing = fields.decision === 'adjust' && !fields.adjusted.trim();
  const incomplete = fields.tried === null || adjustedMissing;

  function save(version?: number) {
    const tried = fields.tried;
    if (tried === null || adjustedMissing) return;
    void edit.save(
      (v) =>
        store.send(
          {
            type: 'check_in_save',
            phase,
            thread: item.thread,
            tried,
            happened: fields.happened.trim(),
            evidence: fields.evidence,
            note: fields.note.trim(),
            decision: fields.decision,
            ...(fields.decision === 'adjust' ? { adjusted: fields.adjusted.trim() } : {}),
            version: v,
          },
          { quiet: true },
        ),
      version,
    );
  }

  return (
    <form
      class="check-in-form stack"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      data-testid="check-in-form"
    >
      <Choice
        legend={kind === 'question' ? 'Asked?' : 'Tried?'}
        name={`${uid}-tried`}
        options={TRIED.map((t) => ({ value: t, label: TRIED_LABEL[kind][t] }))}
        value={fields.tried}
        onChange={(tried) => set({ tried })}
        testid="check-in-tried-choice"
      />
      <label class="field">
        <span class="field-label">{kind === 'question' ? 'What the learner said' : 'What happened'}</span>
        <textarea
          class="textarea"
          rows={2}
          maxLength={LIMITS.max_check_in_chars}
          value={fields.happened}
          onInput={(e) => set({ happened: e.currentTarget.value })}
          data-testid="check-in-happened"
        />
      </label>
      <EvidencePicker state={state} value={fields.evidence} onChange={(evidence) => set({ evidence })} />
      <label class="field">
        <span class="field-label">Evidence in your words (optional)</span>
        <textarea
          class="textarea"
          rows={2}
          maxLength={LIMITS.max_check_in_chars}
          value={fields.note}
          placeholder="e.g. Her exit ticket on Friday placed all three fractions correctly."
          onInput={(e) => set({ note: e.currentTarget.value })}
          data-testid="check-in-note"
        />
      </label>
      <Choice
        legend="Decision"
        name={`${uid}-decision`}
        options={DECISIONS.map((d) => ({ value: d, label: DECISION_LABEL[d] }))}
        value={fields.decision}
        onChange={(decision) => set({ decision })}
        testid="check-in-decision-choice"
      />
      {fields.decision === 'adjust' && (
        <label class="field">
          <span class="field-label">{kind === 'question' ? 'The question, adjusted' : 'The adaptation, adjusted'}</span>
          <textarea
            class="textarea"
            rows={2}
            required
            maxLength={kind === 'question' ? LIMITS.max_follow_up_chars : LIMITS.max_adaptation_chars}
            value={fields.adjusted}
            onInput={(e) => set({ adjusted: e.currentTarget.value })}
            data-testid="check-in-adjusted"
          />
        </label>
      )}
      {conflict && (
        <ConflictNote
          theirs={`${DECISION_SAID[conflict.decision]}${conflict.happened ? ` — ${conflict.happened}` : ''}`}
          onKeepTheirs={() => edit.stop()}
          onRetryMine={() => save(conflict.version)}
        />
      )}
      <InlineError message={edit.pending.error} />
      <div class="row">
        <button
          type="submit"
          class="btn btn-primary btn-small"
          disabled={edit.pending.busy || incomplete}
          data-testid="check-in-save"
        >
          {current ? 'Save changes' : 'Save check-in'}
        </button>
        <button type="button" class="btn btn-small" onClick={() => edit.stop()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Choice<T extends string>(props: {
  legend: string;
  name: string;
  options: { value: T; label: string }[];
  value: T | null;
  onChange(value: T): void;
  testid: string;
}) {
  return (
    <fieldset class="segmented" data-testid={props.testid}>
      <legend class="field-label">{props.legend}</legend>
      {props.options.map((o) => (
        <label key={o.value} class="segment">
          <input
            type="radio"
            name={props.name}
            value={o.value}
            checked={props.value === o.value}
            onChange={() => props.onChange(o.value)}
          />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
