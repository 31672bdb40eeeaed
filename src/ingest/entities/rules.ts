/**
 * The canonical layer's few rules, as tables: each names what it does and shows its examples, so a
 * newcomer adds a case with a row here (or a training example), not another `if`.
 *
 * Everything the tagger decides (is this a name, where does it start and end, which type) is learned
 * from annotated news; these rules only turn its spans into the facet values lede shows.
 */

/** A named rule with the examples it exists for; `examples` are checked by the unit tests. */
export interface RuleTable<T> {
  name: string;
  why: string;
  examples: ReadonlyArray<readonly [string, string]>;
  entries: T;
}

/** Legal-form suffixes closing an organisation's span are dropped from its value. */
export const CORPORATE_SUFFIXES: RuleTable<ReadonlySet<string>> = {
  name: 'corporate-suffix',
  why: 'one firm, one facet value, however the text writes its legal form',
  examples: [
    ['Texaco Inc', 'Texaco'],
    ['Morgan Stanley and Co Inc', 'Morgan Stanley'],
    ['Indepen Consulting Limited', 'Indepen Consulting'],
    ['Novo Nordisk A/S', 'Novo Nordisk'],
  ],
  entries: new Set(['inc', 'corp', 'co', 'cos', 'ltd', 'plc', 'llc', 'lp', 'ag', 'sa', 'nv', 'bv', 'gmbh', 'spa', 'corporation', 'incorporated', 'limited', 'a/s', 'pty', 'bhd', 'kk']),
};

/** After "and"/"&", these close a firm's name as a suffix does ("A.G. Edwards and Sons Inc"). */
export const SUFFIX_PARTNERS: ReadonlySet<string> = new Set(['co', 'cos', 'company', 'sons']);

/**
 * Bodies named by their country's possessive take the country's adjective: the same ministry
 * whichever way the text names it.
 */
export const NATIONAL_BODY_HEADS: RuleTable<ReadonlySet<string>> = {
  name: 'national-body',
  why: "\"Russia's Foreign Ministry\" and \"the Russian Foreign Ministry\" are one organisation",
  examples: [
    ["Russia's Foreign Ministry", 'Russian Foreign Ministry'],
    ["Japan's Finance Ministry", 'Japanese Finance Ministry'],
  ],
  entries: new Set(['ministry', 'ministries', 'office', 'department', 'army', 'navy', 'embassy', 'police', 'parliament', 'cabinet', 'government', 'senate', 'treasury', 'interior']),
};

/** Titles that open a person's span are split off (the tagger was trained without them, so rarely). */
export const TITLES: RuleTable<ReadonlySet<string>> = {
  name: 'title',
  why: 'a title is no part of the name: "President Clinton" and "Mr Clinton" are Bill Clinton',
  examples: [
    ['Mr Trump', 'Trump'],
    ['President Vladimir Putin', 'Vladimir Putin'],
  ],
  entries: new Set([
    'mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'lord', 'lady', 'prof', 'professor', 'president', 'chancellor', 'premier',
    'minister', 'secretary', 'general', 'gen', 'admiral', 'colonel', 'col', 'captain', 'capt', 'lieutenant', 'lt', 'sergeant',
    'sgt', 'governor', 'gov', 'senator', 'sen', 'rep', 'mayor', 'judge', 'justice', 'king', 'queen', 'prince', 'princess', 'pope',
    'cardinal', 'archbishop', 'bishop', 'rabbi', 'sheikh', 'ayatollah', 'chairman', 'chairwoman', 'chief', 'director',
    'commissioner', 'ambassador', 'spokesman', 'spokeswoman', 'coach', 'manager', 'inspector', 'detective', 'speaker', 'emir',
    'sultan',
  ]),
};

/**
 * Honorifics name a person: a span that opens with one is a person's, whatever type the tagger gave
 * it, and the honorific is split off.
 */
export const HONORIFICS: RuleTable<ReadonlySet<string>> = {
  name: 'honorific',
  why: 'the tagger learned names without their titles and sometimes types "Mr X" as an organisation',
  examples: [
    ['Mr Trump', 'Trump'],
    ['Dr Rowan Williams', 'Rowan Williams'],
  ],
  entries: new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'messrs', 'mme', 'mlle', 'herr']),
};

/** A title closing an organisation's or a place's span belongs to the person after it. */
export const TRAILING_TITLES: RuleTable<ReadonlySet<string>> = {
  name: 'trailing-title',
  why: '"US General Dan Caine": the organisation or country is "US", "General" is his title',
  examples: [
    ['US General', 'US'],
    ['Pentagon spokesman', 'Pentagon'],
  ],
  entries: new Set(['general', 'president', 'minister', 'secretary', 'chairman', 'chief', 'spokesman', 'spokeswoman', 'mp', 'mep', 'senator', 'governor', 'ambassador', 'commander', 'admiral', 'colonel', 'leader', 'coach', 'manager']),
};

/** A lower-case word hyphenated to a name makes it an attribute: the value is the name alone. */
export const ATTRIBUTIVE_TAILS: RuleTable<ReadonlySet<string>> = {
  name: 'attributive-tail',
  why: '"a Boston-based firm", "the UK-led force": one token for the tokenizer, but the place or body is the name before the hyphen',
  examples: [
    ['Boston-based', 'Boston'],
    ['Nato-led', 'NATO'],
  ],
  entries: new Set(['based', 'born', 'bred', 'led', 'owned', 'run', 'backed', 'funded', 'made', 'listed', 'controlled', 'registered', 'headquartered', 'style', 'bound']),
};

/**
 * Spelling variants of an organisation's name written one way, so that one body is one facet value
 * whichever spelling an article uses. Stateless, so a value never changes from run to run.
 */
export const SPELLING_VARIANTS: RuleTable<ReadonlyArray<readonly [RegExp, string]>> = {
  name: 'spelling-variant',
  why: 'British and American spellings of one body are one facet value',
  examples: [
    ['International Coffee Organisation', 'International Coffee Organization'],
    ['International Cocoa Organisation', 'International Cocoa Organization'],
    ['Co-operation Council', 'Cooperation Council'],
  ],
  entries: [
    [/\bOrganisation(s?)\b/g, 'Organization$1'],
    [/\bCo-operation\b/g, 'Cooperation'],
  ],
};

/**
 * A person's middle initials are dropped ("Paul A. Volcker" → Paul Volcker), so one person is one
 * facet value; the alias table is read first, so a name it lists keeps its initials.
 */
export const MIDDLE_INITIALS: RuleTable<RegExp> = {
  name: 'middle-initial',
  why: 'wire copy adds middle initials on some mentions and not on others',
  examples: [
    ['Paul A Volcker', 'Paul Volcker'],
    ['James A. Baker III', 'James Baker III'],
  ],
  entries: /(?<=\S)\s+\p{Lu}\.?(?=\s+\S)/gu,
};

/**
 * Venues, streets and events are left out of the facets (the annotation conventions of lede's BBC
 * samples): a name of two or more words ending in one of these words is no person, organisation or
 * place facet, and no mention.
 */
export const NOT_FACETED_HEADS: RuleTable<ReadonlySet<string>> = {
  name: 'venue-street-event',
  why: 'readers filter by who and where, not by the theatre, the street or the tournament',
  examples: [
    ['the Roosevelt Hotel', ''],
    ['Madison Avenue', ''],
    ['the Uefa Cup', ''],
  ],
  entries: new Set([
    'hotel', 'theatre', 'theater', 'stadium', 'arena', 'warehouse', 'cinema', 'pavilion', 'playhouse', 'ballroom', 'restaurant', 'studios',
    'street', 'avenue', 'road', 'square', 'boulevard', 'lane',
    'cup', 'open', 'championship', 'championships', 'trophy', 'prix', 'olympics', 'awards', 'festival', 'games',
  ]),
};
