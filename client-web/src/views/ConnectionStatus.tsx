// The connected / reconnecting / offline indicator (the link to the server,
// not whether the session has started), with what is waiting to be
// sent and a way to the drafts the session did not take.

import { DRAFTS_ID } from './Drafts';
import { useStore } from './useStore';
import './ConnectionStatus.css';

function showDrafts(e: Event) {
  e.preventDefault();
  const panel = document.getElementById(DRAFTS_ID);
  panel?.scrollIntoView({ block: 'start' });
  panel?.focus({ preventScroll: true });
}

export function ConnectionStatus() {
  const store = useStore();
  const link = store.link.value;
  const waiting = store.outboxSize.value;
  const drafts = store.drafts.value.length;
  const label =
    link === 'live'
      ? 'Connected'
      : link === 'offline'
        ? 'Offline'
        : link === 'paused'
          ? 'Paused while you were away'
          : store.everLive.value
            ? 'Reconnecting…'
            : 'Connecting…';
  return (
    <div class={`connection connection-${link}`} data-testid="connection-status" data-status={link}>
      <span class="connection-dot" aria-hidden="true" />
      <span role="status">{label}</span>
      {link !== 'live' && waiting > 0 && (
        <span class="muted connection-wait">
          {waiting} {waiting === 1 ? 'change' : 'changes'} waiting
        </span>
      )}
      {drafts > 0 && (
        <a class="connection-drafts" href={`#${DRAFTS_ID}`} onClick={showDrafts} data-testid="drafts-link">
          {drafts} not sent
        </a>
      )}
      {(link === 'offline' || link === 'paused') && (
        <button type="button" class="btn btn-small" onClick={() => store.retryNow()}>
          {link === 'paused' ? 'Resume' : 'Retry now'}
        </button>
      )}
    </div>
  );
}
