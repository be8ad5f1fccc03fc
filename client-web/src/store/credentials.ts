// What this browser keeps to come back to a session (src/saved.ts): the
// resume token and the facilitator key.

import { signal } from '@preact/signals';
import type { Role } from '../protocol';
import { loadCredentials, updateCredentials } from '../saved';

export function createCredentials(code: string) {
  const hasFacilitatorKey = signal(Boolean(loadCredentials(code).facilitator_key));
  return {
    hasFacilitatorKey,
    token: () => loadCredentials(code).token,
    facilitatorKey: () => loadCredentials(code).facilitator_key,
    /** Keeps the token a join was acknowledged with, or forgets it (`undefined`). */
    setToken(token: string | undefined) {
      updateCredentials(code, { token });
    },
    /** A key typed on a device that was never given it, kept here once it worked. */
    rememberFacilitatorKey(key: string) {
      updateCredentials(code, { facilitator_key: key });
      hasFacilitatorKey.value = true;
    },
    /** The key a download of the session's record needs: the facilitator key, or the presenter's token. */
    exportKey(role: Role | null): string | null {
      const creds = loadCredentials(code);
      if (creds.facilitator_key) return creds.facilitator_key;
      if (role === 'presenter' && creds.token) return creds.token;
      return null;
    },
  };
}

export type Credentials = ReturnType<typeof createCredentials>;
