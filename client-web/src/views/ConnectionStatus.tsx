// The live / reconnecting / offline indicator.

import type { SessionStore } from '../store';

export function ConnectionStatus({ store }: { store: SessionStore }) {
  const link = store.link.value;
  const waiting = store.outboxSize.value;
  const label =
    link === 'live' ? 'Live' : link === 'offline' ? 'Offline' : store.everLive.value ? 'Reconnecting…' : 'Connecting…';
  return (
    <div class={`connection connection-${link}`} data-testid="connection-status" data-status={link}>
      <span class="connection-dot" aria-hidden="true" />
      <span role="status">{label}</span>
      {link !== 'live' && waiting > 0 && (
        <span class="muted connection-wait">
          {waiting} {waiting === 1 ? 'change' : 'changes'} waiting
        </span>
      )}
      {link === 'offline' && (
        <button type="button" class="btn btn-small" onClick={() => store.retryNow()}>
          Retry now
        </button>
      )}
    </div>
  );
}
