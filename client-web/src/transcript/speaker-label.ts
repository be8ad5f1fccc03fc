// Deciding whether "X: words" names a speaker. Plain text needs a strict
// rule, because a sentence like "I said: no" must not become a speaker; inside
// a caption cue the prefix is almost always a display name, so a looser rule
// accepts Zoom names such as "mrivera" or "Jordan's iPad".

// Lower-case words that belong inside names: "Maria de la Cruz", "Anouk van Dijk".
const PARTICLES = new Set([
  'de',
  'del',
  'della',
  'der',
  'di',
  'da',
  'dos',
  'du',
  'la',
  'le',
  'van',
  'von',
  'bin',
  'al',
  'el',
  'y',
]);
const MAX_WORDS = 8;
const NOT_IN_NAMES = /[?!,;"“”<>{}[\]=*#|\\/@]/u;

/** Collapses whitespace; the form in which speakers are compared and stored. */
export function cleanSpeaker(label: string): string {
  return label.replace(/\s+/gu, ' ').trim();
}

export function looksLikeSpeaker(label: string, strict: boolean): boolean {
  const name = cleanSpeaker(label);
  if (!/^[\p{L}\p{N}(]/u.test(name) || NOT_IN_NAMES.test(name)) return false;
  const words = name.split(' ');
  if (words.length > MAX_WORDS) return false;
  if (!strict || words.length === 1) return true;
  return words.every((w) => /^[\p{Lu}\p{Lt}\p{N}(]/u.test(w) || PARTICLES.has(w));
}

/**
 * "Name: words" → { speaker, rest }, or null when the text does not start
 * with a speaker. The colon must be followed by whitespace or the end, so a
 * time such as "3:30" or a URL never splits.
 */
export function splitSpeakerPrefix(text: string, strict: boolean): { speaker: string; rest: string } | null {
  const m = /^([^:]+?):(?:\s+([\s\S]*))?$/u.exec(text.trim());
  if (!m || !looksLikeSpeaker(m[1], strict)) return null;
  return { speaker: cleanSpeaker(m[1]), rest: m[2] ?? '' };
}
