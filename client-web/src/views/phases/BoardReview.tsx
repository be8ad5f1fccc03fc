// The assumption board looked back on: each item's status (confirmed,
// challenged, still open) and its evidence. The presenter marks them in
// discussion, reflection and adaptation phases.

import { useState } from 'preact/hooks';
import type { BoardItem, ItemStatus } from '../../protocol';
import { ConflictNote, InlineError, UserText, usePending } from '../common';
import { EvidenceList, EvidencePicker } from '../EvidencePicker';
import { ITEM_STATUS_LABEL, LIST_LABEL, LIST_ORDER, plural } from '../labels';
import { useStore } from '../useStore';
import './BoardReview.css';

const STATUSES: ItemStatus[] = ['open', 'confirmed', 'challenged'];

export function BoardReview({ open }: { open?: boolean }) {
  const store = useStore();
  const state = store.state.value!;
  const canMark = store.can('board_mark');
  if (state.board.length === 0) return null;
  const assumptions = state.board.filter((i) => i.list === 'assumptions');
  const open_ = assumptions.filter((i) => i.status === 'open').length;
  return (
    <details class="board-review" open={open ?? canMark} data-testid="board-review">
      <summary>
        <span class="summary-title">Assumption board</span>{' '}
        <span class="muted small">
          {plural(assumptions.length, 'assumption')} · {open_} still open
        </span>
      </summary>
      {canMark && (
        <p class="muted small">Mark each assumption confirmed, challenged or still open, and point to the evidence.</p>
      )}
      {LIST_ORDER.map((list) => {
        const items = state.board.filter((i) => i.list === list);
        if (items.length === 0) return null;
        return (
          <div key={list} class="review-list">
            <h4 class="review-list-title">{LIST_LABEL[list]}</h4>
            <ul class="plain-list">
              {items.map((item) => (
                <ReviewItem key={item.id} item={item} canMark={canMark} />
              ))}
            </ul>
          </div>
        );
      })}
    </details>
  );
}

function ReviewItem({ item, canMark }: { item: BoardItem; canMark: boolean }) {
  const store = useStore();
  const state = store.state.value!;
  const [marking, setMarking] = useState(false);
  const [status, setStatus] = useState<ItemStatus>(item.status);
  const [evidence, setEvidence] = useState<string[]>(item.evidence);
  const [conflict, setConflict] = useState<BoardItem | null>(null);
  const [base, setBase] = useState(item.version);
  const pending = usePending();
  // Only assumptions are confirmed or challenged; the other lists' items carry evidence alone (as in the record).
  const hasStatus = item.list === 'assumptions';

  async function save(version: number) {
    const result = await pending.run(() =>
      store.send({ type: 'board_mark', item: item.id, status, evidence, version }, { quiet: true }),
    );
    if (result?.ok) {
      setMarking(false);
      setConflict(null);
    } else if (result?.code === 'conflict' && result.current) {
      pending.clear();
      setConflict(result.current as BoardItem);
    }
  }

  return (
    <li class="review-item" data-testid="review-item" data-item={item.id}>
      <div class="review-body">
        <div class="review-head">
          {hasStatus && (
            <span class={`status status-${item.status}`} data-testid="item-status">
              {ITEM_STATUS_LABEL[item.status]}
            </span>
          )}
          <UserText text={item.text} />
        </div>
        <EvidenceList state={state} refs={item.evidence} />
      </div>
      {canMark && !marking && (
        <button
          type="button"
          class="btn btn-tiny review-mark"
          aria-label={`${hasStatus ? 'Mark' : 'Add evidence to'} “${item.text.slice(0, 60)}”`}
          onClick={() => {
            setStatus(item.status);
            setEvidence(item.evidence);
            setBase(item.version);
            setConflict(null);
            setMarking(true);
          }}
          data-testid="mark-item"
        >
          {hasStatus ? 'Mark' : 'Evidence'}
        </button>
      )}
      {marking && (
        <form
          class="mark-form stack-sm"
          onSubmit={(e) => {
            e.preventDefault();
            void save(base);
          }}
        >
          {hasStatus && (
            <fieldset class="segmented">
              <legend class="visually-hidden">Status</legend>
              {STATUSES.map((s) => (
                <label key={s} class="segment">
                  <input
                    type="radio"
                    name={`status-${item.id}`}
                    value={s}
                    checked={status === s}
                    onChange={() => setStatus(s)}
                    data-testid={`status-${s}`}
                  />
                  <span>{ITEM_STATUS_LABEL[s]}</span>
                </label>
              ))}
            </fieldset>
          )}
          <EvidencePicker state={state} value={evidence} onChange={setEvidence} exclude={item.id} />
          {conflict && (
            <ConflictNote
              theirs={`${ITEM_STATUS_LABEL[conflict.status]}: ${conflict.text}`}
              onKeepTheirs={() => {
                setConflict(null);
                setMarking(false);
              }}
              onRetryMine={() => void save(conflict.version)}
            />
          )}
          <InlineError message={pending.error} />
          <div class="row">
            <button type="submit" class="btn btn-small btn-primary" disabled={pending.busy} data-testid="mark-save">
              Save
            </button>
            <button type="button" class="btn btn-small" onClick={() => setMarking(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
