// "/i/{ID}": an inquiry seen whole, for the browser that holds its key — the
// sessions by date (each a link), every adaptation's and question's history
// across check-ins, every assumption's path, and the learner's words over
// time; its downloads; "Plan the next session"; and deleting it all.
// Without the key nothing is fetched: the page says so, and takes a pasted key.

import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { formatDate } from '../dates';
import { downloadWithKey, openPrintableWithKey } from '../downloads';
import { deleteInquiry, fetchInquiry, inquiryExportPath, type InquiryFormat } from '../inquiry-api';
import { forgetInquiry, loadInquiry, rememberInquiry } from '../inquiry-keys';
import {
  linesOf,
  type InquiryStory,
  type StoryEvidence,
  type StoryQuote,
  type StoryStep,
  type StoryThread,
  type ThreadKind,
} from '../inquiry-story';
import { navigate, sessionPath } from '../router';
import { ConfirmInline, InlineError, UserText } from './common';
import { DECISION_SAID, ITEM_STATUS_LABEL, TRIED_LABEL } from './labels';
import { KeyDisclosure } from './FacilitatorKey';
import { PlanFollowUpButton } from './PlanFollowUp';
import './InquiryPage.css';

type Load =
  | { state: 'no-key' }
  | { state: 'loading' }
  | { state: 'failed'; message: string; refused: boolean }
  | { state: 'ready'; story: InquiryStory }
  | { state: 'deleted' };

const STATUS_WORD: Record<string, string> = { lobby: 'Planned', live: 'In progress', ended: 'Ended' };

export function InquiryPage({ id }: { id: string }) {
  const [key, setKey] = useState(() => loadInquiry(id)?.key ?? '');
  const [load, setLoad] = useState<Load>(key ? { state: 'loading' } : { state: 'no-key' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!key) return;
    let live = true;
    setLoad({ state: 'loading' });
    fetchInquiry(id, key)
      .then((story) => {
        if (!live) return;
        // The key works: keep it (a pasted one too), with the title and the sessions it now knows of.
        rememberInquiry(id, { key, title: story.title, sessions: story.sessions.map((s) => s.code).filter(Boolean) });
        setLoad({ state: 'ready', story });
      })
      .catch((e: unknown) => {
        if (!live) return;
        const refused = e instanceof ApiError && (e.status === 403 || e.status === 404);
        setLoad({
          state: 'failed',
          refused,
          message: refused
            ? 'This key does not open the inquiry: it may have been deleted, or the key is not this inquiry’s.'
            : e instanceof ApiError
              ? e.message
              : 'Something went wrong. Please try again.',
        });
      });
    return () => {
      live = false;
    };
  }, [id, key, attempt]);

  const title = load.state === 'ready' ? load.story.title : '';
  useEffect(() => {
    document.title = title ? `${title} · Inquiry · Debrief` : 'Inquiry · Debrief';
  }, [title]);

  return (
    <main class="page inquiry-page" id="main" data-testid="inquiry-page">
      {load.state === 'no-key' && <NoKey onKey={setKey} />}
      {load.state === 'loading' && (
        <section class="card" aria-busy="true">
          <p class="muted">Loading the inquiry…</p>
        </section>
      )}
      {load.state === 'failed' && (
        <section class="card" role="alert" data-testid="inquiry-failed">
          <h1>Cannot open this inquiry</h1>
          <p>{load.message}</p>
          <div class="row">
            {!load.refused && (
              <button type="button" class="btn" onClick={() => setAttempt((a) => a + 1)}>
                Try again
              </button>
            )}
            {load.refused && (
              <button
                type="button"
                class="btn"
                onClick={() => {
                  forgetInquiry(id);
                  setKey('');
                  setLoad({ state: 'no-key' });
                }}
              >
                Use another key
              </button>
            )}
          </div>
        </section>
      )}
      {load.state === 'deleted' && (
        <section class="card" role="status" data-testid="inquiry-deleted">
          <h1>Inquiry deleted</h1>
          <p>The inquiry and every one of its sessions are gone from the server.</p>
          <p>
            <a href="/">Back to the start</a>
          </p>
        </section>
      )}
      {load.state === 'ready' && (
        <Story id={id} inquiryKey={key} story={load.story} onDeleted={() => setLoad({ state: 'deleted' })} />
      )}
    </main>
  );
}

function NoKey({ onKey }: { onKey(key: string): void }) {
  const [value, setValue] = useState('');
  return (
    <section class="card" data-testid="inquiry-no-key">
      <h1>This device does not hold this inquiry’s key</h1>
      <p>
        An inquiry opens only with its own key, kept by the browser that planned its first follow-up. Open this page on
        that device, or paste the key here (it is shown there under <em>Show inquiry key</em>).
      </p>
      <form
        class="add-form inquiry-key-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim()) onKey(value.trim());
        }}
      >
        <label class="visually-hidden" for="inquiry-key-input">
          Inquiry key
        </label>
        <input
          id="inquiry-key-input"
          type="text"
          autoComplete="off"
          spellcheck={false}
          placeholder="Inquiry key"
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
          data-testid="inquiry-key-input"
        />
        <button type="submit" class="btn btn-small" disabled={!value.trim()} data-testid="inquiry-key-submit">
          Open
        </button>
      </form>
      <p>
        <a href="/">Back to the start</a>
      </p>
    </section>
  );
}

function Story(props: { id: string; inquiryKey: string; story: InquiryStory; onDeleted(): void }) {
  const { id, inquiryKey, story } = props;
  const latestDay = story.sessions.reduce((d, s) => (s.day > d ? s.day : d), '');
  return (
    <>
      <div class="inquiry-head">
        <div>
          <p class="muted small inquiry-eyebrow">Inquiry</p>
          <h1 data-testid="inquiry-title">{story.title || 'Untitled inquiry'}</h1>
          {story.learners.length > 0 && (
            <p class="muted" data-testid="inquiry-learners">
              With {story.learners.join(', ')}
            </p>
          )}
        </div>
        <PlanFollowUpButton
          from={{ kind: 'inquiry', id, key: inquiryKey, title: story.title, date: nextCheckIn(story) }}
          label="Plan the next session"
          primary
        />
      </div>

      <div class="inquiry-layout">
        <div class="inquiry-main">
          <section class="card" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" class="section-title">
              Sessions
            </h2>
            <ol class="timeline" data-testid="inquiry-timeline">
              {story.sessions.map((s) => (
                <li key={s.position} class="timeline-item" data-testid="timeline-session" data-status={s.status}>
                  <span class="timeline-day">{formatDate(s.day)}</span>
                  <span>
                    {s.code ? (
                      <a
                        href={sessionPath(s.code)}
                        onClick={(e) => {
                          e.preventDefault();
                          navigate(sessionPath(s.code));
                        }}
                      >
                        {s.title || s.template || 'Untitled session'}
                      </a>
                    ) : (
                      s.title || s.template || 'Untitled session'
                    )}
                    <span class="muted small">
                      {' '}
                      {[s.template, STATUS_WORD[s.status] ?? s.status].filter(Boolean).join(' · ')}
                    </span>
                  </span>
                </li>
              ))}
            </ol>
          </section>

          <Threads
            title="Adaptations"
            empty="No adaptations yet."
            threads={story.adaptations}
            testid="inquiry-adaptation"
          />
          <Threads
            title="Questions for the learner"
            empty="No follow-up questions yet."
            threads={story.questions}
            testid="inquiry-question"
          />
          <Threads
            title="Assumptions"
            empty="No assumptions on the boards yet."
            threads={story.assumptions}
            testid="inquiry-assumption"
          />
        </div>

        <aside class="inquiry-side">
          <section class="card" aria-labelledby="words-heading">
            <h2 id="words-heading" class="section-title">
              The learner’s words over time
            </h2>
            {story.learner_words.length === 0 && (
              <p class="muted small">No learner’s line has been quoted as evidence yet.</p>
            )}
            <ul class="plain-list">
              {story.learner_words.map((w, i) => (
                <li key={i} class="words" data-testid="inquiry-words">
                  <span class="muted small">
                    {formatDate(w.day)}
                    {w.session_title ? ` · ${w.session_title}` : ''}
                  </span>
                  <Quote quote={w.quote} />
                  {w.cited_by.length > 0 && (
                    <p class="muted small">
                      Evidence for: {w.cited_by.map((c) => `“${c.text}”${c.check_in ? ' (check-in)' : ''}`).join('; ')}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          </section>
          <InquiryDownloads id={id} inquiryKey={inquiryKey} day={latestDay} />
          <InquiryKey inquiryKey={inquiryKey} />
          <DeleteInquiry id={id} inquiryKey={inquiryKey} count={story.sessions.length} onDeleted={props.onDeleted} />
        </aside>
      </div>
    </>
  );
}

/** The earliest check-in date still ahead among the adaptations carried on: the next session's likely day. */
function nextCheckIn(story: InquiryStory): string {
  const today = new Date().toISOString().slice(0, 10);
  const dates = story.adaptations
    .filter((t) => t.carried && t.check_in && t.check_in >= today)
    .map((t) => t.check_in!)
    .sort();
  return dates[0] ?? '';
}

function Threads(props: { title: string; empty: string; threads: StoryThread[]; testid: string }) {
  const id = `${props.testid}-heading`;
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id} class="section-title">
        {props.title}
      </h2>
      {props.threads.length === 0 && <p class="muted small">{props.empty}</p>}
      <ul class="plain-list">
        {props.threads.map((t) => (
          <ThreadHistory key={t.thread} thread={t} testid={props.testid} />
        ))}
      </ul>
    </section>
  );
}

function ThreadHistory({ thread: t, testid }: { thread: StoryThread; testid: string }) {
  const assumption = t.kind === 'assumption';
  // An adaptation or question not carried on was dropped at a check-in; an assumption, confirmed.
  const ended = !t.carried;
  const facts = [
    !assumption ? `For ${t.for_whom || 'all learners'}` : '',
    t.check_in ? `check in on ${formatDate(t.check_in)}` : '',
  ].filter(Boolean);
  return (
    <li class="history" data-testid={testid} data-carried={t.carried}>
      <p class="history-text">
        {assumption && t.status && (
          <>
            <StatusChip status={t.status} />{' '}
          </>
        )}
        <UserText text={t.text} />
        {ended && !assumption && (
          <>
            {' '}
            <span class="pill history-ended">Dropped</span>
          </>
        )}
      </p>
      {facts.length > 0 && <p class="muted small">{facts.join(' · ')}</p>}
      <ol class="path">
        {t.steps.map((step, i) => (
          <StepItem key={i} kind={t.kind} step={step} current={t.text} />
        ))}
      </ol>
    </li>
  );
}

function StatusChip({ status }: { status: string }) {
  return (
    <span class={`status status-${status}`}>
      {ITEM_STATUS_LABEL[status as keyof typeof ITEM_STATUS_LABEL] ?? status}
    </span>
  );
}

const STEP_LABEL: Record<StoryStep['kind'], string> = {
  decided: 'Decided',
  carried_in: 'Carried in',
  check_in: 'Check-in',
  on_board: 'On the board',
};

/** One session's part in a thread; its words when they differ from the thread's words now (`current`). */
function StepItem({ kind, step, current }: { kind: ThreadKind; step: StoryStep; current: string }) {
  const when = [formatDate(step.day), step.session_title].filter(Boolean).join(' · ');
  const said = kind === 'question' ? 'question' : 'adaptation';
  return (
    <li class="path-step" data-testid="inquiry-step" data-kind={step.kind}>
      <p class="path-head">
        <strong>{STEP_LABEL[step.kind] ?? step.kind}</strong> <span class="muted small">{when}</span>
        {step.status && (step.kind === 'on_board' || step.kind === 'carried_in') && (
          <>
            {' '}
            <StatusChip status={step.status} />
          </>
        )}
      </p>
      {step.kind === 'check_in' && (
        <p>
          {TRIED_LABEL[said][step.tried ?? ''] ?? step.tried} · {DECISION_SAID[step.decision ?? ''] ?? step.decision}
          {step.decision === 'adjust' && step.adjusted && (
            <>
              {': '}
              <UserText text={step.adjusted} />
            </>
          )}
        </p>
      )}
      {step.happened && (
        <p class="small">
          <UserText text={step.happened} />
        </p>
      )}
      {step.note && (
        <p class="small muted">
          <UserText text={step.note} />
        </p>
      )}
      {step.kind !== 'check_in' && step.text && step.text !== current && (
        <p class="small" data-testid="inquiry-step-text">
          As it read then: <UserText text={step.text} />
        </p>
      )}
      <Evidence evidence={step.evidence ?? []} />
    </li>
  );
}

function Evidence({ evidence }: { evidence: StoryEvidence[] }) {
  const shown = evidence.filter((e) => e.kind !== 'missing');
  if (shown.length === 0) return null;
  return (
    <ul class="plain-list quotes" aria-label="Evidence">
      {shown.map((e, i) => (
        <li key={i}>
          {e.kind === 'line' && <Quote quote={e.line} />}
          {e.kind === 'annotation' && (
            <>
              <Quote quote={e.annotation.quote} />
              {e.annotation.comment && (
                <p class="small muted">
                  {e.annotation.tag}: <UserText text={e.annotation.comment} />
                </p>
              )}
            </>
          )}
          {e.kind === 'item' && (
            <p class="small muted">
              Board: <UserText text={e.text} />
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

function Quote({ quote }: { quote: StoryQuote }) {
  const where = linesOf(quote);
  return (
    <blockquote class="quote small">
      {(where || quote.speaker) && (
        <span class="quote-speaker">{[where, quote.speaker].filter(Boolean).join(', ')}: </span>
      )}
      <UserText text={quote.text} />
    </blockquote>
  );
}

const DOWNLOADS: { format: InquiryFormat; label: string }[] = [
  { format: 'md', label: 'Markdown' },
  { format: 'json', label: 'JSON' },
  { format: 'ics', label: 'check-in dates (.ics)' },
];

function InquiryDownloads({ id, inquiryKey, day }: { id: string; inquiryKey: string; day: string }) {
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const run = async (what: string, action: () => Promise<string | null>) => {
    setBusy(what);
    setError((await action()) ?? '');
    setBusy('');
  };
  return (
    <section class="card" aria-labelledby="inquiry-downloads-heading" data-testid="inquiry-downloads">
      <h2 id="inquiry-downloads-heading" class="section-title">
        Downloads
      </h2>
      <div class="row">
        <button
          type="button"
          class="btn btn-small"
          disabled={busy !== ''}
          onClick={() => run('html', () => openPrintableWithKey(inquiryExportPath(id, 'html'), inquiryKey))}
          data-testid="inquiry-open-printable"
        >
          {busy === 'html' ? 'Preparing…' : 'Open printable page'}
        </button>
        {DOWNLOADS.map((d) => (
          <button
            key={d.format}
            type="button"
            class="btn btn-small"
            disabled={busy !== ''}
            onClick={() =>
              run(d.format, () =>
                downloadWithKey(inquiryExportPath(id, d.format), inquiryKey, `inquiry-${day || id}.${d.format}`),
              )
            }
            data-testid={`inquiry-download-${d.format}`}
          >
            {busy === d.format ? 'Preparing…' : `Download ${d.label}`}
          </button>
        ))}
      </div>
      <InlineError message={error} />
    </section>
  );
}

function InquiryKey({ inquiryKey }: { inquiryKey: string }) {
  return (
    <KeyDisclosure name="inquiry key" testId="inquiry-key" read={() => inquiryKey} card>
      Whoever has this key can read the whole inquiry, plan its sessions and delete it. Keep it to open the inquiry on
      another device; do not share it with the group.
    </KeyDisclosure>
  );
}

function DeleteInquiry(props: { id: string; inquiryKey: string; count: number; onDeleted(): void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  return (
    <section class="card" aria-labelledby="delete-inquiry-heading">
      <h2 id="delete-inquiry-heading" class="section-title">
        Delete the inquiry
      </h2>
      {asking ? (
        <ConfirmInline
          question={
            <>
              Delete this inquiry and all {props.count} of its sessions from the server? Everything in them — notes,
              transcripts, adaptations — is erased, and anyone still in one is told and disconnected. This cannot be
              undone.
            </>
          }
          confirmLabel="Delete everything"
          danger
          busy={busy}
          onCancel={() => setAsking(false)}
          onConfirm={async () => {
            setBusy(true);
            setError('');
            try {
              await deleteInquiry(props.id, props.inquiryKey);
              forgetInquiry(props.id);
              props.onDeleted();
            } catch (e) {
              setError(e instanceof ApiError ? e.message : 'Something went wrong. Please try again.');
              setBusy(false);
            }
          }}
          testid="inquiry-delete-confirm"
        />
      ) : (
        <button
          type="button"
          class="btn btn-small btn-danger"
          onClick={() => setAsking(true)}
          data-testid="inquiry-delete"
        >
          Delete the inquiry…
        </button>
      )}
      <InlineError message={error} />
    </section>
  );
}
