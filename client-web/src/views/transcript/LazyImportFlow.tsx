// The import flow (and the transcript parser behind it) is only for the
// presenter, so it is loaded when first shown rather than with the app.

import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

type Props = { replacing?: boolean; onDone?(): void };

let loaded: FunctionComponent<Props> | null = null;

export function LazyImportFlow(props: Props) {
  const [Flow, setFlow] = useState<FunctionComponent<Props> | null>(() => loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (Flow) return;
    import('./ImportFlow').then(
      (m) => {
        loaded = m.ImportFlow;
        setFlow(() => m.ImportFlow);
      },
      () => setFailed(true),
    );
  }, []);
  if (failed) {
    return (
      <p class="inline-error" role="alert">
        The transcript importer could not be loaded. Check the connection and reload the page.
      </p>
    );
  }
  if (!Flow) return <p class="muted small">Loading the transcript importer…</p>;
  return <Flow {...props} />;
}
