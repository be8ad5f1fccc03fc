// "/": create a session from a template, or join one with a code.

import { useEffect, useState } from 'preact/hooks';
import { ApiError, createSession, fetchTemplates } from '../api';
import type { Template } from '../protocol';
import { keptEvents } from '../host-keys';
import { eventPath, isSessionCode, navigate, normaliseCode, sessionPath } from '../router';
import { updateCredentials } from '../saved';
import { kindLabel, plural } from './labels';
import { LIMITS } from '../generated/contract';
import './StartPage.css';

const TITLE_MAX = LIMITS.max_title_chars;

type Load = { state: 'loading' } | { state: 'ready'; templates: Template[] } | { state: 'failed'; message: string };

export function StartPage() {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setLoad({ state: 'loading' });
    fetchTemplates()
      .then((templates) => live && setLoad({ state: 'ready', templates }))
      .catch((e: unknown) => live && setLoad({ state: 'failed', message: errorText(e) }));
    return () => {
      live = false;
    };
  }, [attempt]);

  useEffect(() => {
    document.title = 'Debrief';
  }, []);

  return (
    <main class="page start-page" id="main">
      <section class="intro">
        <h1>Run a calm, timed debrief together</h1>
        <p class="lede">
          Pick a protocol, share the link with your triad, and everyone sees the same phase and the same clock.
        </p>
      </section>
      <div class="start-grid">
        <section class="card" aria-labelledby="create-heading">
          <h2 id="create-heading">Start a session</h2>
          {load.state === 'loading' && <p class="muted">Loading templates…</p>}
          {load.state === 'failed' && (
            <div class="inline-error" role="alert">
              <p>{load.message}</p>
              <button type="button" class="btn" onClick={() => setAttempt((a) => a + 1)}>
                Try again
              </button>
            </div>
          )}
          {load.state === 'ready' && <CreateForm templates={load.templates} />}
        </section>
        <div class="start-side">
          <section class="card" aria-labelledby="join-heading">
            <h2 id="join-heading">Join with a code</h2>
            <JoinCodeForm />
          </section>
          <EventEntry />
        </div>
      </div>
    </main>
  );
}

function CreateForm({ templates }: { templates: Template[] }) {
  const [chosen, setChosen] = useState(templates[0]?.id ?? '');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  if (templates.length === 0) return <p class="muted">The server offers no templates.</p>;

  async function submit(e: Event) {
    e.preventDefault();
    if (busy || !chosen) return;
    setBusy(true);
    setError('');
    try {
      const created = await createSession(chosen, title);
      updateCredentials(created.session, { facilitator_key: created.facilitator_key });
      const path = created.join_path?.startsWith('/s/') ? created.join_path : sessionPath(created.session);
      navigate(path);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} class="stack">
      <fieldset class="templates" data-testid="template-list">
        <legend>Protocol</legend>
        {templates.map((t) => (
          <TemplateOption key={t.id} template={t} checked={chosen === t.id} onChoose={() => setChosen(t.id)} />
        ))}
      </fieldset>
      <label class="field">
        <span class="field-label">Title (optional)</span>
        <input
          type="text"
          name="title"
          maxLength={TITLE_MAX}
          placeholder="e.g. Grade 7 triad"
          value={title}
          onInput={(e) => setTitle(e.currentTarget.value)}
          data-testid="session-title-input"
        />
      </label>
      {error && (
        <p class="inline-error" role="alert">
          {error}
        </p>
      )}
      <div>
        <button type="submit" class="btn btn-primary" disabled={busy} data-testid="create-session">
          {busy ? 'Creating…' : 'Create session'}
        </button>
      </div>
    </form>
  );
}

function TemplateOption(props: { template: Template; checked: boolean; onChoose: () => void }) {
  const { template, checked, onChoose } = props;
  const total = template.phases.reduce((sum, p) => sum + p.minutes, 0);
  const id = `template-${template.id}`;
  return (
    <div class={`template-option${checked ? ' is-checked' : ''}`} data-testid="template-option">
      <input type="radio" name="template" id={id} value={template.id} checked={checked} onChange={onChoose} />
      <label for={id}>
        <span class="template-name">{template.name}</span>
        <span class="template-total">
          {plural(template.phases.length, 'phase')} · {total} min
        </span>
        {template.description && <span class="template-desc">{template.description}</span>}
        <ol class="template-phases">
          {template.phases.map((p) => (
            <li key={p.id}>
              <span>{p.title}</span>
              <span class="muted" title={kindLabel(p.kind)}>
                {p.minutes} min
              </span>
            </li>
          ))}
        </ol>
      </label>
    </div>
  );
}

function JoinCodeForm() {
  const [value, setValue] = useState('');
  const code = normaliseCode(value);
  const valid = isSessionCode(code);
  return (
    <form
      class="stack"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) navigate(sessionPath(code));
      }}
    >
      <label class="field">
        <span class="field-label">Session code or link</span>
        <input
          type="text"
          name="code"
          autoComplete="off"
          autoCapitalize="characters"
          spellcheck={false}
          placeholder="K7M2Q9XP4TDA"
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
          data-testid="join-code-input"
          aria-invalid={code !== '' && !valid}
          aria-describedby={code !== '' && !valid ? 'join-code-hint' : undefined}
        />
      </label>
      {code !== '' && !valid && (
        <p id="join-code-hint" class="inline-error" role="status" data-testid="join-code-hint">
          {code.length === 12 || code.length === 13
            ? 'A session code never has the letter U.'
            : `A session code is 12 or 13 letters and digits (${code.length} so far).`}
        </p>
      )}
      <div>
        <button type="submit" class="btn" disabled={!valid} data-testid="join-code-submit">
          Join
        </button>
      </div>
    </form>
  );
}

/** For a PD leader: many rooms from one template, watched together; and the events this browser runs. */
function EventEntry() {
  const [events] = useState(keptEvents);
  const go = (path: string) => (e: Event) => {
    e.preventDefault();
    navigate(path);
  };
  return (
    <section class="card" aria-labelledby="event-heading" data-testid="event-entry">
      <h2 id="event-heading">Run an event for many rooms</h2>
      <p class="muted small">
        For a professional-learning day: make every triad’s room at once, print one join sheet, and watch every room’s
        phase and clock from one console.
      </p>
      <a class="btn" href="/events/new" onClick={go('/events/new')} data-testid="new-event">
        Plan an event
      </a>
      {events.length > 0 && (
        <>
          <h3 class="start-events-heading">Your events</h3>
          <ul class="plain-list" data-testid="kept-events">
            {events.map((ev) => (
              <li key={ev.id}>
                <a href={eventPath(ev.id)} onClick={go(eventPath(ev.id))}>
                  {ev.title || 'Untitled event'}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return 'Something went wrong. Please try again.';
}
