// Name and role, for someone who has the link but has not joined yet. It
// renders from the lobby message alone: before joining, this page knows the
// title, the agenda and who is here, and nothing that anyone has written.

import { useState } from 'preact/hooks';
import type { Role } from '../protocol';
import type { SessionStore } from '../store';
import { ROLE_HINT, ROLE_LABEL, kindLabel } from './labels';

const NAME_MAX = 60;
const NAME_KEY = 'debrief:name';

function rememberedName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

export function JoinForm({ store }: { store: SessionStore }) {
  const lobby = store.lobby.value!;
  const canFacilitate = store.hasFacilitatorKey.value;
  const presenterTaken = store.presenterTaken.value;
  const [name, setName] = useState(rememberedName);
  const [role, setRole] = useState<Role>(canFacilitate ? 'facilitator' : 'colleague');
  const [busy, setBusy] = useState(false);

  const roles: Role[] = canFacilitate
    ? ['facilitator', 'presenter', 'colleague', 'observer']
    : ['presenter', 'colleague', 'observer'];

  if (lobby.status === 'ended') {
    return (
      <section class="card" data-testid="session-ended">
        <h2>This session has ended</h2>
        <p>
          <a href="/">Start a new session</a>
        </p>
      </section>
    );
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (busy || !name.trim()) return;
    setBusy(true);
    try {
      localStorage.setItem(NAME_KEY, name.trim());
    } catch {
      /* not remembered; fine */
    }
    await store.join(name, role);
    setBusy(false);
  }

  return (
    <div class="join-layout">
      <section class="card" aria-labelledby="join-title">
        <h2 id="join-title">Join this session</h2>
        <form class="stack" onSubmit={submit} data-testid="join-form">
          <label class="field">
            <span class="field-label">Your name</span>
            <input
              type="text"
              name="name"
              required
              maxLength={NAME_MAX}
              autoComplete="name"
              autoFocus
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
              data-testid="join-name"
            />
          </label>
          <fieldset class="roles">
            <legend>Your role</legend>
            {roles.map((r) => {
              const taken = r === 'presenter' && presenterTaken;
              return (
                <label class={`role-option${taken ? ' is-disabled' : ''}`} key={r}>
                  <input
                    type="radio"
                    name="role"
                    value={r}
                    checked={role === r}
                    disabled={taken}
                    onChange={() => setRole(r)}
                    data-testid={`role-${r}`}
                  />
                  <span>
                    <span class="role-name">
                      {ROLE_LABEL[r]}
                      {taken && <span class="muted"> (taken)</span>}
                    </span>
                    <span class="role-hint muted">{ROLE_HINT[r]}</span>
                  </span>
                </label>
              );
            })}
          </fieldset>
          <div>
            <button
              type="submit"
              class="btn btn-primary"
              disabled={busy || !name.trim()}
              data-testid="join-submit"
            >
              {busy ? (store.welcomed.value ? 'Joining…' : 'Waiting for connection…') : 'Join'}
            </button>
          </div>
        </form>
      </section>
      <section class="card" aria-labelledby="agenda-title">
        <h2 id="agenda-title">{lobby.template}</h2>
        <ol class="agenda" data-testid="lobby-agenda">
          {lobby.phases.map((p, i) => (
            <li key={i}>
              <span>{p.title}</span>
              <span class="muted">
                {kindLabel(p.kind)} · {p.minutes} min
              </span>
            </li>
          ))}
        </ol>
        <p class="muted" data-testid="lobby-status">
          {lobby.status === 'live' ? 'Under way: you join at the current phase.' : 'Not started yet.'}
        </p>
        <p class="muted" data-testid="lobby-people">
          {lobby.participants.length === 0
            ? 'Nobody has joined yet.'
            : `Already here: ${lobby.participants.map((p) => p.name).join(', ')}`}
        </p>
      </section>
    </div>
  );
}
