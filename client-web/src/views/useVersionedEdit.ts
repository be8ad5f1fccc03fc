// Editing something the server keeps a version of (a board item, a note, an
// annotation, an adaptation): the edit starts from the version on screen; if
// someone else saved first the server refuses with a conflict carrying its
// current copy, and the person keeps theirs or puts their own on top of it.

import { useState } from 'preact/hooks';
import type { CommandResult } from '../store';
import { usePending, type Pending } from './common';

export interface VersionedEdit<T extends { version: number }> {
  editing: boolean;
  /** The version the edit was started from: a newer one means someone else saved first. */
  base: number;
  /** The server's copy, when it moved on while this person was editing. */
  conflict: T | null;
  /** Busy and error state of the save (and of whatever else the view runs through it). */
  pending: Pending;
  /** Starts editing from the version on screen now; the view resets its fields beside it. */
  begin(): void;
  /** Stops editing, the server's copy left as it is (cancel, or keeping theirs after a conflict). */
  stop(): void;
  /**
   * Sends the edit against `version` (the base by default; the conflicting
   * copy's version to put one's own on top of it). Ends editing when the server
   * takes it; keeps the server's copy as the conflict when it refuses as stale.
   */
  save(send: (version: number) => Promise<CommandResult> | null, version?: number): Promise<CommandResult | null>;
}

export function useVersionedEdit<T extends { version: number }>(current: T): VersionedEdit<T> {
  const [editing, setEditing] = useState(false);
  const [base, setBase] = useState(current.version);
  const [conflict, setConflict] = useState<T | null>(null);
  const pending = usePending();
  return {
    editing,
    base,
    conflict,
    pending,
    begin() {
      setBase(current.version);
      setConflict(null);
      setEditing(true);
    },
    stop() {
      setConflict(null);
      setEditing(false);
    },
    async save(send, version = base) {
      const result = await pending.run(() => send(version));
      if (result?.ok) {
        setEditing(false);
        setConflict(null);
      } else if (result?.code === 'conflict' && result.current) {
        pending.clear();
        setConflict(result.current as T);
      }
      return result;
    },
  };
}
