// "/e/{ID}": the host console. A live grid of every room's summary (the host
// subscription, host-socket.ts), sorted, filtered by flag and searched by
// label, fifty rooms a page so a thousand stay readable; rooms selected for
// the action bar (a notice, start, pause, resume, add time, move to a phase),
// whose results are summarised in one line; look in to a room; the event's
// exports, its join sheet, its host key, and deleting it.

import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { fetchEvent, type HostedEvent } from '../host-api';
import { forgetEvent, loadEvent, rememberEvent } from '../host-keys';
import {
  filterRooms,
  FLAG_LABEL,
  FLAG_ORDER,
  flagCounts,
  PAGE_SIZE,
  pageOf,
  SORT_LABEL,
  sortRooms,
  type FlagFilter,
  type SortKey,
} from '../host-console';
import { createHostSocket, type HostSocket } from '../host-socket';
import { eventSheetPath, navigate } from '../router';
import { KeyDisclosure } from './FacilitatorKey';
import { ActionBar } from './HostActions';
import { DeleteEvent, EventDownloads } from './HostEventAdmin';
import { RoomCard } from './RoomCard';
import { plural } from './labels';
import './HostConsole.css';

type Load =
  | { state: 'no-key' }
  | { state: 'loading' }
  | { state: 'failed'; message: string; refused: boolean }
  | { state: 'ready'; event: HostedEvent }
  | { state: 'deleted'; kept: boolean };

export function HostConsole({ id }: { id: string }) {
  const [key, setKey] = useState(() => loadEvent(id)?.key ?? '');
  const [load, setLoad] = useState<Load>(key ? { state: 'loading' } : { state: 'no-key' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!key) return;
    let live = true;
    setLoad({ state: 'loading' });
    fetchEvent(id, key)
      .then((event) => {
        if (!live) return;
        // The key works: keep it (a pasted one too), with the event's title.
        rememberEvent(id, { key, title: event.title });
        setLoad({ state: 'ready', event });
      })
      .catch((e: unknown) => {
        if (!live) return;
        const refused = e instanceof ApiError && (e.status === 403 || e.status === 404);
        setLoad({
          state: 'failed',
          refused,
          message: refused
            ? 'This key does not open the event: it may have been deleted, or the key is not this event’s.'
            : e instanceof ApiError
              ? e.message
              : 'Something went wrong. Please try again.',
        });
      });
    return () => {
      live = false;
    };
  }, [id, key, attempt]);

  const title = load.state === 'ready' ? load.event.title : '';
  useEffect(() => {
    document.title = title ? `${title} · Event · Debrief` : 'Event · Debrief';
  }, [title]);

  const refuse = () => {
    forgetEvent(id);
    setKey('');
    setLoad({ state: 'no-key' });
  };

  return (
    <main class="page host-console" id="main" data-testid="host-console">
      {load.state === 'no-key' && <NoHostKey onKey={setKey} />}
      {load.state === 'loading' && (
        <section class="card" aria-busy="true">
          <p class="muted">Loading the event…</p>
        </section>
      )}
      {load.state === 'failed' && (
        <section class="card" role="alert" data-testid="event-failed">
          <h1>Cannot open this event</h1>
          <p>{load.message}</p>
          <div class="row">
            {load.refused ? (
              <button type="button" class="btn" onClick={refuse}>
                Use another key
              </button>
            ) : (
              <button type="button" class="btn" onClick={() => setAttempt((a) => a + 1)}>
                Try again
              </button>
            )}
          </div>
        </section>
      )}
      {load.state === 'deleted' && (
        <section class="card" role="status" data-testid="event-deleted">
          <h1>Event deleted</h1>
          <p>
            {load.kept
              ? 'The event is gone; its rooms carry on as independent sessions, led by their own facilitators.'
              : 'The event and every one of its rooms are gone from the server.'}
          </p>
          <p>
            <a href="/">Back to the start</a>
          </p>
        </section>
      )}
      {load.state === 'ready' && (
        <Live
          id={id}
          hostKey={key}
          event={load.event}
          onRefused={refuse}
          onDeleted={(kept) => {
            forgetEvent(id);
            setLoad({ state: 'deleted', kept });
          }}
        />
      )}
    </main>
  );
}

function NoHostKey({ onKey }: { onKey(key: string): void }) {
  const [value, setValue] = useState('');
  return (
    <section class="card" data-testid="event-no-key">
      <h1>This device does not hold this event’s host key</h1>
      <p>
        An event’s console opens only with its host key, kept by the browser that made the event. Open this page on that
        device, or paste the key here (it is shown there under <em>Show host key</em>).
      </p>
      <form
        class="add-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim()) onKey(value.replace(/\s+/g, ''));
        }}
      >
        <label class="visually-hidden" for="host-key-input">
          Host key
        </label>
        <input
          id="host-key-input"
          type="password"
          autoComplete="off"
          spellcheck={false}
          placeholder="Host key"
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
          data-testid="host-key-input"
        />
        <button type="submit" class="btn btn-small" disabled={!value.trim()} data-testid="host-key-submit">
          Open
        </button>
      </form>
      <p>
        <a href="/">Back to the start</a>
      </p>
    </section>
  );
}

const LINK_WORD = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline' };

function Live(props: {
  id: string;
  hostKey: string;
  event: HostedEvent;
  onRefused(): void;
  onDeleted(kept: boolean): void;
}) {
  const { id, hostKey } = props;
  const socket = useMemo(() => createHostSocket(id, hostKey), [id, hostKey]);
  useEffect(() => {
    socket.start();
    return () => socket.stop();
  }, [socket]);

  const fatal = socket.fatal.value;
  if (fatal?.code === 'not_found') {
    return (
      <section class="card" role="alert" data-testid="event-gone">
        <h1>This event is gone</h1>
        <p>It was deleted, from this console or another one. {fatal.message}</p>
        <p>
          <a href="/">Back to the start</a>
        </p>
      </section>
    );
  }
  if (fatal) {
    return (
      <section class="card" role="alert" data-testid="event-failed">
        <h1>Cannot follow this event</h1>
        <p>{fatal.message}</p>
        {fatal.code === 'forbidden' ? (
          <button type="button" class="btn" onClick={props.onRefused}>
            Use another key
          </button>
        ) : (
          <button type="button" class="btn" onClick={() => location.reload()}>
            Reload
          </button>
        )}
      </section>
    );
  }
  return <Console {...props} socket={socket} />;
}

/** Redraws once a second: every room's clock comes from the server's timer and the estimated server time. */
function useSecondTick(): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, []);
}

function Console(props: {
  id: string;
  hostKey: string;
  event: HostedEvent;
  socket: HostSocket;
  onDeleted(kept: boolean): void;
}) {
  const { id, hostKey, event, socket } = props;
  useSecondTick();
  const now = socket.serverNow();
  const rooms = socket.rooms.value;
  const title = socket.title.value || event.title;
  const [search, setSearch] = useState('');
  const [flag, setFlag] = useState<FlagFilter>('all');
  const [sort, setSort] = useState<SortKey>('position');
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const shown = sortRooms(filterRooms(rooms, search, flag, now), sort, now);
  const paged = pageOf(shown, page);
  const counts = flagCounts(rooms, now);
  const attention = filterRooms(rooms, '', 'attention', now).length;
  const live = rooms.filter((r) => r.status === 'live').length;
  const lobby = rooms.filter((r) => r.status === 'lobby').length;
  const online = rooms.reduce((n, r) => n + r.online, 0);
  const allShownSelected = shown.length > 0 && shown.every((r) => selected.has(r.session));
  // A room that left the event (deleted with it) is no longer selectable.
  const chosen = rooms.filter((r) => selected.has(r.session)).map((r) => r.session);

  const toggle = (code: string) => {
    const next = new Set(selected);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    setSelected(next);
  };
  const selectShown = (on: boolean) => {
    const next = new Set(selected);
    for (const r of shown) on ? next.add(r.session) : next.delete(r.session);
    setSelected(next);
  };
  const phases = event.template?.phases ?? [];

  return (
    <>
      <div class="host-head">
        <div>
          <p class="muted small host-eyebrow">Event</p>
          <h1 data-testid="event-title">{title || 'Untitled event'}</h1>
          <p class="muted small" data-testid="event-counts">
            {plural(rooms.length || event.rooms.length, 'room')} · {live} under way · {lobby} not started ·{' '}
            {counts.ended} ended · {plural(online, 'person', 'people')} online
          </p>
        </div>
        <div class="row">
          <span class={`host-link host-link-${socket.link.value}`} role="status" data-testid="host-link">
            {LINK_WORD[socket.link.value]}
          </span>
          <a
            class="btn btn-small"
            href={eventSheetPath(id)}
            onClick={(e) => {
              e.preventDefault();
              navigate(eventSheetPath(id));
            }}
            data-testid="open-sheet"
          >
            Join sheet
          </a>
        </div>
      </div>

      <ActionBar
        id={id}
        hostKey={hostKey}
        phases={phases}
        rooms={rooms.length}
        selected={chosen}
        onClearSelection={() => setSelected(new Set())}
      />

      <section class="card host-rooms" aria-labelledby="rooms-heading">
        <div class="host-rooms-head">
          <h2 id="rooms-heading" class="section-title">
            Rooms{' '}
            <span class="muted small" data-testid="rooms-shown">
              {shown.length === rooms.length ? `all ${rooms.length}` : `${shown.length} of ${rooms.length} shown`}
              {attention > 0 ? ` · ${attention} ${attention === 1 ? 'needs' : 'need'} attention` : ''}
            </span>
          </h2>
        </div>
        <div class="host-filters">
          <label class="field host-search">
            <span class="field-label">Search by label</span>
            <input
              type="search"
              value={search}
              placeholder="Room label or number"
              onInput={(e) => {
                setSearch(e.currentTarget.value);
                setPage(0);
              }}
              data-testid="room-search"
            />
          </label>
          <label class="field">
            <span class="field-label">Show</span>
            <select
              class="select"
              value={flag}
              onChange={(e) => {
                setFlag(e.currentTarget.value as FlagFilter);
                setPage(0);
              }}
              data-testid="room-filter"
            >
              <option value="all">Every room</option>
              <option value="attention">Needs attention</option>
              {FLAG_ORDER.map((f) => (
                <option key={f} value={f}>
                  {FLAG_LABEL[f]} ({counts[f]})
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span class="field-label">Sort by</span>
            <select
              class="select"
              value={sort}
              onChange={(e) => setSort(e.currentTarget.value as SortKey)}
              data-testid="room-sort"
            >
              {(Object.keys(SORT_LABEL) as SortKey[]).map((k) => (
                <option key={k} value={k}>
                  {SORT_LABEL[k]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div class="host-select-row">
          <label class="check">
            <input
              type="checkbox"
              checked={allShownSelected}
              disabled={shown.length === 0}
              onChange={(e) => selectShown(e.currentTarget.checked)}
              data-testid="select-all-shown"
            />
            <span>Select all shown ({shown.length})</span>
          </label>
          {chosen.length > 0 && (
            <span class="small" data-testid="selected-count">
              {plural(chosen.length, 'room')} selected{' '}
              <button type="button" class="link-button" onClick={() => setSelected(new Set())}>
                Clear
              </button>
            </span>
          )}
        </div>
        {!socket.ready.value ? (
          <p class="muted" aria-busy="true">
            Connecting to the rooms…
          </p>
        ) : shown.length === 0 ? (
          <p class="muted" data-testid="no-rooms-shown">
            No room matches.
          </p>
        ) : (
          <ul class="room-grid" data-testid="room-grid">
            {paged.items.map((room) => (
              <RoomCard
                key={room.session}
                room={room}
                event={id}
                now={now}
                selected={selected.has(room.session)}
                onToggle={() => toggle(room.session)}
              />
            ))}
          </ul>
        )}
        {paged.pages > 1 && <Pager page={paged.page} pages={paged.pages} onPage={setPage} total={shown.length} />}
      </section>

      <div class="host-admin">
        <EventDownloads id={id} hostKey={hostKey} />
        <KeyDisclosure name="host key" testId="host-key" read={() => hostKey} card>
          Whoever has this key runs the whole event: sees every room, speaks to them, and can delete them all. Keep it
          to open this console on another device; never share it with the rooms.
        </KeyDisclosure>
        <DeleteEvent id={id} hostKey={hostKey} rooms={rooms.length} onDeleted={props.onDeleted} />
      </div>
    </>
  );
}

function Pager(props: { page: number; pages: number; total: number; onPage(page: number): void }) {
  const { page, pages } = props;
  const from = page * PAGE_SIZE + 1;
  const to = Math.min(props.total, from + PAGE_SIZE - 1);
  return (
    <nav class="pager" aria-label="Pages of rooms" data-testid="pager">
      <button type="button" class="btn btn-small" disabled={page === 0} onClick={() => props.onPage(page - 1)}>
        ← Previous
      </button>
      <span class="small">
        Rooms {from}–{to} of {props.total} · page {page + 1} of {pages}
      </span>
      <button
        type="button"
        class="btn btn-small"
        disabled={page >= pages - 1}
        onClick={() => props.onPage(page + 1)}
        data-testid="pager-next"
      >
        Next →
      </button>
    </nav>
  );
}
