// What this browser remembers per session, in localStorage: the facilitator
// key (only on the creator's browser), the resume token, and the last state
// seen with its seq so that a reload can ask only for what it missed.

import type { SessionState } from './protocol';

export interface Credentials {
  facilitator_key?: string;
  token?: string;
}

export interface CachedState {
  seq: number;
  state: SessionState;
}

const credKey = (code: string) => `debrief:session:${code}`;
const cacheKey = (code: string) => `debrief:state:${code}`;

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the session still works, only without resume.
  }
}

export function loadCredentials(code: string): Credentials {
  return read<Credentials>(credKey(code)) ?? {};
}

export function updateCredentials(code: string, change: Partial<Credentials>) {
  const next: Credentials = { ...loadCredentials(code), ...change };
  for (const k of Object.keys(next) as (keyof Credentials)[]) {
    if (next[k] === undefined) delete next[k];
  }
  write(credKey(code), next);
}

export function loadCachedState(code: string): CachedState | null {
  const cached = read<CachedState>(cacheKey(code));
  if (!cached || typeof cached.seq !== 'number' || !cached.state?.template) return null;
  return cached;
}

export function saveCachedState(code: string, cached: CachedState | null) {
  write(cacheKey(code), cached);
}
