// First names that are also ordinary English words. For a child named Will,
// "I will ask" is the verb: such a name is replaced only where it is plainly
// a name (capitalised mid-sentence); at a sentence start or in capitals the
// presenter decides occurrence by occurrence. Months and subjects are
// capitalised as words too, so for them every capitalised occurrence is the
// presenter's call. Lower case, accents removed.

const WORDS = `
will may grace hope mark rose faith summer sunny bill pat art jack grant chase hunter joy amber dawn rich
april june august autumn winter spring sky river rain storm ivy holly daisy lily iris violet poppy heather
jasmine hazel olive ruby pearl crystal jade coral ginger honey cherry berry sage clay stone flint rock
reed wood forest glen dale heath moss brook
patience prudence mercy charity constance honor honour verity justice trinity destiny harmony melody
serenity liberty unity bliss bonnie
frank earnest ernest victor rex ray sonny buddy guy max mac
penny bob rob bud nick bat sue don dean drew gene gus jay kit lance lee miles cliff neil wade
carol carter cole cooper archer baker mason taylor tanner porter parker piper
dash colt deacon king prince duke major royal sterling hawk wolf fox robin wren lark
harmony noel nova star sol august ace rocky rusty cash price page paige
`;

/** Common words that are capitalised as words (months, subjects): capitals alone prove nothing. */
const CAPITALISED_WORDS = new Set(['may', 'april', 'june', 'august', 'art']);

export const COMMON_WORD_NAMES: ReadonlySet<string> = new Set(WORDS.split(/\s+/u).filter(Boolean));

export function isCommonWordName(folded: string): boolean {
  return COMMON_WORD_NAMES.has(folded);
}

export function isCapitalisedWord(folded: string): boolean {
  return CAPITALISED_WORDS.has(folded);
}
