// The session's record: the board with each item's status and evidence,
// adaptations, annotations with replies and the notes everyone can see —
// with downloads of the server's exports for the facilitator and presenter.

import { formatDate, formatDateTime } from '../dates';
import { downloadWithKey, openPrintableWithKey } from '../downloads';
import { useState } from 'preact/hooks';
import { lineRange } from '../evidence';
import { isHidden, type Annotation, type Entry } from '../protocol';
import { UserText } from './common';
import { EvidenceList } from './EvidencePicker';
import { CarriedList } from './FromLastTime';
import { NoticeHistory } from './HostNotices';
import { PlanFollowUpButton, planFromSession } from './PlanFollowUp';
import { DECISION_SAID, ITEM_STATUS_LABEL, LIST_LABEL, LIST_ORDER, TAG_LABEL, TRIED_LABEL, plural } from './labels';
import { useStore } from './useStore';
import './Summary.css';

const FORMATS = [
  { format: 'md', label: 'Markdown', hint: 'for notes' },
  { format: 'html', label: 'Printable page', hint: 'for the PLC binder' },
  { format: 'json', label: 'JSON', hint: 'data' },
  { format: 'ics', label: 'check-in dates (.ics)', hint: 'for your calendar' },
] as const;

const exportPath = (code: string, format: string) =>
  `/api/sessions/${encodeURIComponent(code)}/export?format=${format}`;

const download = (code: string, key: string, format: string) =>
  downloadWithKey(exportPath(code, format), key, `debrief-${code}.${format}`);

const openPrintable = (code: string, key: string) => openPrintableWithKey(exportPath(code, 'html'), key);

export function Downloads() {
  const store = useStore();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState('');
  const key = store.exportKey();
  if (!key) {
    return (
      <p class="muted small" data-testid="downloads-unavailable">
        Downloads are for the facilitator who created the session and for the presenter.
      </p>
    );
  }
  return (
    <div class="downloads" data-testid="downloads">
      <div class="row">
        <button
          type="button"
          class="btn btn-small"
          disabled={busy !== ''}
          onClick={async () => {
            setBusy('print');
            setError((await openPrintable(store.code, key)) ?? '');
            setBusy('');
          }}
          data-testid="open-printable"
        >
          {busy === 'print' ? 'Preparing…' : 'Open printable page'}
        </button>
        {FORMATS.map((f) => (
          <button
            key={f.format}
            type="button"
            class="btn btn-small"
            disabled={busy !== ''}
            aria-label={`Download ${f.label} (${f.hint})`}
            onClick={async () => {
              setBusy(f.format);
              setError((await download(store.code, key, f.format)) ?? '');
              setBusy('');
            }}
            data-testid={`download-${f.format}`}
          >
            {busy === f.format ? 'Preparing…' : `Download ${f.label}`}
          </button>
        ))}
      </div>
      {error && (
        <p class="inline-error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function Summary() {
  const store = useStore();
  const state = store.state.value!;
  const lines = state.transcript?.lines ?? [];
  const order = new Map(lines.map((l, i) => [l.id, i]));
  const annotations = state.annotations
    .filter((a): a is Annotation => !isHidden(a))
    .sort((a, b) => (order.get(a.from_line) ?? 1e9) - (order.get(b.from_line) ?? 1e9));
  const adaptations = state.adaptations.filter((a) => a.status === 'accepted');
  const anonymous = (phaseId: string) => Boolean(state.template.phases.find((p) => p.id === phaseId)?.anonymous);
  const byline = (author: string, phaseId: string) =>
    anonymous(phaseId) || !author ? '' : author === store.you.value ? 'You' : store.nameOf(author);
  const privateNow = (phaseId: string) => {
    const p = state.template.phases.find((x) => x.id === phaseId);
    return Boolean(p?.private) && !state.revealed.includes(phaseId);
  };
  const entriesOf = (phaseId: string) =>
    state.entries.filter((e): e is Entry => !isHidden(e) && e.phase === phaseId && (!privateNow(phaseId) || e.shared));
  const plan = planFromSession(store);

  return (
    <section class="card summary" aria-labelledby="summary-heading" data-testid="summary">
      <div class="summary-head">
        <h2 id="summary-heading">Summary{state.title ? `: ${state.title}` : ''}</h2>
        <Downloads />
      </div>
      {plan && (
        <div class="summary-next" data-testid="summary-next">
          <p class="small">
            {plan.kind === 'inquiry'
              ? 'Plan the inquiry’s next session: it starts from what is still open.'
              : 'Carry the adaptations, questions and open assumptions into the next conversation with these learners.'}
          </p>
          <PlanFollowUpButton from={plan} primary={state.status === 'ended'} />
        </div>
      )}
      {!plan && state.learners.length > 0 && store.exportKey() && (
        <p class="muted small" data-testid="summary-next-elsewhere">
          This session is part of an inquiry. Its next session is planned from the inquiry’s page, on the device that
          holds the inquiry’s key.
        </p>
      )}
      {state.transcript && (
        <p class="muted small">
          Transcript of {plural(lines.length, 'line')}; consent confirmed by {store.nameOf(state.transcript.consent_by)}{' '}
          on {formatDateTime(state.transcript.consent_at)}.
        </p>
      )}

      {state.carried.length > 0 && (
        <>
          <h3 class="summary-title">Carried from earlier sessions</h3>
          <CarriedList state={state} />
          <h3 class="summary-title">Check-ins</h3>
          {state.check_ins.length === 0 && <p class="muted small">None.</p>}
          <ul class="plain-list">
            {state.check_ins.map((c) => {
              const item = state.carried.find((x) => x.thread === c.thread);
              const kind = item?.kind === 'question' ? 'question' : 'adaptation';
              return (
                <li key={c.id} class="summary-item" data-testid="summary-check-in">
                  <strong>
                    <UserText text={item?.text ?? c.thread} />
                  </strong>
                  <div class="muted small">
                    {TRIED_LABEL[kind][c.tried]} · {DECISION_SAID[c.decision]}
                  </div>
                  {c.decision === 'adjust' && c.adjusted && (
                    <p class="small">
                      Now: <UserText text={c.adjusted} />
                    </p>
                  )}
                  {c.happened && (
                    <p class="small">
                      <UserText text={c.happened} />
                    </p>
                  )}
                  {c.note && (
                    <p class="small muted">
                      <UserText text={c.note} />
                    </p>
                  )}
                  <EvidenceList state={state} refs={c.evidence} />
                </li>
              );
            })}
          </ul>
        </>
      )}

      <NoticeHistory notices={state.notices} />

      <h3 class="summary-title">Assumption board</h3>
      {state.board.length === 0 && <p class="muted small">No items.</p>}
      {LIST_ORDER.map((list) => {
        const items = state.board.filter((i) => i.list === list);
        if (items.length === 0) return null;
        return (
          <div key={list} class="summary-block">
            <h4 class="review-list-title">{LIST_LABEL[list]}</h4>
            <ul class="plain-list">
              {items.map((item) => (
                <li key={item.id} class="summary-item" data-testid="summary-item">
                  {item.list === 'assumptions' && (
                    <span class={`status status-${item.status}`}>{ITEM_STATUS_LABEL[item.status]}</span>
                  )}{' '}
                  <UserText text={item.text} />
                  <EvidenceList state={state} refs={item.evidence} />
                </li>
              ))}
            </ul>
          </div>
        );
      })}

      <h3 class="summary-title">Adaptations</h3>
      {adaptations.length === 0 && <p class="muted small">None yet.</p>}
      <ul class="plain-list">
        {adaptations.map((a) => (
          <li key={a.id} class="summary-item" data-testid="summary-adaptation">
            <strong>
              <UserText text={a.change} />
            </strong>
            <div class="muted small">
              For {a.for_whom || 'all learners'}
              {a.check_in ? ` · check in on ${formatDate(a.check_in)}` : ''}
            </div>
            {a.follow_ups.length > 0 && (
              <ul class="follow-ups small">
                {a.follow_ups.map((q, i) => (
                  <li key={i}>
                    <UserText text={q} />
                  </li>
                ))}
              </ul>
            )}
            <EvidenceList state={state} refs={a.evidence} />
          </li>
        ))}
      </ul>

      <h3 class="summary-title">Annotations</h3>
      {annotations.length === 0 && <p class="muted small">None.</p>}
      <ul class="plain-list">
        {annotations.map((a) => (
          <li key={a.id} class="summary-item" data-testid="summary-annotation">
            <span class={`tag-chip tag-${a.tag}`}>{TAG_LABEL[a.tag]}</span>{' '}
            <span class="muted small">{a.placed === false ? 'Unplaced' : lineRange(state, a)}</span>
            {a.quote && (
              <blockquote class="annotation-quote small">
                <UserText text={a.quote} />
              </blockquote>
            )}
            {a.comment && (
              <p>
                <UserText text={a.comment} />
                {byline(a.author, a.phase) && <span class="muted small"> — {byline(a.author, a.phase)}</span>}
              </p>
            )}
            {a.replies.length > 0 && (
              <ul class="replies">
                {a.replies.map((r) => (
                  <li key={r.id} class="reply">
                    <span class="reply-author small">{store.nameOf(r.author)}</span> <UserText text={r.text} />
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>

      <h3 class="summary-title">Notes by phase</h3>
      {state.template.phases.map((p) => {
        const entries = entriesOf(p.id);
        if (entries.length === 0) return null;
        return (
          <div key={p.id} class="summary-block" data-testid="summary-phase">
            <h4 class="review-list-title">{p.title}</h4>
            <ul class="plain-list">
              {entries.map((e) => (
                <li key={e.id} class="summary-item">
                  {e.prompt >= 0 && p.prompts[e.prompt] && <div class="muted small">{p.prompts[e.prompt]}</div>}
                  <UserText text={e.text} />
                  {byline(e.author, p.id) && <span class="muted small"> — {byline(e.author, p.id)}</span>}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
