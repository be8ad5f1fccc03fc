// What this browser keeps to reach an inquiry (a presenter's partnership with
// a few focal learners across the year): its key, given once when the
// inquiry was made, its title, and the codes of the sessions it planned or
// joined to it — so a session's page knows its inquiry without the server
// ever telling anyone who holds only a session code. In localStorage, like
// the facilitator key (src/saved.ts); never in a URL.

export interface KeptInquiry {
  key: string;
  title: string;
  /** Codes of this inquiry's sessions that this browser knows of. */
  sessions: string[];
}

const PREFIX = 'debrief:inquiry:';

function read(id: string): KeptInquiry | null {
  try {
    const raw = localStorage.getItem(PREFIX + id);
    const value = raw ? (JSON.parse(raw) as Partial<KeptInquiry>) : null;
    if (!value || typeof value.key !== 'string' || !value.key) return null;
    return {
      key: value.key,
      title: typeof value.title === 'string' ? value.title : '',
      sessions: Array.isArray(value.sessions) ? value.sessions.filter((c) => typeof c === 'string') : [],
    };
  } catch {
    return null;
  }
}

function write(id: string, value: KeptInquiry | null) {
  try {
    if (value) localStorage.setItem(PREFIX + id, JSON.stringify(value));
    else localStorage.removeItem(PREFIX + id);
  } catch {
    // Storage full or disabled: the inquiry still works on this page, only not after a reload.
  }
}

export function loadInquiry(id: string): KeptInquiry | null {
  return read(id);
}

/** Keeps (or updates) an inquiry's key and title, and adds session codes to it. */
export function rememberInquiry(id: string, change: { key?: string; title?: string; sessions?: string[] }) {
  const current = read(id);
  const key = change.key ?? current?.key;
  if (!key) return;
  const sessions = [...new Set([...(current?.sessions ?? []), ...(change.sessions ?? [])])];
  write(id, { key, title: change.title ?? current?.title ?? '', sessions });
}

export function forgetInquiry(id: string) {
  write(id, null);
}

/** The inquiry this browser knows `code` belongs to, if any. */
export function inquiryOfSession(code: string): { id: string; inquiry: KeptInquiry } | null {
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const name = localStorage.key(i);
      if (!name?.startsWith(PREFIX)) continue;
      const id = name.slice(PREFIX.length);
      const inquiry = read(id);
      if (inquiry?.sessions.includes(code)) return { id, inquiry };
    }
  } catch {
    // No storage: nothing known.
  }
  return null;
}
