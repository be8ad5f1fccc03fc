// Writing sent but not yet confirmed by the session, shown where it was
// written: nothing typed seems to vanish while the connection is down.

import { UserText } from './common';
import { useStore } from './useStore';
import './Waiting.css';

export interface WaitingItem {
  id: string;
  text: string;
  /** A short word before the text, e.g. the annotation's tag. */
  label?: string;
}

export function WaitingList({ items }: { items: WaitingItem[] }) {
  const store = useStore();
  if (items.length === 0) return null;
  const live = store.link.value === 'live';
  return (
    <ul class="waiting-list" data-testid="waiting-list" aria-label="Not yet confirmed">
      {items.map((item) => (
        <li key={item.id} class="waiting-item" data-testid="waiting-item">
          <p class="waiting-text">
            {item.label && <span class="tag">{item.label}</span>} <UserText text={item.text} />
          </p>
          <span class="pill pill-waiting" data-testid="waiting-state">
            {live ? 'Sending…' : 'Waiting to send'}
          </span>
        </li>
      ))}
    </ul>
  );
}
