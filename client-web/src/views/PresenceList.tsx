// Who is here: name, role, online or not, and who is done with this phase.
// The facilitator can hand the role to someone else, and make someone else
// the presenter (the presenter's device is gone, or another teacher presents).

import { useRef, useState } from 'preact/hooks';
import type { Participant } from '../protocol';
import { navigate } from '../router';
import { ConfirmButton, ConfirmInline, InlineError, usePending } from './common';
import { roleLabel } from './labels';
import { useStore } from './useStore';
import './PresenceList.css';

export function PresenceList() {
  const store = useStore();
  const state = store.state.value!;
  const you = store.you.value;
  const people = state.participants;
  const online = people.filter((p) => p.online).length;
  const canLeave = !store.isFacilitator.value && state.status !== 'ended';
  const lookingIn = store.role.value === 'host';
  const live = state.status === 'live';
  const facilitator = store.isFacilitator.value && state.status !== 'ended';
  const [handing, setHanding] = useState(false);
  /** The participant the facilitator is about to make presenter, while asked to confirm. */
  const [makingPresenter, setMakingPresenter] = useState<string | null>(null);
  const askedFrom = useRef<HTMLButtonElement | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const pending = usePending();
  const presenter = people.find((p) => p.role === 'presenter');

  async function movePresenter(to: string) {
    const r = await pending.run(() => store.send({ type: 'move_presenter', to }));
    if (!r?.ok) return;
    setMakingPresenter(null);
    // The row's button is gone with the confirm: keep focus in the list.
    heading.current?.focus();
  }

  function cancelMovePresenter() {
    setMakingPresenter(null);
    askedFrom.current?.focus();
  }

  async function leave() {
    const result = await store.send({ type: 'leave' });
    if (result.ok) navigate('/');
  }

  return (
    <section class="card" aria-labelledby="people-heading">
      <div class="side-head">
        <h2 id="people-heading" class="side-heading" tabIndex={-1} ref={heading}>
          People <span class="muted">· {online} online</span>
        </h2>
        {facilitator && people.length > 1 && (
          <button
            type="button"
            class="btn btn-tiny"
            aria-pressed={handing}
            onClick={() => setHanding(!handing)}
            data-testid="hand-over-toggle"
          >
            {handing ? 'Cancel' : 'Hand over'}
          </button>
        )}
      </div>
      {live && (
        <p class="side-sub muted" data-testid="done-count">
          {state.done.length} of {people.filter((p) => p.role !== 'host').length} done with this phase
        </p>
      )}
      {handing && <p class="small muted">Choose who facilitates next. You become a colleague.</p>}
      <ul class="presence-list" data-testid="presence-list">
        {people.map((p) => {
          const done = state.done.includes(p.id);
          return (
            <li
              key={p.id}
              class={`presence-item${p.online ? ' is-online' : ' is-offline'}`}
              data-testid="presence-item"
              data-participant={p.id}
              data-online={p.online ? 'true' : 'false'}
              data-done={done ? 'true' : 'false'}
            >
              <span class="presence-dot" aria-hidden="true" />
              <span class="presence-name" data-testid="presence-name">
                {p.name}
                {p.id === you && <span class="muted"> (you)</span>}
              </span>
              <span class="presence-meta">
                <span class="presence-role">{roleLabel(p.role)}</span> ·{' '}
                <span class="presence-state">{p.online ? 'online' : 'offline'}</span>
                {live && done && <span class="done-badge">Done</span>}
              </span>
              {facilitator && p.role !== 'presenter' && p.role !== 'facilitator' && (
                <span class="presence-action">
                  <button
                    type="button"
                    class="btn btn-tiny"
                    aria-expanded={makingPresenter === p.id}
                    aria-label={`Make presenter: ${p.name}`}
                    onClick={(e) => {
                      askedFrom.current = e.currentTarget;
                      setMakingPresenter(makingPresenter === p.id ? null : p.id);
                    }}
                    data-testid="make-presenter"
                  >
                    Make presenter
                  </button>
                </span>
              )}
              {makingPresenter === p.id && (
                <ConfirmInline
                  question={<MovePresenterQuestion to={p} from={presenter} />}
                  confirmLabel={`Make ${p.name} presenter`}
                  busy={pending.busy}
                  onConfirm={() => void movePresenter(p.id)}
                  onCancel={cancelMovePresenter}
                  testid="confirm-move-presenter"
                />
              )}
              {handing && p.id !== you && p.role !== 'presenter' && p.role !== 'facilitator' && (
                <span class="presence-action">
                  <ConfirmButton
                    class="btn btn-tiny"
                    label="Make facilitator"
                    confirmLabel={`Confirm: ${p.name} facilitates`}
                    ariaLabel={`Make facilitator: ${p.name}`}
                    testid="hand-over"
                    onConfirm={async () => {
                      const r = await pending.run(() => store.send({ type: 'hand_over', to: p.id }));
                      if (r?.ok) setHanding(false);
                    }}
                  />
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <InlineError message={pending.error} />
      {canLeave && (
        <button type="button" class="btn btn-small btn-quiet" onClick={leave} data-testid="btn-leave">
          {lookingIn ? 'Stop looking in' : 'Leave session'}
        </button>
      )}
    </section>
  );
}

/** What moving the presenter role does, said before it happens. */
function MovePresenterQuestion({ to, from }: { to: Participant; from: Participant | undefined }) {
  return (
    <>
      Make <strong>{to.name}</strong> the presenter? The assumption board, the transcript and the adaptations move to{' '}
      {to.name}
      {from ? (
        <>
          ; {from.name}
          {from.online ? '' : ' (offline)'} becomes a colleague.
        </>
      ) : (
        '.'
      )}{' '}
      You can move the role again later.
    </>
  );
}

/** "I'm done" for the current phase, for everyone. */
export function DoneToggle() {
  const store = useStore();
  const state = store.state.value!;
  const you = store.you.value;
  const pending = usePending();
  // The event's host looking in reads along; they are never done with a phase.
  if (state.status !== 'live' || !you || store.role.value === 'host') return null;
  const done = state.done.includes(you);
  async function toggle() {
    const result = await pending.run(() => store.setDone(!done));
    // The phase moved on first: a new phase starts with nobody done, so there is nothing to say.
    if (result?.ok === false && result.code === 'conflict') pending.clear();
  }
  return (
    <>
      <button
        type="button"
        class={`btn btn-small done-toggle${done ? ' is-done' : ''}`}
        aria-pressed={done}
        onClick={() => void toggle()}
        data-testid="done-toggle"
      >
        {done ? '✓ Done — undo' : 'I’m done with this phase'}
      </button>
      <InlineError message={pending.error} />
    </>
  );
}
