// A composer is remade for every phase (LiveView keys the activity by phase
// id), so text typed in one phase can never be added to the next by accident.
// Whatever is still in the composer when its phase ends becomes a draft.

import { useEffect, useRef } from 'preact/hooks';
import type { ContentCommand, Unbound } from '../protocol';
import type { SessionStore } from '../store';

/** `unsent` returns what the composer holds now, or null when it is empty. */
export function useKeepUnsent(store: SessionStore, unsent: () => Unbound<ContentCommand> | null) {
  const latest = useRef(unsent);
  latest.current = unsent;
  const phaseId = useRef(store.currentPhase.value?.id ?? '');
  useEffect(
    () => () => {
      const s = store.state.value;
      const phaseEnded = store.currentPhase.value?.id !== phaseId.current || s?.status === 'ended';
      // Closed by the person (Cancel, leaving the page): their choice, not a loss.
      if (!s || !phaseEnded || !store.joined.value) return;
      const command = latest.current();
      if (command) store.keepUnsent(command, phaseId.current);
    },
    [store],
  );
}
