// Name and role, for someone who has the link but has not joined yet. It
// renders from the lobby message alone: before joining, this page knows the
// title, the agenda and who is here, and nothing that anyone has written.

import { useState } from 'preact/hooks';
import type { Role } from '../protocol';
import { ROLE_HINT, ROLE_LABEL, kindLabel } from './labels';
import { LIMITS } from '../generated/contract';
import { useStore } from './useStore';
import './JoinForm.css';

const NAME_MAX = LIMITS.max_name_chars;
const NAME_KEY = 'debrief:name';
/** A facilitator key is 32 hex characters (PROTOCOL.md); room for stray spaces in a paste. */
const KEY_CHARS = 32;
const KEY_INPUT_MAX = 64;

/** The key as pasted, without the spaces or line breaks a copy may bring along. */
function cleanKey(typed: string): string {
  return typed.replace(/\s+/g, '');
}

/** Why a pasted key cannot be this session's, before asking the server; '' when it may be. */
function keyProblem(key: string): string {
  if (key.length !== KEY_CHARS) {
    return `A facilitator key is ${KEY_CHARS} characters; this one has ${key.length}. Copy all of it and paste it again.`;
  }
  if (!/^[0-9a-f]+$/i.test(key)) {
    return 'A facilitator key has only the digits 0–9 and the letters a–f. Copy it again from where it is kept.';
  }
  return '';
}

function rememberedName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

export function JoinForm() {
  const store = useStore();
  const lobby = store.lobby.value!;
  const keptKey = store.hasFacilitatorKey.value;
  const presenterTaken = store.presenterTaken.value;
  const [name, setName] = useState(rememberedName);
  const [role, setRole] = useState<Role>(keptKey ? 'facilitator' : 'colleague');
  const [busy, setBusy] = useState(false);
  // On a device that was not given the key: the key as pasted, and why a join was refused.
  const [typedKey, setTypedKey] = useState('');
  const [error, setError] = useState<{ message: string; code: string; aboutKey: boolean } | null>(null);
  const canFacilitate = keptKey || typedKey !== '';

  const roles: Role[] = canFacilitate
    ? ['facilitator', 'presenter', 'colleague', 'observer']
    : ['presenter', 'colleague', 'observer'];

  function typeKey(value: string) {
    const was = typedKey;
    setTypedKey(value);
    setError(null);
    // A pasted key means "I lead": offer it as the choice; an emptied field takes it back.
    if (!was && value) setRole('facilitator');
    if (was && !value && role === 'facilitator') setRole('colleague');
  }

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
    const key = !keptKey && role === 'facilitator' ? cleanKey(typedKey) : '';
    const problem = key ? keyProblem(key) : '';
    if (problem) {
      setBusy(false);
      setError({ message: problem, code: 'invalid', aboutKey: true });
      return;
    }
    setError(null);
    const result = await store.join(name, role, key);
    setBusy(false);
    if (result.ok) return;
    if (result.code === 'forbidden' && role === 'facilitator') {
      setError({
        message: `This is not the facilitator key of this session (code ${store.code}). Check that you copied all of it, or join in another role.`,
        code: result.code,
        aboutKey: true,
      });
      return;
    }
    setError({ message: result.message, code: result.code, aboutKey: false });
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
            {presenterTaken && (
              <p class="small muted" data-testid="presenter-taken-hint">
                Presenter on another device? Join as a colleague and ask the facilitator to make you presenter.
              </p>
            )}
          </fieldset>
          {!keptKey && (
            <details class="key-entry" data-testid="facilitator-key-entry">
              <summary>I have the facilitator key</summary>
              <label class="field">
                <span class="field-label">Facilitator key</span>
                <input
                  type="password"
                  autoComplete="off"
                  spellcheck={false}
                  maxLength={KEY_INPUT_MAX}
                  value={typedKey}
                  aria-invalid={error?.aboutKey ? 'true' : undefined}
                  aria-describedby="facilitator-key-help"
                  onInput={(e) => typeKey(e.currentTarget.value)}
                  data-testid="join-facilitator-key"
                />
              </label>
              <p id="facilitator-key-help" class="small muted">
                To lead from this device. Whoever created the session finds the key under <em>Invite</em>, behind{' '}
                <em>Show facilitator key</em>. It never goes into a link.
              </p>
            </details>
          )}
          {error && (
            <p class="inline-error small" role="alert" data-testid="join-error" data-code={error.code}>
              {error.message}
            </p>
          )}
          <div>
            <button type="submit" class="btn btn-primary" disabled={busy || !name.trim()} data-testid="join-submit">
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
