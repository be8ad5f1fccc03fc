// What the event's host said to this room: a banner "From the event host"
// over the session, newest first, each dismissed by each person on their own
// device (the ids dismissed are kept in localStorage, per session); a notice
// of kind `action` (what a host action did: "The event host paused the
// timer.") is shown smaller. Every notice stays in the room's state and
// record: the summary lists them all (NoticeHistory).

import { useState } from 'preact/hooks';
import { dismissNotice, dismissedNotices } from '../notice-dismissals';
import type { Notice } from '../protocol';
import { useStore } from './useStore';
import './HostNotices.css';

/** The notice's time of day, as this device reads the server's clock. */
function formatTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function HostNotices() {
  const store = useStore();
  const notices = store.state.value?.notices ?? [];
  const [dismissed, setDismissed] = useState(() => dismissedNotices(store.code));
  const shown = notices.filter((n) => !dismissed.includes(n.id)).reverse();

  function dismiss(id: string) {
    setDismissed(
      dismissNotice(
        store.code,
        id,
        notices.map((n) => n.id),
      ),
    );
  }

  // One live region for the whole banner: a new notice is read out once, as it arrives.
  return (
    <section class="host-notices" aria-label="From the event host" aria-live="polite" data-testid="host-notices">
      {shown.map((n) => (
        <div key={n.id} class={`host-notice host-notice-${n.kind}`} data-testid="host-notice" data-kind={n.kind}>
          <div class="host-notice-body">
            <p class="host-notice-from">
              From the event host <span class="muted">· {formatTime(n.time)}</span>
            </p>
            <p class="host-notice-text" data-testid="host-notice-text">
              {n.text}
            </p>
          </div>
          <button
            type="button"
            class="btn btn-small"
            onClick={() => dismiss(n.id)}
            aria-label={`Dismiss the host’s notice: ${n.text}`}
            data-testid="host-notice-dismiss"
          >
            Dismiss
          </button>
        </div>
      ))}
    </section>
  );
}

/** Every notice the host sent this room, oldest first, for the session's summary. */
export function NoticeHistory({ notices }: { notices: Notice[] }) {
  if (notices.length === 0) return null;
  return (
    <>
      <h3 class="summary-title">Notices from the event host</h3>
      <ul class="plain-list" data-testid="summary-notices">
        {notices.map((n) => (
          <li key={n.id} class={`notice-history-item host-notice-${n.kind}`}>
            <span class="muted small">{formatTime(n.time)}</span> {n.text}
          </li>
        ))}
      </ul>
    </>
  );
}
