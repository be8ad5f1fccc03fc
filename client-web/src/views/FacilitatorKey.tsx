// A secret key for whoever holds it on this device, behind a disclosure with
// a copy button: the facilitator key (the session's creator, or someone who
// pasted it to join), so they can lead from another device if this one is
// gone; the inquiry key, so the inquiry can be opened elsewhere.

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { loadCredentials } from '../saved';
import { useCopy } from './copy';
import './FacilitatorKey.css';

interface KeyDisclosureProps {
  /** "facilitator key", "inquiry key": in the summary, the button and what is announced. */
  name: string;
  /** Prefix of the test ids: `${testId}-toggle`, `${testId}`, `copy-${testId}`. */
  testId: string;
  /** Read when shown, not kept in the page: nothing else needs it on screen. */
  read(): string;
  /** Who may hold it and what it is for. */
  children: ComponentChildren;
  card?: boolean;
}

export function KeyDisclosure({ name, testId, read, children, card = false }: KeyDisclosureProps) {
  const [open, setOpen] = useState(false);
  const { copied, node, copy } = useCopy();
  const key = open ? read() : '';

  return (
    <details
      class={card ? 'card facilitator-key' : 'facilitator-key'}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
      data-testid={`${testId}-toggle`}
    >
      <summary>Show {name}</summary>
      {open && (
        <>
          <p class="small muted">{children}</p>
          <div class="invite">
            <code class="invite-link" ref={node} data-testid={testId}>
              {key}
            </code>
            <button type="button" class="btn btn-small" onClick={() => copy(key)} data-testid={`copy-${testId}`}>
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

export function FacilitatorKey({ code }: { code: string }) {
  return (
    <KeyDisclosure
      name="facilitator key"
      testId="facilitator-key"
      read={() => loadCredentials(code).facilitator_key ?? ''}
    >
      Keep this to lead from another device: on the session’s page there, open <em>I have the facilitator key</em> and
      paste it. Do not share it with the group: whoever has it can lead this session.
    </KeyDisclosure>
  );
}
