// Rejected commands and other server messages, until dismissed, until the
// person's next action goes through, or until the page reconnects.

import { useStore } from './useStore';
import './Notices.css';

export function Notices() {
  const store = useStore();
  const notices = store.notices.value;
  if (notices.length === 0) return null;
  return (
    <div class="notices" data-testid="notices">
      {notices.map((n) => (
        <div class="notice" role="alert" key={n.key} data-testid="notice" data-code={n.code}>
          <p>{n.message}</p>
          <button
            type="button"
            class="btn btn-small"
            onClick={() => store.dismissNotice(n.key)}
            aria-label={`Dismiss: ${n.message}`}
          >
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
