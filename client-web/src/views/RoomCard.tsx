// One room on the host console: its label, phase ("3/7", title and kind),
// the clock (time left, paused, or over), who is there and who is done, the
// flags a leader acts on, a box to select it, and a link to look in.

import type { RoomSummary } from '../host-api';
import { FLAG_LABEL, roomClock, roomFlags, type ConsoleFlag, type RoomClock } from '../host-console';
import { lookInPath } from '../router';
import { formatMmSs } from '../timer';
import { kindLabel, roleLabel } from './labels';
import './RoomCard.css';

function ClockText({ clock }: { clock: Exclude<RoomClock, { kind: 'none' }> }) {
  switch (clock.kind) {
    case 'idle':
      return <>{formatMmSs(clock.ms)} · timer not started</>;
    case 'paused':
      return <>{formatMmSs(clock.ms)} left · paused</>;
    case 'running':
      return <>{formatMmSs(clock.ms)} left</>;
    case 'over':
      return <>{formatMmSs(clock.ms)} over</>;
  }
}

const FLAG_CLASS: Record<ConsoleFlag, string> = {
  nobody: 'flag-alert',
  no_facilitator: 'flag-alert',
  no_presenter: 'flag-warn',
  over_time: 'flag-warn',
  ended: 'flag-quiet',
};

export function RoomCard(props: {
  room: RoomSummary;
  event: string;
  now: number;
  selected: boolean;
  onToggle(): void;
}) {
  const { room, now } = props;
  const flags = roomFlags(room, now);
  const clock = roomClock(room, now);
  const boxId = `select-${room.session}`;
  return (
    <li
      class={`room-card${props.selected ? ' is-selected' : ''}${flags.some((f) => f !== 'ended') ? ' needs-attention' : ''}`}
      data-testid="room-card"
      data-session={room.session}
      data-status={room.status}
      data-flags={flags.join(' ')}
    >
      <div class="room-top">
        <input
          id={boxId}
          type="checkbox"
          class="room-check"
          checked={props.selected}
          onChange={props.onToggle}
          data-testid="room-select"
        />
        <label for={boxId} class="room-label" data-testid="room-label">
          <span class="room-position muted">{room.position}.</span> {room.label}
        </label>
        <a
          class="btn btn-tiny"
          href={lookInPath(room.session, props.event)}
          target="_blank"
          rel="noopener"
          aria-label={`Look in: ${room.label} (opens a new tab)`}
          data-testid="look-in"
        >
          Look in
        </a>
      </div>
      <p class="room-phase" data-testid="room-phase">
        {room.status === 'live' ? (
          <>
            <span class="room-step">
              {room.phase + 1}/{room.phases}
            </span>{' '}
            {room.phase_title} <span class="muted small">· {kindLabel(room.phase_kind)}</span>
          </>
        ) : room.status === 'lobby' ? (
          <span class="muted">In the lobby</span>
        ) : (
          <span class="muted">Ended</span>
        )}
      </p>
      {clock.kind !== 'none' && (
        <p class={`room-clock room-clock-${clock.kind}`} data-testid="room-clock" data-kind={clock.kind}>
          <ClockText clock={clock} />
        </p>
      )}
      <p class="room-people small" data-testid="room-people">
        <strong>
          {room.online}/{room.joined}
        </strong>{' '}
        online{room.status === 'live' && room.joined > 0 ? ` · ${room.done} done` : ''}
        {room.hosts > 0 ? ' · host looking in' : ''}
      </p>
      {room.people.length > 0 && (
        <ul class="room-names small" aria-label={`People in ${room.label}`}>
          {room.people.map((p, i) => (
            <li
              key={i}
              class={p.online ? 'is-online' : 'is-offline'}
              data-testid="room-person"
              data-done={p.done ? 'true' : 'false'}
            >
              {p.name}
              <span class="muted">
                {' '}
                ({roleLabel(p.role)}
                {p.online ? '' : ', offline'})
              </span>
              {p.done && room.status === 'live' && <span class="room-done"> ✓ done</span>}
            </li>
          ))}
        </ul>
      )}
      {flags.length > 0 && (
        <ul class="room-flags" aria-label="Flags" data-testid="room-flags">
          {flags.map((f) => (
            <li key={f} class={`room-flag ${FLAG_CLASS[f]}`} data-flag={f}>
              {FLAG_LABEL[f]}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
