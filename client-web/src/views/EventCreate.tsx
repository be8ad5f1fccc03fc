// "/events/new": a PD leader makes an event — a title, one template, and its
// rooms, by number ("Room 1".."Room N") or as a pasted list of labels (one a
// line). Every room is a normal session. The host key comes back once: this
// browser keeps it (host-keys.ts) and the console opens.

import { useEffect, useState } from 'preact/hooks';
import { ApiError, fetchTemplates } from '../api';
import { parseLabels } from '../host-console';
import { createEvent } from '../host-api';
import { rememberEvent } from '../host-keys';
import { LIMITS } from '../generated/contract';
import type { Template } from '../protocol';
import { eventPath, navigate } from '../router';
import { InlineError } from './common';
import { plural } from './labels';
import './EventCreate.css';

const TITLE_MAX = LIMITS.max_title_chars;
const MAX_ROOMS = LIMITS.max_event_rooms;

type Load = { state: 'loading' } | { state: 'ready'; templates: Template[] } | { state: 'failed'; message: string };

export function EventCreate() {
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
    document.title = 'New event · Debrief';
  }, []);

  return (
    <main class="page event-create" id="main">
      <h1>Run an event for many rooms</h1>
      <p class="lede-small muted">
        Every room is a session of its own, made from the same protocol. You get one join sheet for all of them and a
        console that shows every room’s phase, clock and people.
      </p>
      <section class="card" aria-labelledby="event-form-heading">
        <h2 id="event-form-heading" class="visually-hidden">
          The event
        </h2>
        {load.state === 'loading' && <p class="muted">Loading templates…</p>}
        {load.state === 'failed' && (
          <div class="inline-error" role="alert">
            <p>{load.message}</p>
            <button type="button" class="btn" onClick={() => setAttempt((a) => a + 1)}>
              Try again
            </button>
          </div>
        )}
        {load.state === 'ready' && <EventForm templates={load.templates} />}
      </section>
    </main>
  );
}

function EventForm({ templates }: { templates: Template[] }) {
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState(templates[0]?.id ?? '');
  const [by, setBy] = useState<'count' | 'labels'>('count');
  const [count, setCount] = useState('10');
  const [labelText, setLabelText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const labels = parseLabels(labelText);
  const rooms = by === 'count' ? Number(count) : labels.length;
  const tooLong = labels.find((l) => [...l].length > TITLE_MAX);
  const problem = !title.trim()
    ? 'Give the event a title.'
    : by === 'count' && !(Number.isInteger(rooms) && rooms >= 1 && rooms <= MAX_ROOMS)
      ? `The number of rooms is a whole number from 1 to ${MAX_ROOMS}.`
      : by === 'labels' && rooms === 0
        ? 'Paste at least one room label, one a line.'
        : by === 'labels' && rooms > MAX_ROOMS
          ? `At most ${MAX_ROOMS} rooms; this list has ${rooms}.`
          : tooLong
            ? `A room label is at most ${TITLE_MAX} characters: “${tooLong.slice(0, 40)}…” is longer.`
            : '';
  const chosen = templates.find((t) => t.id === template);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError('');
    try {
      const created = await createEvent(template, title, by === 'count' ? { count: rooms } : { labels });
      rememberEvent(created.event, { key: created.host_key, title: created.title });
      navigate(eventPath(created.event));
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  if (templates.length === 0) return <p class="muted">The server offers no templates.</p>;

  return (
    <form class="stack" onSubmit={submit} data-testid="event-form" noValidate>
      <label class="field">
        <span class="field-label">Title of the event</span>
        <input
          type="text"
          required
          maxLength={TITLE_MAX}
          placeholder="e.g. PD day, 14 March"
          value={title}
          onInput={(e) => setTitle(e.currentTarget.value)}
          data-testid="event-title"
        />
      </label>
      <label class="field">
        <span class="field-label">Protocol for every room</span>
        <select
          class="select"
          value={template}
          onChange={(e) => setTemplate(e.currentTarget.value)}
          data-testid="event-template"
        >
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} — {plural(t.phases.length, 'phase')}, {t.phases.reduce((n, p) => n + p.minutes, 0)} min
            </option>
          ))}
        </select>
      </label>
      {chosen?.description && <p class="small muted event-template-desc">{chosen.description}</p>}
      <fieldset class="segmented" data-testid="event-rooms-by">
        <legend class="field-label">Rooms</legend>
        <label class="segment">
          <input type="radio" name="rooms-by" checked={by === 'count'} onChange={() => setBy('count')} />
          <span>A number of rooms</span>
        </label>
        <label class="segment">
          <input
            type="radio"
            name="rooms-by"
            checked={by === 'labels'}
            onChange={() => setBy('labels')}
            data-testid="event-by-labels"
          />
          <span>A list of labels</span>
        </label>
      </fieldset>
      {by === 'count' ? (
        <label class="field">
          <span class="field-label">How many rooms (1–{MAX_ROOMS})</span>
          <input
            type="number"
            min={1}
            max={MAX_ROOMS}
            step={1}
            inputMode="numeric"
            value={count}
            onInput={(e) => setCount(e.currentTarget.value)}
            data-testid="event-room-count"
          />
          <span class="small muted event-hint">Labelled Room 1, Room 2, … on the join sheet and the console.</span>
        </label>
      ) : (
        <label class="field">
          <span class="field-label">Room labels, one a line</span>
          <textarea
            class="textarea"
            rows={8}
            placeholder={'Grade 7 science\nGrade 8 maths\nTriad 4'}
            value={labelText}
            onInput={(e) => setLabelText(e.currentTarget.value)}
            data-testid="event-labels"
          />
          <span class="small muted event-hint" data-testid="event-label-count">
            {labels.length === 0 ? 'No labels yet.' : `${plural(labels.length, 'room')}.`}
          </span>
        </label>
      )}
      <InlineError message={error} />
      <div class="row">
        <button type="submit" class="btn btn-primary" disabled={busy} data-testid="event-create">
          {busy ? 'Making the rooms…' : rooms >= 1 && !problem ? `Make ${plural(rooms, 'room')}` : 'Make the rooms'}
        </button>
      </div>
      <p class="small muted">
        This browser keeps the event’s host key: with it, the console opens here without signing in. The console shows
        it, to keep it for another device.
      </p>
    </form>
  );
}

function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return 'Something went wrong. Please try again.';
}
