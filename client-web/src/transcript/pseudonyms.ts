// Who becomes whom. The presenter marks people to hide, each with the names
// that refer to them ("Jordan Lee", "Jordan", "Lee") and a role; every name
// of one person gets that person's pseudonym, and names that differ only in
// accents or case ("Zoë", "Zoe", "ZOË") are one name with one pseudonym: the
// first person to list it. Defaults are "Student A",
// "Student B"… for students, "Teacher" for the teacher and "Colleague A"…
// for anyone else. The same input always gives the same output, and passing
// the previous result keeps earlier pseudonyms when people are added.

import { compileNames, foldName, matchableText, normaliseName } from './name-pattern';

export type PersonRole = 'student' | 'teacher' | 'other';

export interface PersonToHide {
  /** Every way this person is written: full name, parts, nicknames. */
  names: string[];
  role: PersonRole;
  /** A pseudonym of the presenter's choosing; otherwise the role's next default. */
  pseudonym?: string;
}

export interface HiddenName {
  name: string;
  pseudonym: string;
}

/** A, B, … Z, AA, AB, … */
export function letterLabel(index: number): string {
  let label = '';
  for (let i = index; i >= 0; i = Math.floor(i / 26) - 1) label = String.fromCharCode(65 + (i % 26)) + label;
  return label;
}

function defaultPseudonym(role: PersonRole, index: number): string {
  if (role === 'student') return `Student ${letterLabel(index)}`;
  if (role === 'teacher') return index === 0 ? 'Teacher' : `Teacher ${index + 1}`;
  return `Colleague ${letterLabel(index)}`;
}

export function buildPseudonyms(people: PersonToHide[], previous: HiddenName[] = []): HiddenName[] {
  const allNames = people.flatMap((p) => p.names.map(normaliseName)).filter(Boolean);
  if (allNames.length === 0) return [];
  const matcher = compileNames(allNames);
  const containsHiddenName = (text: string) => {
    matcher.regex.lastIndex = 0;
    return matcher.regex.test(matchableText(text));
  };

  const earlier = new Map(previous.map((h) => [foldName(h.name), h.pseudonym]));
  const taken = new Set([
    ...previous.map((h) => h.pseudonym.toLowerCase()),
    ...people.flatMap((p) => (p.pseudonym?.trim() ? [p.pseudonym.trim().toLowerCase()] : [])),
  ]);
  const next: Record<PersonRole, number> = { student: 0, teacher: 0, other: 0 };
  const nextDefault = (role: PersonRole) => {
    for (;;) {
      const candidate = defaultPseudonym(role, next[role]++);
      // "Student A" would give away a student nicknamed "A".
      if (!taken.has(candidate.toLowerCase()) && !containsHiddenName(candidate)) return candidate;
    }
  };

  const out: HiddenName[] = [];
  /** Folded names already in out. */
  const done = new Set<string>();
  for (const person of people) {
    const names = person.names.map(normaliseName).filter((n) => n && !done.has(foldName(n)));
    // Every variant of a name already listed ("Zoe" after "Zoë") has that name's pseudonym.
    if (names.length === 0) continue;
    const kept = names.map((n) => earlier.get(foldName(n))).find((p) => p !== undefined);
    const pseudonym = person.pseudonym?.trim() || kept || nextDefault(person.role);
    taken.add(pseudonym.toLowerCase());
    for (const name of names) {
      if (done.has(foldName(name))) continue;
      done.add(foldName(name));
      out.push({ name, pseudonym });
    }
  }
  return out;
}
