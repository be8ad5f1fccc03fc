// Who is here: name, role, online or not.

import { navigate } from '../router';
import type { SessionStore } from '../store';
import { roleLabel } from './labels';

export function PresenceList({ store }: { store: SessionStore }) {
  const state = store.state.value!;
  const you = store.you.value;
  const people = state.participants;
  const online = people.filter((p) => p.online).length;
  const canLeave = !store.isFacilitator.value && state.status !== 'ended';

  async function leave() {
    const result = await store.leave();
    if (result.ok) navigate('/');
  }

  return (
    <section class="card" aria-labelledby="people-heading">
      <h2 id="people-heading" class="side-heading">
        People <span class="muted">· {online} online</span>
      </h2>
      <ul class="presence-list" data-testid="presence-list">
        {people.map((p) => (
          <li
            key={p.id}
            class={`presence-item${p.online ? ' is-online' : ' is-offline'}`}
            data-testid="presence-item"
            data-participant={p.id}
            data-online={p.online ? 'true' : 'false'}
          >
            <span class="presence-dot" aria-hidden="true" />
            <span class="presence-name" data-testid="presence-name">
              {p.name}
              {p.id === you && <span class="muted"> (you)</span>}
            </span>
            <span class="presence-meta">
              <span class="presence-role">{roleLabel(p.role)}</span> ·{' '}
              <span class="presence-state">{p.online ? 'online' : 'offline'}</span>
            </span>
          </li>
        ))}
      </ul>
      {canLeave && (
        <button type="button" class="btn btn-small btn-quiet" onClick={leave} data-testid="btn-leave">
          Leave session
        </button>
      )}
    </section>
  );
}
