// Files the server makes for whoever holds a key (a session's record, an
// inquiry's story, a calendar): fetched with the key in the Authorization
// header — never in the URL, where it would end up in logs and history —
// then handed to the browser as a download or opened in a tab.

/** This browser's time zone, so a record states times as its reader reads them. */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/**
 * GETs `path` with `key` as the Bearer token and `tz` added to its query; the
 * file, or the message to show. A zone the server's tz database lacks is
 * asked again in UTC (the record says so): a record in UTC beats none.
 */
export async function fetchWithKey(path: string, key: string, zone = browserZone()): Promise<Blob | string> {
  let response: Response;
  try {
    const sep = path.includes('?') ? '&' : '?';
    response = await fetch(`${path}${sep}tz=${encodeURIComponent(zone)}`, {
      headers: { Authorization: `Bearer ${key}` },
      cache: 'no-store',
    });
  } catch {
    return 'Could not reach the server. Try again when you are back online.';
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    if (response.status === 400 && zone !== 'UTC' && body?.error?.message?.startsWith('tz:')) {
      return fetchWithKey(path, key, 'UTC');
    }
    return body?.error?.message ?? `The server answered ${response.status}.`;
  }
  return response.blob();
}

/** Saves a file the browser already holds under `filename`. */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches and saves; null when done, else the message to show. */
export async function downloadWithKey(path: string, key: string, filename: string): Promise<string | null> {
  const blob = await fetchWithKey(path, key);
  if (typeof blob === 'string') return blob;
  saveBlob(blob, filename);
  return null;
}

/**
 * A printable page in a tab of its own. The tab is opened at once (inside the
 * click, so it is not blocked) and given the page when it has arrived.
 */
export async function openPrintableWithKey(path: string, key: string): Promise<string | null> {
  const tab = window.open('', '_blank');
  const blob = await fetchWithKey(path, key);
  if (typeof blob === 'string') {
    tab?.close();
    return blob;
  }
  const url = URL.createObjectURL(new Blob([blob], { type: 'text/html' }));
  if (tab) tab.location.href = url;
  else window.location.assign(url);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return null;
}
