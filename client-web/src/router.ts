// Two routes: "/" is the start page, "/s/{CODE}" a session.

import { signal } from '@preact/signals';
import { normaliseCode } from './codes';

export { isSessionCode, normaliseCode } from './codes';

export type Route = { name: 'start' } | { name: 'session'; code: string };

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
