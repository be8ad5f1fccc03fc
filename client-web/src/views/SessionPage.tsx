// "/s/{CODE}": owns one store for the page's life and picks the screen:
// the join form from the lobby message before joining, the participant's
// view only once the server has sent the snapshot for them.

import { useEffect, useMemo } from 'preact/hooks';
import { lookInEvent, sessionPath } from '../router';
import { createSessionStore, type Fatal } from '../store';
import { CompactClock } from './CompactClock';
import { ConnectionStatus } from './ConnectionStatus';
import { DraftsPanel } from './Drafts';
import { HostNotices } from './HostNotices';
import { JoinForm } from './JoinForm';
import { LiveView } from './LiveView';
import { LookInBanner, LookInJoin } from './LookIn';
import { Notices } from './Notices';
import { InquiryLink } from './PlanFollowUp';
import { StorageBanner } from './StorageBanner';
import { StoreContext, useStore } from './useStore';
import './SessionPage.css';

export function SessionPage({ code }: { code: string }) {
  const store = useMemo(() => createSessionStore(code), [code]);
  /** The event whose host looks in from this page (the address says so), or null. */
  const lookIn = useMemo(() => lookInEvent(), [code]);

  useEffect(() => {
    if (location.pathname !== sessionPath(code)) history.replaceState(null, '', sessionPath(code));
    store.start();
    return () => store.dispose();
  }, [store, code]);

  const title = store.state.value?.title ?? store.lobby.value?.title;
  useEffect(() => {
    document.title = title ? `${title} · Debrief` : 'Debrief session';
  }, [title]);

  return (
    <StoreContext.Provider value={store}>
      <main class="page session-page" id="main">
        {/* Sticky, so the connection state and the clock are in view wherever the person has scrolled to. */}
        <div class="session-dock" data-testid="session-dock">
          <ConnectionStatus />
          {store.joined.value && store.state.value?.status === 'live' && <CompactClock />}
        </div>
        <div class="session-bar">
          <div class="session-heading">
            <h1 data-testid="session-title">{title === undefined ? 'Session' : title || 'Untitled session'}</h1>
            <p class="muted">
              Code{' '}
              <span class="code" data-testid="session-code">
                {code}
              </span>
            </p>
            <InquiryLink code={code} />
          </div>
        </div>
        {lookIn && <LookInBanner event={lookIn} />}
        <StorageBanner />
        <Notices />
        {store.joined.value && <HostNotices />}
        <div class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">
          {store.announcement.value}
        </div>
        <SessionBody lookIn={lookIn} />
      </main>
    </StoreContext.Provider>
  );
}

function SessionBody({ lookIn }: { lookIn: string | null }) {
  const store = useStore();
  const fatal = store.fatal.value;
  if (fatal) return <FatalCard fatal={fatal} />;
  if (store.joined.value) return <LiveView />;
  if (store.lobby.value && lookIn) return <LookInJoin event={lookIn} />;
  if (store.lobby.value) {
    return (
      <>
        <DraftsPanel />
        <JoinForm />
      </>
    );
  }
  return (
    <section class="card" aria-busy="true">
      <p class="muted">Connecting to the session…</p>
    </section>
  );
}

function FatalCard({ fatal }: { fatal: Fatal }) {
  if (fatal.code === 'unsupported_version') {
    // The server was upgraded under this page: only a reload brings the matching client.
    return (
      <section class="card" role="alert" data-testid="session-fatal" data-code={fatal.code}>
        <h2>This page is out of date: reload</h2>
        <p>
          Debrief was updated while this page was open. Reload to carry on; anything you had not sent is kept on this
          device and shown after the reload.
        </p>
        <button type="button" class="btn btn-primary" onClick={() => location.reload()} data-testid="reload">
          Reload
        </button>
      </section>
    );
  }
  return (
    <section class="card" role="alert" data-testid="session-fatal" data-code={fatal.code}>
      <h2>{fatal.code === 'not_found' ? 'No such session' : 'Cannot open this session'}</h2>
      <p>{fatal.message}</p>
      <p>
        Check the code, or ask the facilitator for the link. <a href="/">Back to the start</a>
      </p>
    </section>
  );
}
