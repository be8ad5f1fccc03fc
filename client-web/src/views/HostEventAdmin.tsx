// The event as a whole, for its host: the exports (every room's record in
// one document, or the one-page summary) and deleting the event, with its
// rooms or leaving them as independent sessions.

import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { downloadWithKey, openPrintableWithKey } from '../downloads';
import { deleteEvent, eventExportPath, type EventFormat } from '../host-api';
import { InlineError } from './common';

const DOWNLOADS: { format: EventFormat; label: string }[] = [
  { format: 'md', label: 'Markdown' },
  { format: 'json', label: 'JSON' },
];

export function EventDownloads({ id, hostKey }: { id: string; hostKey: string }) {
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const run = async (what: string, action: () => Promise<string | null>) => {
    setBusy(what);
    setError((await action()) ?? '');
    setBusy('');
  };
  const printable = (format: EventFormat, label: string) => (
    <button
      type="button"
      class="btn btn-small"
      disabled={busy !== ''}
      onClick={() => run(format, () => openPrintableWithKey(eventExportPath(id, format), hostKey))}
      data-testid={`event-open-${format}`}
    >
      {busy === format ? 'Preparing…' : label}
    </button>
  );
  return (
    <section class="card" aria-labelledby="event-downloads-heading" data-testid="event-downloads">
      <h2 id="event-downloads-heading" class="section-title">
        Exports
      </h2>
      <p class="small muted">
        Every room’s record in one document, with the same privacy as a session’s export; or one page summing up the
        event.
      </p>
      <div class="row">
        {printable('summary', 'Open the one-page summary')}
        {printable('html', 'Open every room’s record')}
        {DOWNLOADS.map((d) => (
          <button
            key={d.format}
            type="button"
            class="btn btn-small"
            disabled={busy !== ''}
            onClick={() =>
              run(d.format, () => downloadWithKey(eventExportPath(id, d.format), hostKey, `event-${id}.${d.format}`))
            }
            data-testid={`event-download-${d.format}`}
          >
            {busy === d.format ? 'Preparing…' : `Download ${d.label}`}
          </button>
        ))}
      </div>
      <InlineError message={error} />
    </section>
  );
}

export function DeleteEvent(props: { id: string; hostKey: string; rooms: number; onDeleted(kept: boolean): void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function remove(keep: boolean) {
    setBusy(true);
    setError('');
    try {
      await deleteEvent(props.id, props.hostKey, keep);
      props.onDeleted(keep);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Something went wrong. Please try again.');
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="delete-event-heading">
      <h2 id="delete-event-heading" class="section-title">
        Delete the event
      </h2>
      {asking ? (
        <div
          class="confirm"
          role="alertdialog"
          aria-labelledby="delete-event-question"
          data-testid="delete-event-confirm"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setAsking(false);
          }}
        >
          <p id="delete-event-question" class="small">
            Delete the event and {props.rooms === 1 ? 'its one room' : `all ${props.rooms} rooms`}? Everything written
            in them is erased, and anyone still in one is told and disconnected. This cannot be undone. Or keep the
            rooms: they carry on as independent sessions, and this console and its key stop working.
          </p>
          <div class="row">
            <button
              type="button"
              class="btn btn-small btn-danger"
              disabled={busy}
              onClick={() => remove(false)}
              data-testid="delete-event-rooms"
            >
              Delete the event and its rooms
            </button>
            <button
              type="button"
              class="btn btn-small"
              disabled={busy}
              onClick={() => remove(true)}
              data-testid="delete-event-keep"
            >
              Delete the event, keep the rooms
            </button>
            <button
              type="button"
              class="btn btn-small"
              autoFocus
              onClick={() => setAsking(false)}
              data-testid="confirm-no"
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          class="btn btn-small btn-danger"
          onClick={() => setAsking(true)}
          data-testid="delete-event"
        >
          Delete the event…
        </button>
      )}
      <InlineError message={error} />
    </section>
  );
}
