// What the event's host said to this room: a banner "From the event host"
// over the session, newest first, each dismissed by each person on their own
// device (the ids dismissed are kept in localStorage, per session); a notice
// of kind `action` (what a host action did: "The event host paused the
// timer.") is shown smaller. Every notice stays in the room's state and
// record: the summary lists them all (NoticeHistory).

import { useState } from 'preact/hooks';
import { useStore } from './useStore';
import './HostNotices.css';

interface Notice {
  id: string;
  kind: 'message' | 'action';
  text: string;
  time: number;
}

/** The notice's time of day, as this device reads the server's clock. */
function formatTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

const dismissedKey = (code: string) => `debrief:notices-dismissed:${code}`;

function readDismissed(code: string): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(dismissedKey(code)) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function writeDismissed(code: string, ids: string[]) {
  try {
    localStorage.setItem(dismissedKey(code), JSON.stringify(ids));
  } catch {
    // Storage full or disabled: dismissed for this page only.
  }
}

export function HostNotices() {
  const store = useStore();
  const notices = (store.state.value as { notices?: Notice[] } | null)?.notices ?? [];
  const [dismissed, setDismissed] = useState(() => readDismissed(store.code));
  const shown = notices.filter((n) => !dismissed.includes(n.id)).reverse();

  function dismiss(id: string) {
    // Kept only for notices the room still has: the list never outgrows the room's notices.
    const next = [...dismissed, id].filter((d) => notices.some((n) => n.id === d));
    writeDismissed(store.code, next);
    setDismissed(next);
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
