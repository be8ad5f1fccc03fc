// The session's record: the board with each item's status and evidence,
// adaptations, annotations with replies and the notes everyone can see —
// with downloads of the server's exports for the facilitator and presenter.

import { formatDate, formatDateTime } from '../dates';
import { useState } from 'preact/hooks';
import { lineRange } from '../evidence';
import { isHidden, type Annotation, type Entry } from '../protocol';
import { UserText } from './common';
import { EvidenceList } from './EvidencePicker';
import { ITEM_STATUS_LABEL, LIST_LABEL, LIST_ORDER, TAG_LABEL, plural } from './labels';
import { useStore } from './useStore';
import './Summary.css';

const FORMATS = [
  { format: 'md', label: 'Markdown', hint: 'for notes' },
  { format: 'html', label: 'Printable page', hint: 'for the PLC binder' },
  { format: 'json', label: 'JSON', hint: 'data' },
] as const;

// The facilitator's own time zone, so the record states times as they read them.
function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

async function fetchExport(code: string, key: string, format: string, zone = browserZone()): Promise<Blob | string> {
  let response: Response;
  try {
    // The key goes in a header, never in the URL.
    const query = `format=${format}&tz=${encodeURIComponent(zone)}`;
    response = await fetch(`/api/sessions/${encodeURIComponent(code)}/export?${query}`, {
      headers: { Authorization: `Bearer ${key}` },
      cache: 'no-store',
    });
  } catch {
    return 'Could not reach the server. Try again when you are back online.';
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    // A zone the server's tz database lacks: the record in UTC (it says so) beats none.
    if (response.status === 400 && zone !== 'UTC' && body?.error?.message?.startsWith('tz:')) {
      return fetchExport(code, key, format, 'UTC');
    }
    return body?.error?.message ?? `The server answered ${response.status}.`;
  }
  return response.blob();
}

async function download(code: string, key: string, format: string): Promise<string | null> {
  const blob = await fetchExport(code, key, format);
  if (typeof blob === 'string') return blob;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `debrief-${code}.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}

// The printable page in a tab of its own, ready to print. The tab is opened
// at once (inside the click, so it is not blocked) and given the page when it
// has arrived.
async function openPrintable(code: string, key: string): Promise<string | null> {
  const tab = window.open('', '_blank');
  const blob = await fetchExport(code, key, 'html');
  if (typeof blob === 'string') {
    tab?.close();
    return blob;
  }
  const url = URL.createObjectURL(new Blob([blob], { type: 'text/html' }));
  if (tab) tab.location.href = url;
  else window.location.assign(url);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return null;
}

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

  return (
    <section class="card summary" aria-labelledby="summary-heading" data-testid="summary">
      <div class="summary-head">
        <h2 id="summary-heading">Summary{state.title ? `: ${state.title}` : ''}</h2>
        <Downloads />
      </div>
      {state.transcript && (
        <p class="muted small">
          Transcript of {plural(lines.length, 'line')}; consent confirmed by {store.nameOf(state.transcript.consent_by)}{' '}
          on {formatDateTime(state.transcript.consent_at)}.
        </p>
      )}

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
