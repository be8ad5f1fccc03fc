// Writing the session did not take: a content command the server refused
// (the phase had moved on, the text was too long, …) or text still in a
// composer when its phase ended. Each draft keeps the command as written,
// with the phase it was written in, so it can be added again on purpose.
// Drafts live only on this device (localStorage, per session) and are never
// sent anywhere without the author's click: some were written in private.

import { signal } from '@preact/signals';
import { allowed, writersAllow } from './permissions';
import { isHidden, type ContentCommand, type Phase, type Role, type SessionState } from './protocol';

export interface Draft {
  key: string;
  /** As written, `phase` naming the phase it was written in. */
  command: ContentCommand;
  phaseTitle: string;
  /** Written in a private phase not yet revealed: private text. */
  private: boolean;
  /** Why it was not added, in the server's words or ours. */
  reason: string;
  at: number;
}

/** The words a person typed, whatever the command. */
export function draftText(command: ContentCommand): string {
  switch (command.type) {
    case 'annotate':
      return command.comment ?? '';
    case 'adaptation_add':
      return command.change;
    default:
      return command.text;
  }
}

export function withText(command: ContentCommand, text: string): ContentCommand {
  switch (command.type) {
    case 'annotate':
      return { ...command, comment: text };
    case 'adaptation_add':
      return { ...command, change: text };
    default:
      return { ...command, text };
  }
}

/** The same writing, bound to `phase` instead. A note's prompt means nothing in another phase. */
export function retarget(command: ContentCommand, phase: Phase): ContentCommand {
  if (command.type === 'entry_add' && command.phase !== phase.id) return { ...command, prompt: -1, phase: phase.id };
  return { ...command, phase: phase.id };
}

/** Whether the current phase takes this writing from this person (the server checks again). */
export function fitsPhase(state: SessionState, role: Role | null, command: ContentCommand): boolean {
  const phase = state.template.phases[state.phase];
  if (!phase || state.status === 'ended') return false;
  if (!allowed(command.type, role, phase.kind)) return false;
  switch (command.type) {
    case 'entry_add':
      return writersAllow(phase.writers, role);
    case 'annotate': {
      const lines = state.transcript?.lines ?? [];
      return [command.from_line, command.to_line].every((id) => lines.some((l) => l.id === id));
    }
    case 'annotation_reply':
      return state.annotations.some((a) => a.id === command.annotation && !isHidden(a));
    default:
      return true;
  }
}

const storageKey = (code: string) => `debrief:drafts:${code}`;

function read(code: string): Draft[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(storageKey(code)) ?? '[]');
    return Array.isArray(value) ? (value as Draft[]).filter((d) => d && typeof d.key === 'string' && d.command) : [];
  } catch {
    return [];
  }
}

function write(code: string, drafts: Draft[]) {
  try {
    if (drafts.length === 0) localStorage.removeItem(storageKey(code));
    else localStorage.setItem(storageKey(code), JSON.stringify(drafts));
  } catch {
    // Storage full or disabled: the drafts stay in this page only.
  }
}

function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `d-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The drafts of one session as a signal. Every change reads the stored list
 * first, so two tabs of the same session never overwrite each other's.
 */
export function createDraftBook(code: string, now: () => number = Date.now) {
  const list = signal<Draft[]>(read(code));
  // Once the session is over for this device, drafts stay in this page only.
  let stored = true;

  function change(f: (drafts: Draft[]) => Draft[]) {
    const next = f(stored ? read(code) : list.value);
    if (stored) write(code, next);
    list.value = next;
  }

  const onStorage = (e: StorageEvent) => {
    if (stored && e.key === storageKey(code)) list.value = read(code);
  };
  window.addEventListener('storage', onStorage);

  return {
    list,
    keep(draft: Omit<Draft, 'key' | 'at'>): string {
      const key = newKey();
      change((drafts) => [...drafts, { ...draft, key, at: now() }]);
      return key;
    },
    edit(key: string, text: string) {
      change((drafts) => drafts.map((d) => (d.key === key ? { ...d, command: withText(d.command, text) } : d)));
    },
    discard(key: string) {
      change((drafts) => drafts.filter((d) => d.key !== key));
    },
    /** Removes this session's drafts from the device's storage; the page keeps showing them until it closes. */
    forgetStored() {
      stored = false;
      write(code, []);
    },
    dispose() {
      window.removeEventListener('storage', onStorage);
    },
  };
}

export type DraftBook = ReturnType<typeof createDraftBook>;
