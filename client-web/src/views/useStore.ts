// The session's store, handed down by context from the session page rather
// than as a prop through every component in between.

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { SessionStore } from '../store';

export const StoreContext = createContext<SessionStore | null>(null);

/** The store of the session page this component is rendered in. */
export function useStore(): SessionStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore() outside a session page');
  return store;
}
