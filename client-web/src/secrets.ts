// Random values the client chooses itself, from the browser's CSPRNG.

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A join's `client_secret`: 128 random bits as 32 hex digits. Only the
 * connection that sent a join can claim its answer again on a retry, so
 * someone replaying a guessed command id gets no one's token.
 */
export function newClientSecret(): string {
  return randomHex(16);
}

/** The prefix of this page's command ids: unpredictable, so ids never collide with another page's. */
export function newIdPrefix(): string {
  return randomHex(5);
}
