// What this browser keeps to run an event (one host, many rooms): its host
// key, given once when the event was made, and its title. In localStorage,
// like the inquiry key (inquiry-keys.ts); never in a URL. The key goes to the
// server only in the Authorization header, the host subscription's first
// message and a look-in's join.

export interface KeptEvent {
  key: string;
  title: string;
}

const PREFIX = 'debrief:event:';

function read(id: string): KeptEvent | null {
  try {
    const raw = localStorage.getItem(PREFIX + id);
    const value = raw ? (JSON.parse(raw) as Partial<KeptEvent>) : null;
    if (!value || typeof value.key !== 'string' || !value.key) return null;
    return { key: value.key, title: typeof value.title === 'string' ? value.title : '' };
  } catch {
    return null;
  }
}

function write(id: string, value: KeptEvent | null) {
  try {
    if (value) localStorage.setItem(PREFIX + id, JSON.stringify(value));
    else localStorage.removeItem(PREFIX + id);
  } catch {
    // Storage full or disabled: the event still works on this page, only not after a reload.
  }
}

export function loadEvent(id: string): KeptEvent | null {
  return read(id);
}

/** Keeps (or updates) an event's key and title; without a key known or given, nothing is kept. */
export function rememberEvent(id: string, change: { key?: string; title?: string }) {
  const current = read(id);
  const key = change.key ?? current?.key;
  if (!key) return;
  write(id, { key, title: change.title ?? current?.title ?? '' });
}

export function forgetEvent(id: string) {
  write(id, null);
}

/** Every event this browser holds the key of, for the start page to offer again. */
export function keptEvents(): { id: string; title: string }[] {
  const out: { id: string; title: string }[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const name = localStorage.key(i);
      if (!name?.startsWith(PREFIX)) continue;
      const id = name.slice(PREFIX.length);
      const event = read(id);
      if (event) out.push({ id, title: event.title });
    }
  } catch {
    // No storage: nothing known.
  }
  return out.sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
}
