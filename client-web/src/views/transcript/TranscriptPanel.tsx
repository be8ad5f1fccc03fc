// The transcript phase: the presenter's import, replace and withdraw, and
// the shared reader for everyone.

import { formatDateTime as clockTime } from '../../dates';
import { useState } from 'preact/hooks';
import { ConfirmButton, InlineError, usePending } from '../common';
import { plural } from '../labels';
import { LazyImportFlow as ImportFlow } from './LazyImportFlow';
import { TranscriptReader } from './Reader';
import { useStore } from '../useStore';
import './TranscriptPanel.css';

export function TranscriptPanel() {
  const store = useStore();
  const state = store.state.value!;
  const transcript = state.transcript;
  const presenter = store.isPresenter.value;
  const [replacing, setReplacing] = useState(false);
  const pending = usePending();

  if (!transcript) {
    if (presenter && state.status !== 'ended') return <ImportFlow />;
    return (
      <p class="muted empty" data-testid="no-transcript">
        The presenter has not shared a transcript yet.
      </p>
    );
  }

  return (
    <div class="transcript-panel">
      <div class="transcript-meta">
        <p class="muted small" data-testid="consent-record">
          {plural(transcript.lines.length, 'line')} · Consent to record and share confirmed by{' '}
          {store.nameOf(transcript.consent_by)} on {clockTime(transcript.consent_at)}
        </p>
        {presenter && !replacing && state.status !== 'ended' && (
          <div class="row">
            <button
              type="button"
              class="btn btn-small"
              onClick={() => setReplacing(true)}
              data-testid="replace-transcript"
            >
              Replace transcript
            </button>
            <ConfirmButton
              label="Withdraw transcript"
              confirmLabel="Withdraw it and all its annotations"
              testid="withdraw-transcript"
              onConfirm={() => void pending.run(() => store.send({ type: 'transcript_withdraw' }))}
            />
          </div>
        )}
      </div>
      <InlineError message={pending.error} />
      {replacing && <ImportFlow replacing onDone={() => setReplacing(false)} />}
      <TranscriptReader />
    </div>
  );
}
