// The inquiry page is for the few who hold an inquiry's key, so it is loaded
// when first opened rather than with the app.

import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

type Props = { id: string };

let loaded: FunctionComponent<Props> | null = null;

export function LazyInquiryPage(props: Props) {
  const [Page, setPage] = useState<FunctionComponent<Props> | null>(() => loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (Page) return;
    import('./InquiryPage').then(
      (m) => {
        loaded = m.InquiryPage;
        setPage(() => m.InquiryPage);
      },
      () => setFailed(true),
    );
  }, []);
  if (failed) {
    return (
      <main class="page" id="main">
        <p class="inline-error" role="alert">
          The inquiry page could not be loaded. Check the connection and reload the page.
        </p>
      </main>
    );
  }
  if (!Page) {
    return (
      <main class="page" id="main" aria-busy="true">
        <p class="muted">Loading the inquiry…</p>
      </main>
    );
  }
  return <Page {...props} />;
}
