// Turns the parser's name suggestions into the people the presenter hides:
// one row per speaker (its role is also the role of its lines) and one per
// name found in the text, each with the shorter forms of the same name.

import type { SpeakerRole } from '../../protocol';
import type { NameSuggestion, PersonToHide } from '../../transcript';

export interface NamePart {
  name: string;
  hide: boolean;
}

export interface Person {
  key: string;
  /** The name as suggested: a speaker label or a name in the text. */
  name: string;
  source: 'speaker' | 'text' | 'added';
  /** Whether this name (and its checked parts) will be replaced. */
  hide: boolean;
  parts: NamePart[];
  role: SpeakerRole;
  /** A pseudonym of the presenter's choosing; empty for the default. */
  pseudonym: string;
  count: number;
  /** The pseudonym was offered from an earlier import on this device (src/pseudonym-memory.ts). */
  remembered?: boolean;
  /** Found only at sentence starts or in capitals, so perhaps not a name. */
  onlySentenceStarts?: boolean;
}

const TITLE = /^(mr|mrs|ms|miss|mx|dr|prof)\b\.?/iu;

/** Role labels used as speaker names ("Teacher", "Student A"). */
export function genericRole(speaker: string): SpeakerRole | null {
  if (/^(teacher|educator|interviewer|t)\b/iu.test(speaker)) return 'teacher';
  if (/^(student|learner|interviewee|s)\b/iu.test(speaker)) return 'student';
  return null;
}

/** A first guess at each speaker's role; the presenter corrects it. */
export function guessRoles(speakers: string[]): Record<string, SpeakerRole> {
  const roles: Record<string, SpeakerRole> = {};
  const titled = speakers.filter((s) => TITLE.test(s));
  for (const s of speakers) {
    const generic = genericRole(s);
    if (generic) roles[s] = generic;
    else if (TITLE.test(s)) roles[s] = 'teacher';
    // Two named speakers and no titles: the one who speaks first is usually the teacher.
    else if (titled.length === 0 && speakers.length === 2 && s === speakers[0] && !genericRole(speakers[1]))
      roles[s] = 'teacher';
    else roles[s] = 'student';
  }
  return roles;
}

export function peopleFrom(
  suggestions: NameSuggestion[],
  speakers: string[],
  roles: Record<string, SpeakerRole>,
): Person[] {
  const partsOf = (whole: string) =>
    suggestions.filter((s) => s.partOf === whole).map((s) => ({ name: s.name, hide: true }));
  const people: Person[] = [];
  for (const speaker of speakers) {
    const s = suggestions.find((x) => x.name === speaker && x.partOf === undefined);
    if (!s) continue; // a role label, not a name
    people.push({
      key: `s:${speaker}`,
      name: speaker,
      source: 'speaker',
      hide: true,
      parts: partsOf(speaker),
      role: roles[speaker] ?? 'student',
      pseudonym: '',
      count: s.count,
    });
  }
  for (const s of suggestions) {
    if (s.source !== 'text' || s.partOf !== undefined) continue;
    people.push({
      key: `t:${s.name}`,
      name: s.name,
      source: 'text',
      // "Will you…" beside "I will": probably the word, so it waits for the presenter's tick.
      hide: !(s.onlySentenceStarts && s.alsoAWord),
      ...(s.onlySentenceStarts ? { onlySentenceStarts: true } : {}),
      parts: partsOf(s.name),
      role: 'student',
      pseudonym: '',
      count: s.count,
    });
  }
  return people;
}

/** What buildPseudonyms needs; a speaker's role is the role of their lines. */
export function toHide(people: Person[], roles: Record<string, SpeakerRole>): PersonToHide[] {
  return people
    .filter((p) => p.hide)
    .map((p) => ({
      names: [p.name, ...p.parts.filter((x) => x.hide).map((x) => x.name)],
      role: p.source === 'speaker' ? (roles[p.name] ?? p.role) : p.role,
      ...(p.pseudonym.trim() ? { pseudonym: p.pseudonym.trim() } : {}),
    }));
}
