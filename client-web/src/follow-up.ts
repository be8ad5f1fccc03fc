// What "Plan the follow-up" starts from: the focal learners a session points
// to, and the kinds of session an inquiry goes on with.

import type { SessionState } from './protocol';

/** An inquiry has one to four focal learners (pseudonyms). */
export const MAX_LEARNERS = 4;

/** The adaptations' word for "everyone in the class", not a learner. */
const ALL_LEARNERS = 'all learners';

export const FOLLOW_UP_KINDS = [
  {
    template: 'follow-up',
    label: 'Follow-up check-in',
    hint: 'Read the new conversation and check in on each adaptation and question.',
  },
  {
    template: 'conversation-planning',
    label: 'Plan the next conversation',
    hint: 'Start from the open questions and the focal learners.',
  },
] as const;

function distinct(names: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    const folded = name.toLowerCase();
    if (!name || folded === ALL_LEARNERS || seen.has(folded)) continue;
    seen.add(folded);
    out.push(name);
  }
  return out;
}

/**
 * The learners to suggest: a follow-up's own learners; otherwise whom the
 * accepted adaptations are for (not "all learners"); otherwise the students
 * who speak in the transcript. At most four, in order of first mention.
 */
export function defaultLearners(state: SessionState): string[] {
  const own = distinct(state.learners);
  if (own.length > 0) return own.slice(0, MAX_LEARNERS);
  const forWhom = distinct(state.adaptations.filter((a) => a.status === 'accepted').map((a) => a.for_whom));
  if (forWhom.length > 0) return forWhom.slice(0, MAX_LEARNERS);
  const students = distinct((state.transcript?.lines ?? []).filter((l) => l.role === 'student').map((l) => l.speaker));
  return students.slice(0, MAX_LEARNERS);
}

/** The learners typed in the dialog, one per line or separated by commas: trimmed, each once. */
export function parseLearners(text: string): string[] {
  return distinct(text.split(/[\n,]/u));
}

/** The day to suggest for the follow-up: the earliest check-in date of the accepted adaptations, or none. */
export function defaultDate(state: SessionState): string {
  const dates = state.adaptations
    .filter((a) => a.status === 'accepted' && /^\d{4}-\d{2}-\d{2}$/u.test(a.check_in))
    .map((a) => a.check_in)
    .sort();
  return dates[0] ?? '';
}
