// The console's action bar: to every room or to those selected, send a
// notice, or act as each room's facilitator would — start, pause, resume, add
// time, move to a phase (asked first). The server answers once every room
// has committed or refused; the answer is said in one line ("28 rooms paused;
// 2 not: this room has not started.").

import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { actOnRooms, type HostAction } from '../host-api';
import { resultsSummary } from '../host-console';
import { LIMITS } from '../generated/contract';
import type { Phase } from '../protocol';
import { ConfirmInline, InlineError } from './common';
import { kindLabel, plural } from './labels';
import './HostActions.css';

const NOTICE_MAX = LIMITS.max_notice_chars;
const MAX_ADD_MINUTES = Math.floor(LIMITS.max_timer_add_seconds / 60);

export function ActionBar(props: {
  id: string;
  hostKey: string;
  phases: Phase[];
  rooms: number;
  selected: string[];
  onClearSelection(): void;
}) {
  const { selected } = props;
  const [target, setTarget] = useState<'all' | 'selected'>('all');
  const [text, setText] = useState('');
  const [minutes, setMinutes] = useState('5');
  const [phase, setPhase] = useState(props.phases[0]?.id ?? '');
  const [confirmMove, setConfirmMove] = useState(false);
  const [busy, setBusy] = useState('');
  const [result, setResult] = useState('');
  const [error, setError] = useState('');

  // Selecting rooms means acting on them; clearing the selection means every room again.
  const anySelected = selected.length > 0;
  useEffect(() => setTarget(anySelected ? 'selected' : 'all'), [anySelected]);
  const toSelected = target === 'selected' && anySelected;
  const count = toSelected ? selected.length : props.rooms;
  const whom = toSelected ? plural(count, 'selected room') : count === 1 ? 'the one room' : `all ${count} rooms`;

  async function run(action: HostAction): Promise<boolean> {
    setBusy(action.action);
    setError('');
    setResult('');
    try {
      const results = await actOnRooms(props.id, props.hostKey, action, toSelected ? selected : undefined);
      setResult(resultsSummary(action.action, results));
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Something went wrong. Please try again.');
      return false;
    } finally {
      setBusy('');
    }
  }

  const trimmed = text.trim();
  const added = Number(minutes);
  const minutesOk = Number.isInteger(added) && added >= 1 && added <= MAX_ADD_MINUTES;
  const phaseTitle = props.phases.find((p) => p.id === phase)?.title ?? phase;

  return (
    <section class="card action-bar" aria-labelledby="actions-heading" data-testid="action-bar">
      <div class="action-head">
        <h2 id="actions-heading" class="section-title">
          Speak and act
        </h2>
        <fieldset class="segmented action-target">
          <legend class="visually-hidden">Which rooms</legend>
          <label class="segment">
            <input
              type="radio"
              name="action-target"
              checked={!toSelected}
              onChange={() => setTarget('all')}
              data-testid="target-all"
            />
            <span>All rooms ({props.rooms})</span>
          </label>
          <label class="segment">
            <input
              type="radio"
              name="action-target"
              checked={toSelected}
              disabled={!anySelected}
              onChange={() => setTarget('selected')}
              data-testid="target-selected"
            />
            <span>Selected ({selected.length})</span>
          </label>
        </fieldset>
      </div>
      <form
        class="notice-composer"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!trimmed || busy) return;
          if (await run({ action: 'notice', text: trimmed })) setText('');
        }}
      >
        <label class="field">
          <span class="field-label">Notice to {whom}</span>
          <textarea
            class="textarea"
            rows={2}
            maxLength={NOTICE_MAX}
            placeholder="e.g. Five minutes left. Please come back to the main room at 10:30."
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
            data-testid="notice-text"
          />
        </label>
        <div class="row notice-send">
          <span class="small muted">
            {[...trimmed].length}/{NOTICE_MAX}
          </span>
          <button
            type="submit"
            class="btn btn-primary btn-small"
            disabled={!trimmed || busy !== ''}
            data-testid="notice-send"
          >
            {busy === 'notice' ? 'Sending…' : 'Send notice'}
          </button>
        </div>
      </form>
      <div class="action-buttons" role="group" aria-label={`Act on ${whom}`}>
        <button
          type="button"
          class="btn"
          disabled={busy !== ''}
          onClick={() => run({ action: 'start' })}
          data-testid="act-start"
        >
          Start
        </button>
        <button
          type="button"
          class="btn"
          disabled={busy !== ''}
          onClick={() => run({ action: 'pause' })}
          data-testid="act-pause"
        >
          Pause
        </button>
        <button
          type="button"
          class="btn"
          disabled={busy !== ''}
          onClick={() => run({ action: 'resume' })}
          data-testid="act-resume"
        >
          Resume
        </button>
        <span class="action-group">
          <label class="visually-hidden" for="add-minutes">
            Minutes to add
          </label>
          <input
            id="add-minutes"
            type="number"
            min={1}
            max={MAX_ADD_MINUTES}
            value={minutes}
            onInput={(e) => setMinutes(e.currentTarget.value)}
            data-testid="add-minutes"
          />
          <button
            type="button"
            class="btn"
            disabled={busy !== '' || !minutesOk}
            onClick={() => run({ action: 'add_time', seconds: added * 60 })}
            data-testid="act-add-time"
          >
            Add {minutesOk ? plural(added, 'minute') : 'time'}
          </button>
        </span>
        {props.phases.length > 0 && (
          <span class="action-group">
            <label class="visually-hidden" for="move-phase">
              Phase to move to
            </label>
            <select
              id="move-phase"
              class="select"
              value={phase}
              onChange={(e) => setPhase(e.currentTarget.value)}
              data-testid="move-phase"
            >
              {props.phases.map((p, i) => (
                <option key={p.id} value={p.id}>
                  {i + 1}. {p.title} ({kindLabel(p.kind)})
                </option>
              ))}
            </select>
            <button
              type="button"
              class="btn"
              disabled={busy !== '' || !phase}
              aria-expanded={confirmMove}
              onClick={() => setConfirmMove(true)}
              data-testid="act-move"
            >
              Move…
            </button>
          </span>
        )}
      </div>
      {confirmMove && (
        <ConfirmInline
          question={
            <>
              Move {whom} to <strong>{phaseTitle}</strong>? Each room’s timer follows the phase, and everyone there sees
              that the event host moved them. Their facilitators can move back.
            </>
          }
          confirmLabel={`Move ${plural(count, 'room')}`}
          busy={busy !== ''}
          onCancel={() => setConfirmMove(false)}
          onConfirm={async () => {
            await run({ action: 'go_to_phase', phase });
            setConfirmMove(false);
          }}
          testid="confirm-move"
        />
      )}
      <p class="action-result" role="status" data-testid="action-result">
        {result}
      </p>
      <InlineError message={error} />
    </section>
  );
}
