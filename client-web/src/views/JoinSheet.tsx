// "/e/{ID}/sheet": the event's join sheet, for the host to print or share —
// every room's label, full link and QR code, six rooms a printed page; the
// same as CSV for a mail merge; and, apart and with a warning, a CSV of each
// room's facilitator key, for mailing each room's facilitator their own.

import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { saveBlob } from '../downloads';
import { facilitatorKeysCsv, joinSheetCsv, roomLink } from '../host-console';
import { fetchEvent, type EventRoom, type HostedEvent } from '../host-api';
import { loadEvent } from '../host-keys';
import { qrModules, type QrModules } from '../qr';
import { eventPath, navigate } from '../router';
import { plural } from './labels';
import './JoinSheet.css';

/** Rooms on one printed page (two columns of three). */
const PER_PAGE = 6;
const QUIET = 4;

type Load =
  | { state: 'no-key' }
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; event: HostedEvent };

export function JoinSheet({ id }: { id: string }) {
  const key = loadEvent(id)?.key ?? '';
  const [load, setLoad] = useState<Load>(key ? { state: 'loading' } : { state: 'no-key' });
  useEffect(() => {
    if (!key) return;
    let live = true;
    fetchEvent(id, key)
      .then((event) => live && setLoad({ state: 'ready', event }))
      .catch(
        (e: unknown) =>
          live &&
          setLoad({
            state: 'failed',
            message:
              e instanceof ApiError && e.status === 403
                ? 'This browser’s key does not open the event: it may have been deleted.'
                : e instanceof ApiError
                  ? e.message
                  : 'Something went wrong. Please try again.',
          }),
      );
    return () => {
      live = false;
    };
  }, [id, key]);

  const title = load.state === 'ready' ? load.event.title : '';
  useEffect(() => {
    document.title = title ? `${title} · Join sheet · Debrief` : 'Join sheet · Debrief';
  }, [title]);

  const back = (
    <a
      href={eventPath(id)}
      onClick={(e) => {
        e.preventDefault();
        navigate(eventPath(id));
      }}
    >
      Back to the console
    </a>
  );

  return (
    <main class="page join-sheet" id="main" data-testid="join-sheet">
      {load.state === 'no-key' && (
        <section class="card" role="alert">
          <h1>This device does not hold this event’s host key</h1>
          <p>Open the join sheet from the event’s console, on the device that made the event. {back}</p>
        </section>
      )}
      {load.state === 'loading' && (
        <section class="card" aria-busy="true">
          <p class="muted">Loading the join sheet…</p>
        </section>
      )}
      {load.state === 'failed' && (
        <section class="card" role="alert">
          <h1>Cannot open the join sheet</h1>
          <p>{load.message}</p>
          <p>{back}</p>
        </section>
      )}
      {load.state === 'ready' && <Sheet event={load.event} back={back} />}
    </main>
  );
}

/** Every room's QR code, drawn a few at a time so a thousand rooms do not freeze the page. */
function useQrCodes(rooms: EventRoom[]): Map<string, QrModules> {
  const [codes, setCodes] = useState<Map<string, QrModules>>(new Map());
  useEffect(() => {
    let live = true;
    (async () => {
      const done = new Map<string, QrModules>();
      for (let i = 0; i < rooms.length && live; i += 1) {
        done.set(rooms[i].session, await qrModules(roomLink(location.origin, rooms[i])));
        if ((i + 1) % 24 === 0 || i === rooms.length - 1) {
          if (live) setCodes(new Map(done));
          await new Promise((r) => setTimeout(r, 0));
        }
      }
    })().catch(() => {
      // The QR code module failed to load: the sheet still has every link.
    });
    return () => {
      live = false;
    };
  }, [rooms]);
  return codes;
}

function Sheet({ event, back }: { event: HostedEvent; back: ComponentChildren }) {
  const rooms = [...event.rooms].sort((a, b) => a.position - b.position);
  const codes = useQrCodes(event.rooms);
  const [showKeys, setShowKeys] = useState(false);
  const pages: EventRoom[][] = [];
  for (let i = 0; i < rooms.length; i += PER_PAGE) pages.push(rooms.slice(i, i + PER_PAGE));
  const base =
    (event.title || 'event')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'event';
  const download = (text: string, name: string) => saveBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), name);

  return (
    <>
      <div class="sheet-tools card">
        <p class="small">{back}</p>
        <h1>Join sheet</h1>
        <p class="muted">
          {event.title} · {plural(rooms.length, 'room')}. Print it (six rooms a page), or send each room its link. Links
          and codes let anyone join that room; they never let anyone lead it.
        </p>
        <div class="row">
          <button
            type="button"
            class="btn btn-primary btn-small"
            onClick={() => window.print()}
            data-testid="sheet-print"
          >
            Print
          </button>
          <button
            type="button"
            class="btn btn-small"
            onClick={() => download(joinSheetCsv(location.origin, rooms), `${base}-rooms.csv`)}
            data-testid="sheet-csv"
          >
            Download CSV
          </button>
          <button
            type="button"
            class="btn btn-small"
            aria-expanded={showKeys}
            onClick={() => setShowKeys(!showKeys)}
            data-testid="sheet-keys-toggle"
          >
            Facilitator keys CSV…
          </button>
        </div>
        {showKeys && (
          <div class="sheet-keys-warning" role="region" aria-label="Facilitator keys" data-testid="sheet-keys-warning">
            <p class="small">
              <strong>Keep this file private.</strong> It holds every room’s facilitator key: whoever has a room’s key
              can lead it — pause it, move it, end it. Use it only to mail each room’s facilitator their own key, then
              delete it. Never print it on the join sheet or share it with the rooms.
            </p>
            <button
              type="button"
              class="btn btn-small btn-danger"
              onClick={() => download(facilitatorKeysCsv(location.origin, rooms), `${base}-facilitator-keys.csv`)}
              data-testid="sheet-keys-csv"
            >
              Download facilitator keys CSV
            </button>
          </div>
        )}
      </div>
      <div class="sheet-pages">
        {pages.map((page, n) => (
          <section key={n} class="sheet-page" aria-label={`Rooms ${page[0].position} to ${page.at(-1)!.position}`}>
            <p class="sheet-page-head">
              {event.title} — join sheet, page {n + 1} of {pages.length}
            </p>
            <ul class="sheet-rooms">
              {page.map((room) => (
                <SheetRoom key={room.session} room={room} qr={codes.get(room.session)} />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}

function SheetRoom({ room, qr }: { room: EventRoom; qr: QrModules | undefined }) {
  const link = roomLink(location.origin, room);
  return (
    <li class="sheet-room" data-testid="sheet-room" data-session={room.session}>
      <div class="sheet-room-text">
        <p class="sheet-room-label">
          <span class="muted">{room.position}.</span> {room.label}
        </p>
        <p class="sheet-room-link" data-testid="sheet-link">
          {link}
        </p>
        <p class="small muted">Code {room.session}</p>
      </div>
      {qr ? (
        <svg
          class="sheet-qr"
          viewBox={`${-QUIET} ${-QUIET} ${qr.size + 2 * QUIET} ${qr.size + 2 * QUIET}`}
          role="img"
          aria-label={`QR code for ${room.label}`}
          data-testid="sheet-qr"
          data-link={link}
          shape-rendering="crispEdges"
        >
          <rect x={-QUIET} y={-QUIET} width={qr.size + 2 * QUIET} height={qr.size + 2 * QUIET} fill="#fff" />
          <path d={qr.path} fill="#000" />
        </svg>
      ) : (
        <div class="sheet-qr sheet-qr-pending" aria-hidden="true" />
      )}
    </li>
  );
}
