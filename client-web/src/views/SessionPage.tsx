// "/s/{CODE}": owns one store for the page's life and picks the screen.

import { useEffect, useMemo } from 'preact/hooks';
import { sessionPath } from '../router';
import { createSessionStore, type SessionStore } from '../store';
import { ConnectionStatus } from './ConnectionStatus';
import { JoinForm } from './JoinForm';
import { LiveView } from './LiveView';
import { Notices } from './Notices';

export function SessionPage({ code }: { code: string }) {
  const store = useMemo(() => createSessionStore(code), [code]);

  useEffect(() => {
    if (location.pathname !== sessionPath(code)) history.replaceState(null, '', sessionPath(code));
    store.start();
    return () => store.dispose();
  }, [store, code]);

  const state = store.state.value;
  useEffect(() => {
    document.title = state?.title ? `${state.title} · Debrief` : 'Debrief session';
  }, [state?.title]);

  return (
    <main class="page session-page" id="main">
      <div class="session-bar">
        <div class="session-heading">
          <h1 data-testid="session-title">{state ? state.title || 'Untitled session' : 'Session'}</h1>
          <p class="muted">
            Code <span class="code" data-testid="session-code">{code}</span>
          </p>
        </div>
        <ConnectionStatus store={store} />
      </div>
      <Notices store={store} />
      <div class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {store.announcement.value}
      </div>
      <SessionBody store={store} />
    </main>
  );
}

function SessionBody({ store }: { store: SessionStore }) {
  const fatal = store.fatal.value;
  if (fatal) {
    return (
      <section class="card" role="alert" data-testid="session-fatal">
        <h2>{fatal.code === 'not_found' ? 'No such session' : 'Cannot open this session'}</h2>
        <p>{fatal.message}</p>
        <p>
          Check the code, or ask the facilitator for the link. <a href="/">Back to the start</a>
        </p>
      </section>
    );
  }
  const state = store.state.value;
  if (!state) {
    return (
      <section class="card" aria-busy="true">
        <p class="muted">Connecting to the session…</p>
      </section>
    );
  }
  if (store.me.value === null) return <JoinForm store={store} />;
  return <LiveView store={store} />;
}
