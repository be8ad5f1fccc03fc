// The activity of the current phase, by its kind.

import { TranscriptPanel } from '../transcript/TranscriptPanel';
import { TranscriptReader } from '../transcript/Reader';
import { AdaptationsPanel } from './Adaptations';
import { AssumptionBoard, PendingProposals, ProposeForm } from './AssumptionBoard';
import { BoardReview } from './BoardReview';
import { CheckInsPanel } from './CheckIns';
import { EntriesPanel } from './Entries';
import { useStore } from '../useStore';
import './Activity.css';

/** Kinds whose prompts the activity itself shows (as lists, prompts or columns). */
export function promptsShownInActivity(kind: string, prompts: string[]): boolean {
  return kind === 'reflection' || kind === 'chart' || (kind === 'assumptions' && prompts.length === 4);
}

export function Activity() {
  const store = useStore();
  const phase = store.currentPhase.value;
  if (!phase) return null;
  switch (phase.kind) {
    case 'assumptions':
      return (
        <>
          <AssumptionBoard />
          {/* A follow-up revisits the assumptions it carried: the presenter re-marks them here. */}
          {store.state.value!.board.some((i) => i.thread) && <BoardReview />}
        </>
      );
    case 'transcript':
      return <TranscriptPanel />;
    case 'adaptations':
      return (
        <>
          <AdaptationsPanel />
          <BoardReview />
        </>
      );
    case 'reflection':
      return (
        <>
          <EntriesPanel mode="prompts" />
          <BoardReview />
        </>
      );
    case 'chart':
      return <EntriesPanel mode="columns" />;
    case 'check_in':
      return <CheckInsPanel />;
    case 'discussion':
      return <Discussion />;
    default:
      return <EntriesPanel mode="list" />;
  }
}

function Discussion() {
  const store = useStore();
  const state = store.state.value!;
  return (
    <>
      <EntriesPanel mode="list" />
      {store.isPresenter.value && <PendingProposals />}
      <BoardReview />
      {store.can('board_propose') && (
        <details class="more">
          <summary>Propose an item for the assumption board</summary>
          <ProposeForm />
        </details>
      )}
      {state.transcript && (
        <details class="more transcript-more" data-testid="discussion-transcript">
          <summary>Transcript and annotations</summary>
          <TranscriptReader />
        </details>
      )}
    </>
  );
}
