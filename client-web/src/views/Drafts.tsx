// "Drafts not sent": writing the session did not take, back with its author.
// Each draft can be edited, copied, added to the current phase (a new
// command, on this click only) or discarded. Drafts stay on this device.

import { useRef, useState } from 'preact/hooks';
import { draftText, type Draft } from '../drafts';
import type { Phase } from '../protocol';
import { isPrivateNow } from '../session-state';
import { ConfirmButton, InlineError, usePending } from './common';
import { CONTENT_LABEL } from './labels';
import { useStore } from './useStore';
import './Drafts.css';

export const DRAFTS_ID = 'drafts-not-sent';

export function DraftsPanel() {
  const store = useStore();
  const drafts = store.drafts.value;
  if (drafts.length === 0) return null;
  return (
    <section class="card drafts" id={DRAFTS_ID} tabIndex={-1} aria-labelledby="drafts-heading" data-testid="drafts">
      <h2 id="drafts-heading" class="drafts-heading">
        Drafts not sent <span class="count">{drafts.length}</span>
      </h2>
      <p class="muted small">Kept only on this device. Nothing here reaches anyone unless you add it.</p>
      <ul class="draft-list">
        {drafts.map((d) => (
          <DraftCard key={d.key} draft={d} />
        ))}
      </ul>
    </section>
  );
}

/** Who will see it if added now: said before the click, because private text may be in it. */
function audience(phase: Phase, revealed: string[]): string {
  if (isPrivateNow(phase, revealed)) return 'Only you will see it until the facilitator reveals the phase.';
  return phase.anonymous ? 'Everyone will see it, without your name.' : 'Everyone will see it, with your name.';
}

function DraftCard({ draft }: { draft: Draft }) {
  const store = useStore();
  const text = draftText(draft.command);
  const state = store.state.value;
  const phase = store.currentPhase.value;
  const fits = store.draftFits(draft) && phase !== null;
  const samePhase = phase?.id === draft.command.phase;
  const pending = usePending();
  const [copied, setCopied] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const id = `draft-${draft.key}`;
  const kind = CONTENT_LABEL[draft.command.type];

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Copied.');
    } catch {
      // No clipboard permission: select the text so one keystroke copies it.
      box.current?.select();
      setCopied('Selected: press Ctrl+C (or ⌘C) to copy.');
    }
  }

  return (
    <li class={`draft${draft.private ? ' is-private' : ''}`} data-testid="draft" data-draft={draft.key}>
      <p class="draft-where small">
        <strong>{kind}</strong> written in “{draft.phaseTitle || 'an earlier phase'}”
        {draft.private && <span class="pill pill-private">Private</span>}
      </p>
      <p class="draft-reason small" data-testid="draft-reason">
        {draft.reason}
      </p>
      <label class="visually-hidden" for={id}>
        Your {kind.toLowerCase()}, not sent
      </label>
      <textarea
        id={id}
        ref={box}
        class="textarea"
        rows={3}
        value={text}
        onInput={(e) => store.editDraft(draft.key, e.currentTarget.value)}
        data-testid="draft-text"
      />
      {fits && state && phase && <p class="muted small draft-audience">{audience(phase, state.revealed)}</p>}
      {!fits && (
        <p class="muted small" data-testid="draft-no-place">
          {phase && state?.status !== 'ended'
            ? `“${phase.title}” does not take this. Copy it, or keep it for a phase that does.`
            : 'Copy it to keep it somewhere else.'}
        </p>
      )}
      <div class="row draft-actions">
        {fits && phase && (
          <button
            type="button"
            class="btn btn-small btn-primary"
            disabled={pending.busy || !text.trim()}
            onClick={() => void pending.run(() => store.addDraft(draft.key))}
            data-testid="draft-add"
          >
            {samePhase ? 'Send again' : `Add to “${phase.title}”`}
          </button>
        )}
        <button type="button" class="btn btn-small" onClick={() => void copy()} data-testid="draft-copy">
          Copy
        </button>
        <ConfirmButton
          label="Discard"
          confirmLabel="Discard for good"
          ariaLabel={`Discard this ${kind.toLowerCase()}`}
          testid="draft-discard"
          onConfirm={() => store.discardDraft(draft.key)}
        />
        <span class="muted small" role="status">
          {copied}
        </span>
      </div>
      <InlineError message={pending.error} />
    </li>
  );
}
