// Three routes: "/" is the start page, "/s/{CODE}" a session, "/i/{ID}" an inquiry.

import { signal } from '@preact/signals';
import { normaliseCode } from './codes';

export { isSessionCode, normaliseCode } from './codes';

export type Route = { name: 'start' } | { name: 'session'; code: string } | { name: 'inquiry'; id: string };

/** An inquiry id: 16 code characters (letters and digits). */
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

window.addEventListener('popstate', () => {
  route.value = parseRoute(location.pathname);
});
