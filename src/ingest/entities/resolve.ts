/**
 * Article-level resolution: what a paragraph alone cannot decide.
 *
 *   "President Donald Trump" … "Mr Trump"            → Donald Trump (only one full name has that surname)
 *   "the European Space Agency (ESA)" … "ESA"        → European Space Agency
 *   "Texaco Inc" … "Texaco said"                     → Texaco
 *   "General Motors Corp" … "GM"                     → General Motors (initials of a name in the article)
 */
import { CLUB_HEADS, CONNECTORS, CORPORATE_SUFFIXES, FUNCTION_TAGS, ORGANIZATION_HEADS, TITLE_HEADS } from './lexicon.js';
import type { ParagraphSegments } from './segment.js';
import { phraseKey, tokenize } from './tokenize.js';
import type { Gazetteer } from './types.js';

export interface ArticleContext {
  /** Surname key → canonical full names with that surname. */
  surnames: Map<string, Set<string>>;
  /** Given-name key → full names of the article that open with it ("Nigel" → Nigel Melville). */
  givenNames: Map<string, Set<string>>;
  /** Acronym → organisation, from brackets and from the initials of names in the article. */
  acronyms: Map<string, string>;
  /** Normalised organisation name, or its first word, → canonical organisation. */
  organisations: Map<string, Set<string>>;
  /**
   * Unresolved capitalised words that some mention in the article shows to be an organisation
   * ("Clearswift said" … "infected by Clearswift"), see `evidence` in segment.ts.
   */
  organisationSingles: Set<string>;
  /**
   * First word of a multi-word organisation name → the organisation, kept even where the word is
   * vocabulary ("Marsh & McLennan" → marsh, "Next plc" → next); read only for a word that is
   * capitalised mid-sentence, where it is a name rather than a noun.
   */
  openers: Map<string, Set<string>>;
  /**
   * A name without its closing head word → the full name ("circuit city" → Circuit City Stores), so
   * the short form the article uses later resolves to the name it gave first.
   */
  shortNames: Map<string, Set<string>>;
  /** A club's head word → the clubs of the article with it ("city" → Manchester City). */
  clubHeads: Map<string, Set<string>>;
}

/** The canonical form of a person's name: the alias table's, else as written. */
export function canonicalPerson(name: string, gazetteer: Gazetteer): { value: string; fromAlias: boolean } {
  const entry = gazetteer.phrases.get(phraseKey(name));
  return entry?.kind === 'person' ? { value: entry.value, fromAlias: true } : { value: name, fromAlias: false };
}

/** The canonical form of an organisation's name: the alias table's, else as written without "The". */
export function canonicalOrganisation(name: string, gazetteer: Gazetteer): { value: string; fromAlias: boolean } {
  const key = phraseKey(name);
  const entry = gazetteer.phrases.get(key) ?? gazetteer.phrases.get(key.replace(/^the /, ''));
  if (entry?.kind === 'organization') return { value: entry.value, fromAlias: entry.source === 'alias' };
  return { value: name.replace(/^the\s+/i, ''), fromAlias: false };
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function lastWordKey(name: string): string {
  const words = tokenize(name).filter((t) => t.word);
  return words.length ? words[words.length - 1]!.key : '';
}

/** Initials of the capitalised words: "European Space Agency" → ESA, "General Motors" → GM. */
function initials(name: string): string {
  return tokenize(name)
    .filter((t) => t.word && t.cap)
    // "UK Independence Party" → UKIP: an acronym inside a name gives all its letters.
    .map((t) => (t.upper ? t.text.replace(/\./g, '') : t.text[0]))
    .join('');
}

export function buildArticleContext(paragraphs: ParagraphSegments[], gazetteer: Gazetteer): ArticleContext {
  const surnames = new Map<string, Set<string>>();
  const givenNames = new Map<string, Set<string>>();
  const acronyms = new Map<string, string>();
  const organisations = new Map<string, Set<string>>();
  const byInitials = new Map<string, Set<string>>();
  const organisationSingles = new Set<string>();
  const openers = new Map<string, Set<string>>();
  const shortNames = new Map<string, Set<string>>();
  const clubHeads = new Map<string, Set<string>>();

  const addOrganisation = (canonical: string, written: string): void => {
    for (const name of new Set([canonical, written])) {
      const words = tokenize(name).filter((t) => t.word);
      if (!words.length) continue;
      addTo(organisations, words.map((t) => t.key).join(' '), canonical);
      const first = words[0]!;
      if (words.length > 1 && !gazetteer.commonWords.has(first.key) && !gazetteer.phrases.has(first.key)) addTo(organisations, first.key, canonical);
      if (words.length > 1 && first.cap && isOpener(first.key, gazetteer)) addTo(openers, first.key, canonical);
      if (words.length >= 3 && ORGANIZATION_HEADS.has(words[words.length - 1]!.key)) addTo(shortNames, words.slice(0, -1).map((t) => t.key).join(' '), canonical);
      if (words.length > 1 && CLUB_HEADS.has(words[words.length - 1]!.key)) addTo(clubHeads, words[words.length - 1]!.key, canonical);
      const letters = initials(name);
      if (letters.length >= 2) addTo(byInitials, letters, canonical);
    }
  };

  for (const paragraph of paragraphs) {
    for (const s of paragraph.segments) {
      if (s.kind === 'person' && s.tokens > 1) {
        const { value } = canonicalPerson(s.name, gazetteer);
        addTo(surnames, lastWordKey(value), value);
        addTo(surnames, lastWordKey(s.name), value);
        // Only names whose surname is no common word ("Nigel Melville", not "Olivier Awards").
        const words = tokenize(value).filter((t) => t.word);
        const given = words[0]!;
        // "Arsene Wenger … Arsene has signed": a given name the first-names lists lack counts when it
        // is a plain word that is no word of the vocabulary and no place (not "Four-Kings Intel").
        const givenName = gazetteer.firstNames.has(given.key) || (/^\p{Lu}\p{Ll}+$/u.test(given.text) && !gazetteer.commonWords.has(given.key) && !gazetteer.phrases.has(given.key));
        if (words.length > 1 && givenName && !gazetteer.commonWords.has(words[words.length - 1]!.key) && !gazetteer.commonWords.has(words[words.length - 1]!.key.replace(/s$/, ''))) {
          addTo(givenNames, given.key, value);
        }
      } else if (s.kind === 'gazetteer' && s.entry.kind === 'person') {
        addTo(surnames, lastWordKey(s.entry.value), s.entry.value);
      } else if (s.kind === 'organization') {
        addOrganisation(canonicalOrganisation(s.name, gazetteer).value, s.name);
      } else if (s.kind === 'gazetteer' && s.entry.kind === 'organization') {
        addOrganisation(s.entry.value, s.entry.value);
      } else if (s.kind === 'single') {
        if (s.evidence) organisationSingles.add(s.key);
      } else if (s.kind === 'acronym') {
        // "BT's competitors", "BT said": a short acronym the article shows to be an organisation.
        if (s.evidence) organisationSingles.add(s.text.toLowerCase());
      }
    }
    for (const [acronym, name] of paragraph.acronyms) acronyms.set(acronym, canonicalOrganisation(name, gazetteer).value);
  }
  for (const [letters, names] of byInitials) {
    if (names.size === 1 && !acronyms.has(letters)) acronyms.set(letters, [...names][0]!);
  }
  return { surnames, givenNames, acronyms, organisations, organisationSingles, openers, shortNames, clubHeads };
}

/**
 * A first word that can stand for its organisation: not a grammar word, a title, a head ("Bank"),
 * nor a word that names something else on its own ("European Union" … "European leaders").
 */
function isOpener(key: string, gazetteer: Gazetteer): boolean {
  if (TITLE_HEADS.has(key) || ORGANIZATION_HEADS.has(key) || CORPORATE_SUFFIXES.has(key) || CONNECTORS.has(key)) return false;
  if (gazetteer.phrases.has(key) || gazetteer.properAdjectives.has(key)) return false;
  const tags = gazetteer.commonWords.get(key);
  return !(tags && FUNCTION_TAGS.has(tags[0]!));
}

/** The value of a set that holds exactly one; otherwise undefined (none, or ambiguous). */
function onlyOne(names: Set<string> | undefined): string | undefined {
  return names?.size === 1 ? names.values().next().value : undefined;
}

/** The organisation a lone capitalised word opens the name of, if exactly one. */
export function organisationOpenedBy(key: string, context: ArticleContext): string | undefined {
  return onlyOne(context.openers.get(key));
}

/** The one full name in the article with this surname, if exactly one. */
export function fullNameFor(surnameKey: string, context: ArticleContext): string | undefined {
  return onlyOne(context.surnames.get(surnameKey));
}

/** The one longer name of the article that this organisation's name is the short form of. */
export function longerOrganisation(key: string, context: ArticleContext): string | undefined {
  return onlyOne(context.shortNames.get(key));
}

/** The one full name in the article that opens with this given name, if exactly one. */
export function givenNameFor(givenKey: string, context: ArticleContext): string | undefined {
  return onlyOne(context.givenNames.get(givenKey));
}

/** "City" → the article's one club named "… City", if exactly one. */
export function clubFor(headKey: string, context: ArticleContext): string | undefined {
  return onlyOne(context.clubHeads.get(headKey));
}

export function organisationFor(key: string, context: ArticleContext): string | undefined {
  return onlyOne(context.organisations.get(key));
}
