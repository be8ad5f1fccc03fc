// "/s/{CODE}?look-in={EVENT}": the event's host opens a room from the console
// to look in. The page joins as the room's participant of role `host`, with
// the host key this browser keeps for that event (in the join, never in the
// URL): read-only, listed in the room's people as "Host", seeing what a
// colleague who wrote nothing sees. A banner says so.

import { useEffect, useRef, useState } from 'preact/hooks';
import { loadEvent } from '../host-keys';
import { eventPath } from '../router';
import { useStore } from './useStore';
import './LookIn.css';

export function LookInBanner({ event }: { event: string }) {
  return (
    <p class="banner look-in-banner" role="note" data-testid="look-in-banner">
      <strong>You are looking in as the event host.</strong> The room sees you as Host in its people list; nothing here
      can be written or steered from this page. <a href={eventPath(event)}>Back to the console</a>
    </p>
  );
}

/** Before joining: joins as host at once when the link is up; says why when it cannot. */
export function LookInJoin({ event }: { event: string }) {
  const store = useStore();
  const key = loadEvent(event)?.key ?? '';
  const [error, setError] = useState('');
  const tried = useRef(false);
  const welcomed = store.welcomed.value;

  useEffect(() => {
    if (!key || !welcomed || tried.current) return;
    tried.current = true;
    void store.lookIn(key).then((r) => {
      if (!r.ok) setError(r.message);
    });
  }, [key, welcomed]);

  if (!key) {
    return (
      <section class="card" role="alert" data-testid="look-in-no-key">
        <h2>This browser does not hold the host key of this room’s event</h2>
        <p>
          Look in from the event’s console, on the device that made the event (or where its host key was pasted). To
          take part instead, open the room’s own link.
        </p>
      </section>
    );
  }
  if (error) {
    return (
      <section class="card" role="alert" data-testid="look-in-refused">
        <h2>Cannot look in</h2>
        <p>{error}</p>
      </section>
    );
  }
  return (
    <section class="card" aria-busy="true">
      <p class="muted">Looking in as the event host…</p>
    </section>
  );
}
