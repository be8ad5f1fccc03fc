// "The same child stays Student A all year": when the presenter imports a
// transcript, this device remembers which pseudonym each hidden name was
// given, per inquiry (and for the whole device, for sessions it knows no
// inquiry of), and offers it again at the next import. Nothing of this ever
// leaves the browser. The names are not kept as written: each is kept as a
// salted SHA-256 digest of its folded form, so the stored list shows no
// child's name to someone glancing at this device's storage (it is no secret
// from someone who tries names one by one: names are guessable).

export interface PseudonymBook {
  /** Random, made with the book: the same name gives a different digest in every book. */
  salt: string;
  /** Digest of a folded name → the pseudonym it was last given. */
  names: Record<string, string>;
}

/** Books kept per scope; the oldest entries go first past this many names. */
export const MAX_REMEMBERED = 200;

const PREFIX = 'debrief:pseudonyms:';
/** The scope of sessions this device knows no inquiry of. */
export const DEVICE_SCOPE = 'device';

function randomSalt(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function loadBook(scope: string): PseudonymBook {
  try {
    const raw = localStorage.getItem(PREFIX + scope);
    const book = raw ? (JSON.parse(raw) as Partial<PseudonymBook>) : null;
    if (book && typeof book.salt === 'string' && book.salt && book.names && typeof book.names === 'object') {
      return { salt: book.salt, names: { ...book.names } };
    }
  } catch {
    // Unreadable: start a new book.
  }
  return { salt: randomSalt(), names: {} };
}

function saveBook(scope: string, book: PseudonymBook) {
  try {
    localStorage.setItem(PREFIX + scope, JSON.stringify(book));
  } catch {
    // Storage full or disabled: the import works, only nothing is remembered.
  }
}

/** Whether this browser can make the digests (Web Crypto needs a secure context: HTTPS or localhost). */
export function canRemember(): boolean {
  return typeof crypto !== 'undefined' && Boolean(crypto.subtle);
}

/** The digest a folded name is kept under in `book`. */
export async function digestName(book: PseudonymBook, folded: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${book.salt}\n${folded}`);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(hash.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `book` with each digest → pseudonym written in (latest last), keeping at most MAX_REMEMBERED names. */
export function withNames(book: PseudonymBook, given: [string, string][]): PseudonymBook {
  const names = { ...book.names };
  for (const [digest, pseudonym] of given) {
    // Re-inserted, so the latest use is the last key and the oldest are dropped first.
    delete names[digest];
    names[digest] = pseudonym;
  }
  const keys = Object.keys(names);
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_REMEMBERED))) delete names[old];
  return { salt: book.salt, names };
}

/** The scopes to look in, most specific first: the session's inquiry (when known here), then the device. */
export function scopesFor(inquiry: string | null): string[] {
  return inquiry ? [`inquiry:${inquiry}`, DEVICE_SCOPE] : [DEVICE_SCOPE];
}

/** Remembers folded name → pseudonym in every scope given. */
export async function remember(scopes: string[], given: { folded: string; pseudonym: string }[]) {
  if (!canRemember() || given.length === 0) return;
  for (const scope of scopes) {
    const book = loadBook(scope);
    const pairs: [string, string][] = [];
    for (const g of given) pairs.push([await digestName(book, g.folded), g.pseudonym]);
    saveBook(scope, withNames(book, pairs));
  }
}

/** The pseudonym each folded name was last given, looked up scope by scope (the first that knows it wins). */
export async function recall(scopes: string[], folded: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (!canRemember()) return found;
  for (const scope of scopes) {
    const book = loadBook(scope);
    for (const name of folded) {
      if (found.has(name)) continue;
      const pseudonym = book.names[await digestName(book, name)];
      if (pseudonym) found.set(name, pseudonym);
    }
  }
  return found;
}

/** A person of the import as far as pre-filling goes: their names (folded) and the pseudonym typed so far. */
export interface Fillable {
  folded: string[];
  pseudonym: string;
}

/**
 * The pseudonym to offer each person, by index: the remembered one of the
 * first of their names that has one — unless the presenter typed one, or it
 * is already someone else's here (two children must never share one).
 */
export function prefill(people: Fillable[], recalled: Map<string, string>): (string | null)[] {
  const taken = new Set(people.map((p) => p.pseudonym.trim().toLowerCase()).filter(Boolean));
  return people.map((p) => {
    if (p.pseudonym.trim()) return null;
    const pseudonym = p.folded.map((n) => recalled.get(n)).find((x) => x !== undefined);
    if (!pseudonym || taken.has(pseudonym.toLowerCase())) return null;
    taken.add(pseudonym.toLowerCase());
    return pseudonym;
  });
}
