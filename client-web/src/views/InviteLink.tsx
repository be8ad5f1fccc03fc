// The join link with a copy button and a QR code. The facilitator key is
// never in the link; whoever holds it finds it below (FacilitatorKey).

import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { qrModules, type QrModules } from '../qr';
import { sessionPath } from '../router';
import { useCopy } from './copy';
import './InviteLink.css';

/** `children`: more to share from here, for those who may (the facilitator key). */
export function InviteLink({ code, children }: { code: string; children?: ComponentChildren }) {
  const link = location.origin + sessionPath(code);
  const { copied, node, copy: copyNow } = useCopy();

  const copy = () => copyNow(link);

  return (
    <section class="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading" class="side-heading">
        Invite
      </h2>
      <p class="muted small">Share this link with your group. Code {code}.</p>
      <div class="invite">
        <code class="invite-link" ref={node} data-testid="invite-link">
          {link}
        </code>
        <button type="button" class="btn btn-small" onClick={copy} data-testid="copy-invite">
          {copied === 'copied' ? 'Copied' : 'Copy link'}
        </button>
      </div>
      <QrCode link={link} />
      {children}
      <p class="visually-hidden" aria-live="polite">
        {copied === 'copied' ? 'Link copied' : copied === 'failed' ? 'Press Ctrl+C to copy the selected link' : ''}
      </p>
    </section>
  );
}

const QUIET = 4;

/** For people in the room: the same link (never the facilitator key) as a QR code. */
function QrCode({ link }: { link: string }) {
  const [open, setOpen] = useState(false);
  const [qr, setQr] = useState<QrModules | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!open || qr) return;
    qrModules(link).then(setQr, () => setFailed(true));
  }, [open, link]);
  return (
    <details class="qr" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)} data-testid="qr-toggle">
      <summary>Show QR code</summary>
      {failed && <p class="inline-error small">The QR code could not be drawn; share the link instead.</p>}
      {qr && (
        <svg
          class="qr-code"
          viewBox={`${-QUIET} ${-QUIET} ${qr.size + 2 * QUIET} ${qr.size + 2 * QUIET}`}
          role="img"
          aria-label={`QR code for ${link}`}
          data-testid="qr-code"
          data-link={link}
          shape-rendering="crispEdges"
        >
          <rect x={-QUIET} y={-QUIET} width={qr.size + 2 * QUIET} height={qr.size + 2 * QUIET} fill="#fff" />
          <path d={qr.path} fill="#000" />
        </svg>
      )}
    </details>
  );
}
