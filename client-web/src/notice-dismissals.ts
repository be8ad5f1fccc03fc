// Which of the event host's notices this person dismissed in a session, kept
// on their device (localStorage, per session code): a notice dismissed here
// stays on everyone else's screen, and stays dismissed after a reload.

const key = (code: string) => `debrief:notices-dismissed:${code}`;

export function dismissedNotices(code: string): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key(code)) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Dismisses notice `id`; answers the ids now dismissed. Only ids of notices
 * the room still has (`current`) are kept, so the list never outgrows them.
 */
export function dismissNotice(code: string, id: string, current: readonly string[]): string[] {
  const next = [...new Set([...dismissedNotices(code), id])].filter((d) => current.includes(d));
  try {
    localStorage.setItem(key(code), JSON.stringify(next));
  } catch {
    // Storage full or disabled: dismissed on this page only.
  }
  return next;
}
