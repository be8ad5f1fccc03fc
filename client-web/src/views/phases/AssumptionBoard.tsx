// The presenter's four lists. The presenter adds, edits, reorders and
// removes; colleagues see it live and propose items; the presenter accepts
// proposals onto the board or sets them aside.

import { useState } from 'preact/hooks';
import type { BoardItem, BoardList, Proposal } from '../../protocol';
import { ConflictNote, InlineError, Section, UserText, usePending, SaveCancel } from '../common';
import { ITEM_STATUS_LABEL, LIST_LABEL, LIST_ORDER, LIST_SHORT } from '../labels';
import { useKeepUnsent } from '../useKeepUnsent';
import { WaitingList } from '../Waiting';
import { LIMITS } from '../../generated/contract';
import { useStore } from '../useStore';
import { useVersionedEdit } from '../useVersionedEdit';
import './AssumptionBoard.css';

const ITEM_MAX = LIMITS.max_item_chars;

export function AssumptionBoard() {
  const store = useStore();
  const state = store.state.value!;
  const phase = store.currentPhase.value;
  const canEdit = store.can('board_add');
  const canPropose = store.can('board_propose');
  // With four prompts, they are the presenter's questions for the four lists.
  const hints = phase?.kind === 'assumptions' && phase.prompts.length === 4 ? phase.prompts : null;
  return (
    <div class="board-wrap">
      {store.isPresenter.value && <PendingProposals />}
      <div class="board" data-testid="board">
        {LIST_ORDER.map((list, i) => (
          <BoardColumn
            key={list}
            list={list}
            hint={hints?.[i]}
            items={state.board.filter((x) => x.list === list)}
            canEdit={canEdit}
          />
        ))}
      </div>
      {canPropose && <ProposeForm />}
      {!store.isPresenter.value && <ProposalStatus />}
    </div>
  );
}

function BoardColumn(props: { list: BoardList; hint?: string; items: BoardItem[]; canEdit: boolean }) {
  const { list, items, canEdit } = props;
  const headingId = `list-${list}`;
  return (
    <section class="board-list" aria-labelledby={headingId} data-testid={`board-list-${list}`}>
      <h3 id={headingId} class="board-list-title">
        {LIST_LABEL[list]} <span class="count">{items.length}</span>
      </h3>
      {props.hint && <p class="muted small board-hint">{props.hint}</p>}
      {items.length === 0 ? (
        <p class="muted small empty">Nothing here yet.</p>
      ) : (
        <ol class="board-items">
          {items.map((item, i) => (
            <BoardItemRow key={item.id} item={item} index={i} count={items.length} canEdit={canEdit} />
          ))}
        </ol>
      )}
      {canEdit && <AddItem list={list} />}
    </section>
  );
}

function focusLater(selector: string) {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());
}

function BoardItemRow(props: { item: BoardItem; index: number; count: number; canEdit: boolean }) {
  const { item, index, count, canEdit } = props;
  const store = useStore();
  const [text, setText] = useState(item.text);
  const edit = useVersionedEdit(item);
  const { editing, conflict, pending } = edit;
  // From the proposal it came from, not from roles now: the presenter role can move to someone else.
  const proposal = store.state.value!.proposals.find((p) => p.item !== '' && p.item === item.id);
  const proposedBy = proposal ? store.nameOf(proposal.author) : '';

  async function save(version?: number) {
    const value = text.trim();
    if (!value) return;
    const result = await edit.save(
      (v) => store.send({ type: 'board_edit', item: item.id, text: value, version: v }, { quiet: true }),
      version,
    );
    if (result?.ok) focusLater(`[data-edit="${item.id}"]`);
  }

  async function move(list: BoardList, to: number, focus: string) {
    const result = await pending.run(() =>
      store.send({ type: 'board_move', item: item.id, list, index: to, version: item.version }),
    );
    if (result?.ok) focusLater(`[data-${focus}="${item.id}"]`);
  }

  if (editing) {
    return (
      <li class="board-item is-editing" data-testid="board-item">
        <form
          class="stack-sm"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label class="visually-hidden" for={`edit-${item.id}`}>
            Edit item
          </label>
          <textarea
            id={`edit-${item.id}`}
            class="textarea"
            rows={2}
            maxLength={ITEM_MAX}
            value={text}
            autoFocus
            onInput={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                edit.stop();
                focusLater(`[data-edit="${item.id}"]`);
              }
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                void save();
              }
            }}
            data-testid="board-edit-text"
          />
          {conflict && (
            <ConflictNote
              theirs={conflict.text}
              onKeepTheirs={edit.stop}
              onRetryMine={() => void save(conflict.version)}
            />
          )}
          <InlineError message={pending.error} />
          <SaveCancel disabled={pending.busy || !text.trim()} onCancel={edit.stop} />
        </form>
      </li>
    );
  }

  return (
    <li class="board-item" data-testid="board-item" data-item={item.id}>
      <p class="board-item-text">
        <UserText text={item.text} />
      </p>
      {proposedBy && <p class="muted small">Proposed by {proposedBy}</p>}
      {item.thread && (
        <p class="muted small" data-testid="board-item-carried">
          From last time · {ITEM_STATUS_LABEL[item.status]}
        </p>
      )}
      {canEdit && (
        <div class="item-tools" role="group" aria-label="Item actions">
          <button
            type="button"
            class="btn btn-tiny"
            data-edit={item.id}
            onClick={() => {
              setText(item.text);
              edit.begin();
            }}
          >
            Edit
          </button>
          <button
            type="button"
            class="btn btn-tiny"
            aria-label="Move up"
            data-up={item.id}
            disabled={index === 0 || pending.busy}
            onClick={() => move(item.list, index - 1, 'up')}
          >
            ↑
          </button>
          <button
            type="button"
            class="btn btn-tiny"
            aria-label="Move down"
            data-down={item.id}
            disabled={index === count - 1 || pending.busy}
            onClick={() => move(item.list, index + 1, 'down')}
          >
            ↓
          </button>
          <label class="visually-hidden" for={`move-${item.id}`}>
            Move to list
          </label>
          <select
            id={`move-${item.id}`}
            class="select select-tiny"
            value={item.list}
            data-move={item.id}
            onChange={(e) => {
              const list = e.currentTarget.value as BoardList;
              if (list === item.list) return;
              const end = store.state.value!.board.filter((x) => x.list === list).length;
              void move(list, end, 'move');
            }}
          >
            {LIST_ORDER.map((l) => (
              <option key={l} value={l}>
                {LIST_SHORT[l]}
              </option>
            ))}
          </select>
          <button
            type="button"
            class="btn btn-tiny btn-quiet-danger"
            onClick={() =>
              pending.run(() => store.send({ type: 'board_remove', item: item.id, version: item.version }))
            }
          >
            Remove
          </button>
        </div>
      )}
      <InlineError message={pending.error} />
    </li>
  );
}

function AddItem({ list }: { list: BoardList }) {
  const store = useStore();
  const [text, setText] = useState('');
  const pending = usePending();
  const id = `add-${list}`;
  useKeepUnsent(store, () => (text.trim() ? { type: 'board_add', list, text: text.trim() } : null));
  const waiting = store.waitingOf('board_add').filter((m) => m.list === list);
  async function submit(e: Event) {
    e.preventDefault();
    const value = text.trim();
    if (!value) return;
    // Cleared at once: the outbox keeps the command even while reconnecting,
    // and a refusal brings the text back under "Drafts not sent".
    setText('');
    await pending.run(() => store.write({ type: 'board_add', list, text: value }));
  }
  return (
    <form class="add-form" onSubmit={submit}>
      <WaitingList items={waiting.map((m) => ({ id: m.id, text: m.text }))} />
      <label class="visually-hidden" for={id}>
        Add to {LIST_LABEL[list]}
      </label>
      <input
        id={id}
        type="text"
        maxLength={ITEM_MAX}
        placeholder="Add an item…"
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        data-testid={`board-add-${list}`}
      />
      <button type="submit" class="btn btn-small" disabled={!text.trim()} aria-label={`Add to ${LIST_LABEL[list]}`}>
        Add
      </button>
      <InlineError message={pending.error} />
    </form>
  );
}

export function ProposeForm() {
  const store = useStore();
  const [list, setList] = useState<BoardList>('assumptions');
  const [text, setText] = useState('');
  const pending = usePending();
  useKeepUnsent(store, () => (text.trim() ? { type: 'board_propose', list, text: text.trim() } : null));
  const waiting = store.waitingOf('board_propose');
  async function submit(e: Event) {
    e.preventDefault();
    const value = text.trim();
    if (!value) return;
    setText('');
    await pending.run(() => store.write({ type: 'board_propose', list, text: value }));
  }
  return (
    <Section title="Propose an item for the presenter" id="propose-heading" class="propose">
      <p class="muted small">
        Help the presenter see what is hard to see alone, e.g. “a possible assumption: …”. They decide whether it goes
        on the board.
      </p>
      <form class="propose-form" onSubmit={submit} data-testid="propose-form">
        <label class="field">
          <span class="field-label">List</span>
          <select
            class="select"
            value={list}
            onChange={(e) => setList(e.currentTarget.value as BoardList)}
            data-testid="propose-list"
          >
            {LIST_ORDER.map((l) => (
              <option key={l} value={l}>
                {LIST_LABEL[l]}
              </option>
            ))}
          </select>
        </label>
        <label class="field propose-text">
          <span class="field-label">Your proposal</span>
          <input
            type="text"
            maxLength={ITEM_MAX}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
            data-testid="propose-text"
          />
        </label>
        <button type="submit" class="btn btn-primary" disabled={!text.trim()} data-testid="propose-submit">
          Propose
        </button>
      </form>
      <WaitingList items={waiting.map((m) => ({ id: m.id, text: m.text, label: LIST_SHORT[m.list] }))} />
      <InlineError message={pending.error} />
    </Section>
  );
}

/** Colleagues see what they and others proposed, and what became of it. */
function ProposalStatus() {
  const store = useStore();
  const proposals = store.state.value!.proposals;
  if (proposals.length === 0) return null;
  const word = (p: Proposal) =>
    p.state === 'pending' ? 'Waiting for the presenter' : p.state === 'accepted' ? 'On the board' : 'Set aside';
  return (
    <Section title="Proposals" id="proposals-heading">
      <ul class="plain-list" data-testid="proposal-status">
        {proposals.map((p) => (
          <li key={p.id} class={`proposal is-${p.state}`}>
            <span class="tag">{LIST_SHORT[p.list]}</span> <UserText text={p.text} />{' '}
            <span class="muted small">
              — {store.nameOf(p.author)} · {word(p)}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function PendingProposals() {
  const store = useStore();
  const pendingList = store.state.value!.proposals.filter((p) => p.state === 'pending');
  if (pendingList.length === 0) return null;
  return (
    <section class="proposals-panel" aria-labelledby="pending-heading" data-testid="pending-proposals">
      <h3 id="pending-heading" class="section-title">
        Proposed by colleagues <span class="count">{pendingList.length}</span>
      </h3>
      <ul class="plain-list">
        {pendingList.map((p) => (
          <PendingProposal key={p.id} proposal={p} />
        ))}
      </ul>
    </section>
  );
}

function PendingProposal({ proposal }: { proposal: Proposal }) {
  const store = useStore();
  const pending = usePending();
  const decide = (accept: boolean) => store.send({ type: 'proposal_decide', proposal: proposal.id, accept });
  return (
    <li class="proposal-row" data-testid="pending-proposal">
      <div>
        <span class="tag">{LIST_LABEL[proposal.list]}</span>
        <p class="proposal-text">
          <UserText text={proposal.text} />
        </p>
        <p class="muted small">from {store.nameOf(proposal.author)}</p>
      </div>
      <div class="row">
        <button
          type="button"
          class="btn btn-small btn-primary"
          disabled={pending.busy}
          onClick={() => pending.run(() => decide(true))}
          data-testid="proposal-accept"
        >
          Accept onto the board
        </button>
        <button
          type="button"
          class="btn btn-small"
          disabled={pending.busy}
          onClick={() => pending.run(() => decide(false))}
          data-testid="proposal-set-aside"
        >
          Set aside
        </button>
      </div>
      <InlineError message={pending.error} />
    </li>
  );
}
