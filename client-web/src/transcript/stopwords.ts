// Capitalised words that are not people: they start sentences mid-line in
// speech ("yeah, So then…"), name days, months, subjects, holidays and
// places, or are titles and roles. Lower case, straight apostrophes.

const WORDS = `
i i'm i'll i've i'd ok okay yeah yep yes no nope oh um uh hmm mm mhm ah so well and but or the a an
if then because maybe actually like just right sure cool wow also hello hi hey thanks thank please
sorry what why how when where who which that this these those there here it it's we you they he she
my your our their his her me us them not do don't did didn't is was are were can can't will won't
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
mr mrs ms miss mx dr sir madam ma'am maam mister
english spanish french german italian portuguese chinese mandarin cantonese arabic japanese korean
math maths mathematics science history geography art music pe biology chemistry physics algebra
geometry calculus literature reading writing spelling phonics social studies
christmas easter thanksgiving halloween hanukkah ramadan eid diwali passover lunar new year
god internet google zoom teams youtube minecraft instagram tiktok snapchat roblox fortnite
america american canada canadian mexico mexican europe european africa african asia asian
teacher teachers student students speaker unknown class grade year unit lesson chapter room period
term semester quarter spring summer fall autumn winter school team group mom mum dad mommy daddy
grandma grandpa nana papa auntie uncle
yesterday today tomorrow tonight sometimes always never now later first next last once after before
during while until since everyone everybody nobody somebody someone anyone something nothing
everything anything good great nice fine alright all some any other another one two three
`;

export const STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/u).filter(Boolean));

/** Titles before a surname: their dot does not end a sentence, and they are not part of a name. */
export const TITLES: ReadonlySet<string> = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sr',
  'sra',
  'srta',
]);

/**
 * Speaker labels that are roles, not names ("Teacher", "Speaker 2",
 * "Student A", "T"): hiding them would replace ordinary words everywhere.
 */
const ROLES = [
  'unknown',
  'speaker',
  'teacher',
  'student',
  'educator',
  'interviewer',
  'interviewee',
  'facilitator',
  'presenter',
  'colleague',
  'observer',
  'participant',
  'host',
  'guest',
  'unidentified',
];
const GENERIC = new RegExp(String.raw`^(?:${ROLES.join('|')}|[a-z])(?:[\s_-]*(?:\d+|[a-z]))?$`, 'iu');

export function isGenericSpeaker(label: string): boolean {
  return GENERIC.test(label.trim());
}
