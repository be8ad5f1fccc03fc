// Common first names from many languages, lower case without accents. A
// capitalised word that only ever starts sentences ("Mariana said…") is
// suggested as a name when it is in this list or in COMMON_WORD_NAMES. The
// list only adds suggestions; a name missing from it is still found when it
// appears mid-sentence or as a speaker, and the presenter can add any name.

const WORDS = `
aaliyah aarav abdul abigail adam adriana aditi ahmed aiden aisha alejandro alex alexander alexandra alexis
ali alice alicia alina alyssa amelia amir amira ana andre andrea andres andrew angel angela anna annie anthony
antonio arjun ari aria ariana arthur asha ashley aubrey audrey ava avery ayaan ayesha beatriz bella ben
benjamin blake brandon brayden brian brianna brooke bruno caleb cameron camila carla carlos carmen caroline
catalina charlie charlotte chen chloe chris christian christopher claire clara connor cristina daniel daniela
david deja devon diana diego dmitri dominic dylan eduardo eleanor elena eli elias elijah elisa elizabeth ella
ellie emily emma eric erica esther ethan eva evan evelyn ezra fatima felipe felix fernanda fernando finn
fiona francesca francisco gabriel gabriela gabriella george gianna giovanni grayson gustavo hana hannah
harper harry hassan hector helen henry hiroshi hugo ian ibrahim imani isaac isabel isabella isaiah isla
ivan jacob jada jamal james jamie jasmin jason javier jayden jennifer jessica jesus jiho joao joel john
jonah jonathan jordan jorge jose joseph joshua juan julia julian juliana justin kai kaito karen karim
kate katherine kayla keisha kenji kevin kim kimberly kofi kwame laila lara laura layla leah leila leo leon
liam lila lina logan lorenzo louis lucas lucia lucy luis luka luna lydia madison malik manuel marco
margaret maria mariana marie marina mario marisol martin mary mateo matthew maya mei mia michael miguel
mila min mohamed mohammed muhammad naomi natalia natalie nathan nia nicholas nicole nina noah nora
nour oliver olivia omar oscar owen pablo paola paul pedro peter priya rafael rahul ravi rebecca ricardo
riley rosa ryan sadie salma sam samantha samuel santiago sara sarah sebastian sergio shreya sienna simon
sofia sophia sophie stella stephanie sven tariq theo thomas tiago tomas tyler valentina valeria vanessa
vera victoria vivian wei william wyatt xavier yara yasmin yusuf zachary zain zara zoe zoey
`;

export const FIRST_NAMES: ReadonlySet<string> = new Set(WORDS.split(/\s+/u).filter(Boolean));
