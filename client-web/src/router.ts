// Two routes: "/" is the start page, "/s/{CODE}" a session.

import { signal } from '@preact/signals';

export type Route = { name: 'start' } | { name: 'session'; code: string };

/**
 * Normalises what a person typed or pasted (a code, or a whole invite link)
 * to a session code: Crockford base-32 upper case, with the letters it
 * reads as digits (I, L → 1; O → 0) and separators dropped.
 */
export function normaliseCode(input: string): string {
  const fromLink = input.match(/\/s\/([^/?#\s]+)/);
  const raw = fromLink ? fromLink[1] : input;
  return raw
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

/**
 * A session code: 12 characters of Crockford base-32, or 13 when the server
 * is one of several and the first names its instance.
 */
export function isSessionCode(code: string): boolean {
  return /^[0-9A-HJKMNP-TV-Z]{12,13}$/.test(code);
}

export function parseRoute(pathname: string): Route {
  const m = pathname.match(/^\/s\/([^/]+)\/?$/);
  if (m) {
    const code = normaliseCode(decodeURIComponent(m[1]));
    if (code) return { name: 'session', code };
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

window.addEventListener('popstate', () => {
  route.value = parseRoute(location.pathname);
});
