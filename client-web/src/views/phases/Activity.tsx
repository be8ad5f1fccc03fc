// The activity of the current phase, by its kind.

import type { SessionStore } from '../../store';
import { TranscriptPanel } from '../transcript/TranscriptPanel';
import { TranscriptReader } from '../transcript/Reader';
import { AdaptationsPanel } from './Adaptations';
import { AssumptionBoard, PendingProposals, ProposeForm } from './AssumptionBoard';
import { BoardReview } from './BoardReview';
import { EntriesPanel } from './Entries';

/** Kinds whose prompts the activity itself shows (as lists, prompts or columns). */
export function promptsShownInActivity(kind: string, prompts: string[]): boolean {
  return kind === 'reflection' || kind === 'chart' || (kind === 'assumptions' && prompts.length === 4);
}

export function Activity({ store }: { store: SessionStore }) {
  const phase = store.currentPhase.value;
  if (!phase) return null;
  switch (phase.kind) {
    case 'assumptions':
      return <AssumptionBoard store={store} />;
    case 'transcript':
      return <TranscriptPanel store={store} />;
    case 'adaptations':
      return (
        <>
          <AdaptationsPanel store={store} />
          <BoardReview store={store} />
        </>
      );
    case 'reflection':
      return (
        <>
          <EntriesPanel store={store} mode="prompts" />
          <BoardReview store={store} />
        </>
      );
    case 'chart':
      return <EntriesPanel store={store} mode="columns" />;
    case 'discussion':
      return <Discussion store={store} />;
    default:
      return <EntriesPanel store={store} mode="list" />;
  }
}

function Discussion({ store }: { store: SessionStore }) {
  const state = store.state.value!;
  return (
    <>
      <EntriesPanel store={store} mode="list" />
      {store.isPresenter.value && <PendingProposals store={store} />}
      <BoardReview store={store} />
      {store.can('board_propose') && (
        <details class="more">
          <summary>Propose an item for the assumption board</summary>
          <ProposeForm store={store} />
        </details>
      )}
      {state.transcript && (
        <details class="more transcript-more" data-testid="discussion-transcript">
          <summary>Transcript and annotations</summary>
          <TranscriptReader store={store} />
        </details>
      )}
    </>
  );
}
