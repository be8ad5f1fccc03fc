// Commands not yet acknowledged: each gets an id, waits here across
// reconnects, is sent again (with the same id) on every welcome, and settles
// its promise with the server's ack or refusal.

import { signal, type ReadonlySignal } from '@preact/signals';
import {
  MAX_MESSAGE_BYTES,
  isContentCommand,
  type Command,
  type CommandMessage,
  type ContentCommand,
  type ContentType,
} from '../protocol';
import { newIdPrefix } from '../secrets';
import type { WrittenIn } from './drafts';

export type CommandResult = { ok: true; seq: number } | { ok: false; code: string; message: string; current?: unknown };

export interface SendOptions {
  /** The view shows a rejection itself (e.g. a stale-version conflict), so no global notice. */
  quiet?: boolean;
}

export interface OutboxEntry {
  message: CommandMessage;
  quiet: boolean;
  /** Set for content commands. */
  writtenIn?: WrittenIn;
  settle(result: CommandResult): void;
}

/** A content command still in the outbox: shown where it was written, marked as waiting. */
export type Waiting<T extends ContentType = ContentType> = Extract<CommandMessage, { type: T }>;

/** The server refills a person's allowance at 20 messages a second: a second's wait is plenty. */
const RATE_LIMITED_RETRY_MS = 1_000;

export interface OutboxDeps {
  sendJson(value: unknown): boolean;
  welcomed: ReadonlySignal<boolean>;
  writtenIn(phaseId: string): WrittenIn;
  keepDraft(command: ContentCommand, where: WrittenIn | undefined, reason: string): void;
}

export function createOutbox(deps: OutboxDeps) {
  const { sendJson, welcomed } = deps;
  const entries = new Map<string, OutboxEntry>();
  const size = signal(0);
  const waiting = signal<Waiting[]>([]);
  const idPrefix = newIdPrefix();
  let commandCounter = 0;

  function changed() {
    size.value = entries.size;
    waiting.value = [...entries.values()].map((e) => e.message).filter((m): m is Waiting => isContentCommand(m));
  }

  /** Sends every queued command, oldest first, keeping each one's id. */
  function flush() {
    if (!welcomed.value) return;
    for (const entry of entries.values()) sendJson(entry.message);
  }

  function send(command: Command, options: SendOptions = {}): Promise<CommandResult> {
    commandCounter += 1;
    const id = `${idPrefix}-${commandCounter}`;
    const message = { ...command, id } as CommandMessage;
    const bytes = new TextEncoder().encode(JSON.stringify(message)).length;
    if (bytes > MAX_MESSAGE_BYTES) {
      // The server would close the connection over it; say so instead.
      const kib = Math.ceil(bytes / 1024);
      const message = `This change is ${kib} KiB, more than the ${MAX_MESSAGE_BYTES / 1024} KiB one message may carry.`;
      if (isContentCommand(command)) deps.keepDraft(command, undefined, message);
      return Promise.resolve({ ok: false, code: 'too_large', message });
    }
    return new Promise<CommandResult>((resolve) => {
      const entry: OutboxEntry = { message, quiet: Boolean(options.quiet), settle: resolve };
      if (isContentCommand(command)) entry.writtenIn = deps.writtenIn(command.phase);
      entries.set(id, entry);
      changed();
      if (welcomed.value) sendJson(message);
    });
  }

  /** Takes the command out and answers its promise; null when it was not (or no longer) waiting. */
  function settle(id: string, result: CommandResult): OutboxEntry | null {
    const entry = entries.get(id);
    if (!entry) return null;
    entries.delete(id);
    changed();
    entry.settle(result);
    return entry;
  }

  /**
   * Too many messages at once (many people behind one school address, or a
   * burst of clicks): nothing was applied, so the same message goes again a
   * little later, still waiting in the outbox.
   */
  function retryLater(id: string) {
    if (!entries.has(id)) return;
    const delay = RATE_LIMITED_RETRY_MS * (1 + Math.random());
    setTimeout(() => {
      const entry = entries.get(id);
      if (entry && welcomed.value) sendJson(entry.message);
    }, delay);
  }

  /** Writing still waiting when this page stops talking to the session becomes drafts, not lost. */
  function keepAsDrafts(reason: string) {
    for (const [id, entry] of entries) {
      if (!isContentCommand(entry.message)) continue;
      entries.delete(id);
      deps.keepDraft(entry.message, entry.writtenIn, reason);
    }
    changed();
  }

  /** Writing of one kind still waiting for the server, oldest first. */
  function waitingOf<T extends ContentType>(type: T): Waiting<T>[] {
    return waiting.value.filter((m): m is Waiting<T> => m.type === type);
  }

  return { size, waiting, waitingOf, send, settle, flush, retryLater, keepAsDrafts };
}

export type Outbox = ReturnType<typeof createOutbox>;
