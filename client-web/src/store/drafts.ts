// Writing the session did not take (refused, too large, left in a composer
// when its phase ended, still waiting when the page closed) kept as drafts in
// the draft book (src/drafts.ts), and sent again only on the author's click.

import type { ReadonlySignal } from '@preact/signals';
import { draftText, fitsPhase, retarget, withText, type Draft, type DraftBook } from '../drafts';
import type { Command, ContentCommand, Phase, Role, SessionState, Unbound } from '../protocol';
import { isPrivateNow } from '../session-state';
import type { CommandResult } from './outbox';

/** Where a piece of writing was written, remembered in case it comes back as a draft. */
export interface WrittenIn {
  phaseTitle: string;
  private: boolean;
}

export interface DraftKeeperDeps {
  book: DraftBook;
  state: ReadonlySignal<SessionState | null>;
  role: ReadonlySignal<Role | null>;
  currentPhase: ReadonlySignal<Phase | null>;
  announce(text: string): void;
  send(command: Command): Promise<CommandResult>;
}

export function createDraftKeeper(deps: DraftKeeperDeps) {
  const { book, state, role, currentPhase } = deps;

  /** The phase the person is in now: what their writing belongs to. */
  function here(): string {
    return currentPhase.value?.id ?? '';
  }

  function writtenIn(phaseId: string): WrittenIn {
    const s = state.value;
    const phase = s?.template.phases.find((p) => p.id === phaseId);
    return { phaseTitle: phase?.title ?? '', private: isPrivateNow(phase, s?.revealed ?? []) };
  }

  function keepDraft(command: ContentCommand, where: WrittenIn | undefined, reason: string) {
    const { id: _sent, ...written } = command as ContentCommand & { id?: string };
    const origin = where ?? writtenIn(written.phase);
    book.keep({ command: written, phaseTitle: origin.phaseTitle, private: origin.private, reason });
    deps.announce(`Not added: ${reason} Your text is kept under “Drafts not sent”.`);
  }

  /** Whether the current phase takes a draft from this person. */
  function draftFits(draft: Draft): boolean {
    const s = state.value;
    return s !== null && fitsPhase(s, role.value, draft.command);
  }

  /** Sends a draft again, now bound to the current phase: only ever on the author's click. */
  function addDraft(key: string): Promise<CommandResult> | null {
    const draft = book.list.value.find((d) => d.key === key);
    const phase = currentPhase.value;
    if (!draft || !phase || !draftFits(draft) || !draftText(draft.command).trim()) return null;
    book.discard(key);
    const command = retarget(withText(draft.command, draftText(draft.command).trim()), phase);
    return deps.send(command);
  }

  /** Text left in a composer whose phase ended before it was added. */
  function keepUnsent(command: Unbound<ContentCommand>, phaseId: string) {
    const s = state.value;
    const now = s?.template.phases[s.phase];
    const reason =
      s?.status === 'ended'
        ? 'The session ended before you added this.'
        : `The session moved on to “${now?.title ?? 'another phase'}” before you added this.`;
    keepDraft({ ...command, phase: phaseId } as ContentCommand, undefined, reason);
  }

  return { here, writtenIn, keepDraft, draftFits, addDraft, keepUnsent };
}

export type DraftKeeper = ReturnType<typeof createDraftKeeper>;
