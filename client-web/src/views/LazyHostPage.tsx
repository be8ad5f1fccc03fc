// The event host's pages (making an event, its console, its join sheet) are
// for the few who run an event, so they are one chunk loaded when first
// opened rather than with the app.

import { useEffect, useState } from 'preact/hooks';
import type { HostPageProps } from './HostPages';

type Pages = typeof import('./HostPages');

let loaded: Pages | null = null;

export function LazyHostPage(props: HostPageProps) {
  const [pages, setPages] = useState<Pages | null>(() => loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (pages) return;
    import('./HostPages').then(
      (m) => {
        loaded = m;
        setPages(m);
      },
      () => setFailed(true),
    );
  }, []);
  if (failed) {
    return (
      <main class="page" id="main">
        <p class="inline-error" role="alert">
          The event pages could not be loaded. Check the connection and reload the page.
        </p>
      </main>
    );
  }
  if (!pages) {
    return (
      <main class="page" id="main" aria-busy="true">
        <p class="muted">Loading the event…</p>
      </main>
    );
  }
  return <pages.HostPage {...props} />;
}
