// The routes: "/" is the start page, "/s/{CODE}" a session, "/i/{ID}" an inquiry, "/events/new" makes an
// event of many rooms, "/e/{ID}" is its host console and "/e/{ID}/sheet" its join sheet.

import { signal } from '@preact/signals';
import { normaliseCode } from './codes';

export { isSessionCode, normaliseCode } from './codes';

export type Route =
  | { name: 'start' }
  | { name: 'session'; code: string }
  | { name: 'inquiry'; id: string }
  | { name: 'event-new' }
  | { name: 'event'; id: string }
  | { name: 'event-sheet'; id: string };

/** An inquiry's or an event's id: 16 code characters (letters and digits). */
const INQUIRY_ID = /^[0-9A-Za-z]{16}$/u;

export function parseRoute(pathname: string): Route {
  const m = pathname.match(/^\/s\/([^/]+)\/?$/);
  if (m) {
    const code = normaliseCode(decodeURIComponent(m[1]));
    if (code) return { name: 'session', code };
  }
  const i = pathname.match(/^\/i\/([^/]+)\/?$/);
  if (i) {
    const id = decodeURIComponent(i[1]);
    if (INQUIRY_ID.test(id)) return { name: 'inquiry', id };
  }
  if (/^\/events\/new\/?$/.test(pathname)) return { name: 'event-new' };
  const e = pathname.match(/^\/e\/([^/]+)(\/sheet)?\/?$/);
  if (e) {
    const id = decodeURIComponent(e[1]);
    if (INQUIRY_ID.test(id)) return e[2] ? { name: 'event-sheet', id } : { name: 'event', id };
  }
  return { name: 'start' };
}

export const route = signal<Route>(parseRoute(location.pathname));

export function navigate(path: string, replace = false) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  route.value = parseRoute(location.pathname);
  window.scrollTo(0, 0);
}

export function sessionPath(code: string): string {
  return `/s/${encodeURIComponent(code)}`;
}

export function inquiryPath(id: string): string {
  return `/i/${encodeURIComponent(id)}`;
}

export function eventPath(id: string): string {
  return `/e/${encodeURIComponent(id)}`;
}

export function eventSheetPath(id: string): string {
  return `${eventPath(id)}/sheet`;
}

/** A room opened by its event's host to look in (read-only); the event id says which host key to send. */
export function lookInPath(code: string, event: string): string {
  return `${sessionPath(code)}?look-in=${encodeURIComponent(event)}`;
}

/** The event whose host looks in from this page, if the address says so. */
export function lookInEvent(search: string = location.search): string | null {
  const id = new URLSearchParams(search).get('look-in');
  return id && INQUIRY_ID.test(id) ? id : null;
}

window.addEventListener('popstate', () => {
  route.value = parseRoute(location.pathname);
});
