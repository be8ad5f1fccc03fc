// Session codes as people type, paste or follow them (no DOM: unit-tested).

/**
 * Normalises what a person typed or pasted (a code, or a whole invite link)
 * to a session code: Crockford base-32 upper case, with the letters it
 * reads as digits (I, L → 1; O → 0) and separators dropped.
 */
export function normaliseCode(input: string): string {
  const fromLink = input.match(/\/s\/([^/?#\s]+)/);
  const raw = fromLink ? fromLink[1] : input;
  return raw
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

/**
 * A session code: 12 characters of Crockford base-32, or 13 when the server
 * is one of several and the first names its instance.
 */
export function isSessionCode(code: string): boolean {
  return /^[0-9A-HJKMNP-TV-Z]{12,13}$/.test(code);
}
