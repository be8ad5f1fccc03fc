// The facilitator key, for whoever holds it on this device (the session's
// creator, or someone who pasted it to join): behind a disclosure, with a copy
// button, so that they can lead from another device if this one is gone.

import { useState } from 'preact/hooks';
import { loadCredentials } from '../saved';
import { useCopy } from './copy';
import './FacilitatorKey.css';

export function FacilitatorKey({ code }: { code: string }) {
  const [open, setOpen] = useState(false);
  const { copied, node, copy: copyNow } = useCopy();
  // Read when shown, not kept in the page: nothing else needs it on screen.
  const key = open ? (loadCredentials(code).facilitator_key ?? '') : '';

  const copy = () => copyNow(key);

  return (
    <details
      class="facilitator-key"
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
      data-testid="facilitator-key-toggle"
    >
      <summary>Show facilitator key</summary>
      {open && (
        <>
          <p class="small muted">
            Keep this to lead from another device: on the session’s page there, open <em>I have the facilitator key</em>{' '}
            and paste it. Do not share it with the group: whoever has it can lead this session.
          </p>
          <div class="invite">
            <code class="invite-link" ref={node} data-testid="facilitator-key">
              {key}
            </code>
            <button type="button" class="btn btn-small" onClick={copy} data-testid="copy-facilitator-key">
              {copied === 'copied' ? 'Copied' : 'Copy key'}
            </button>
          </div>
          <p class="visually-hidden" aria-live="polite">
            {copied === 'copied' ? 'Key copied' : copied === 'failed' ? 'Press Ctrl+C to copy the selected key' : ''}
          </p>
        </>
      )}
    </details>
  );
}
