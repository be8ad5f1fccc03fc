// Shown while the server cannot store changes: the session stays readable,
// so the page says so calmly instead of looking broken.

import { useStore } from './useStore';
import './StorageBanner.css';

export const STORAGE_UNAVAILABLE_TEXT =
  "Changes can't be saved right now. What you see is safe; try again in a moment.";

export function StorageBanner() {
  const store = useStore();
  if (store.storageAvailable.value) return null;
  return (
    <p class="banner banner-storage" role="status" data-testid="storage-unavailable">
      {STORAGE_UNAVAILABLE_TEXT}
    </p>
  );
}
