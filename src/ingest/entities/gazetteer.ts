/**
 * Builds the lookup maps extraction uses from the alias table and the derived gazetteer data
 * (data.ts). Pure: the loader reads the files, this turns them into maps once, so extraction
 * itself only does Map lookups.
 *
 * Precedence when two sources name the same phrase: the alias table, then countries, then
 * provinces/states, then cities (the most populous city of a name wins: "London" → United Kingdom,
 * not London, Ontario).
 */
import { DatelineCities, MIN_CITY_POPULATION, type CountryRecord, type GazetteerData } from './data.js';
import { NUMBER_WORDS } from './lexicon.js';
import { phraseKey } from './tokenize.js';
import type { AliasEntry, Gazetteer, GazetteerEntry } from './types.js';

export { MIN_CITY_POPULATION };

/**
 * Below this, a one-word city name counts only after a locative preposition ("in Hayes", "from
 * Mtsensk"): mid-sized towns share their names with surnames (Murphy, Hayes, Foley) and words (Best).
 */
export const CONTEXT_FREE_CITY_POPULATION = 250_000;

const ACRONYM = /^[A-Z][A-Z.&]*$/;
/** "La.", "Ill.", "Calif.": a capitalised abbreviation with its full stop. */
const ABBREVIATION = /^[A-Z][a-z]{1,4}\.$/;

export function buildGazetteer(aliases: AliasEntry[], data: GazetteerData): Gazetteer {
  const phrases = new Map<string, GazetteerEntry>();
  let maxPhraseTokens = 1;
  const add = (phrase: string, entry: GazetteerEntry): void => {
    const key = phraseKey(phrase);
    if (key === '') return;
    const exact = ACRONYM.test(phrase) && phrase.replace(/\./g, '').length <= 5;
    const existing = phrases.get(key);
    if (existing) {
      // "NATO" and "Nato" both listed: the mixed-case variant lifts the exact-case restriction.
      if (existing.exactCase !== undefined && !exact && existing.value === entry.value) phrases.set(key, { ...existing, exactCase: undefined });
      return;
    }
    phrases.set(key, exact ? { ...entry, exactCase: phrase.replace(/\./g, '') } : entry);
    maxPhraseTokens = Math.max(maxPhraseTokens, key.split(' ').length);
  };

  const countryByCode = new Map<string, string>();
  for (const c of data.countries) countryByCode.set(c.cca2, c.name.common);
  const adjectiveOf = new Map<string, string>();
  const abbreviations = new Map<string, GazetteerEntry>();

  // 1. The alias table: the newsroom's own decisions come first.
  for (const entry of aliases) {
    const base: GazetteerEntry =
      entry.type === 'country'
        ? { kind: 'country', value: entry.canonical, country: entry.canonical, source: 'alias' }
        : entry.type === 'place'
          ? { kind: 'place', value: entry.canonical, source: 'alias', ...(entry.country ? { country: entry.country } : {}) }
          : { kind: entry.type, value: entry.canonical, source: 'alias' };
    for (const phrase of [entry.canonical, ...entry.aliases]) {
      if (ABBREVIATION.test(phrase)) abbreviations.set(phraseKey(phrase), base);
      else add(phrase, base);
    }
    for (const demonym of entry.demonyms ?? []) {
      const country = entry.type === 'country' ? entry.canonical : entry.country;
      if (country) add(demonym, { kind: 'demonym', value: country, country, source: 'alias' });
    }
    const first = entry.demonyms?.[0];
    if (entry.type === 'country' && first) adjectiveOf.set(entry.canonical, first);
  }

  // 2. Countries: common and official names, alternative spellings, demonyms.
  const demonymCountries = new Map<string, CountryRecord[]>();
  for (const c of data.countries) {
    const entry: GazetteerEntry = { kind: 'country', value: c.name.common, country: c.name.common, source: 'country' };
    add(c.name.common, entry);
    add(c.name.official, entry);
    // Two-letter codes ("RU", "IT") are words or ambiguous in prose; the alias table adds US/UK.
    for (const alt of c.altSpellings ?? []) if (alt.length > 3) add(alt, entry);
    const demonyms = new Set([c.demonyms?.eng?.m, c.demonyms?.eng?.f].filter((d): d is string => !!d));
    for (const d of [...demonyms]) if (/[ni]$/.test(d)) demonyms.add(`${d}s`);
    for (const d of demonyms) demonymCountries.set(d, [...(demonymCountries.get(d) ?? []), c]);
    if (c.demonyms?.eng?.m && !adjectiveOf.has(c.name.common)) adjectiveOf.set(c.name.common, c.demonyms.eng.m);
  }
  for (const [demonym, countries] of demonymCountries) {
    // "Dominican", "Congolese": more than one UN member → ambiguous, leave it to the alias table.
    const members = countries.filter((c) => c.unMember);
    const only = members.length === 1 ? members[0] : countries.length === 1 ? countries[0] : undefined;
    if (only) add(demonym, { kind: 'demonym', value: only.name.common, country: only.name.common, source: 'country' });
  }

  // 3. States and provinces.
  for (const p of data.provinces) {
    const country = countryByCode.get(p.country);
    const entry: GazetteerEntry = { kind: 'place', value: p.name, source: 'province', ...(country ? { country } : {}) };
    // Alternative names, but not clipped abbreviations of the name ("Camp" for Campeche would make
    // "the Nou Camp" a Mexican state; "Mich" is Michigan as often as Michoacán).
    const clipped = (alt: string) => alt.length <= 5 && alt.length < p.name.length && p.name.toLowerCase().startsWith(alt.toLowerCase());
    for (const phrase of [p.name, ...(p.alt ?? []).filter((alt) => !clipped(alt))]) if (phrase.length > 3) add(phrase, entry);
  }

  // 4. Cities big enough for prose, most populous first so the biggest of a name wins.
  for (const [name, code, population, district] of data.cities) {
    if (population < MIN_CITY_POPULATION) continue;
    const country = countryByCode.get(code);
    const entry: GazetteerEntry = { kind: 'place', value: name, source: 'city', population, ...(country ? { country } : {}), ...(district ? { district: true } : {}) };
    // A big city outranks a county of the same name elsewhere: Cleveland, Ohio over Cleveland, England.
    const key = phraseKey(name);
    if (population >= CONTEXT_FREE_CITY_POPULATION && phrases.get(key)?.source === 'province') phrases.delete(key);
    add(name, entry);
  }
  const datelineCities = new DatelineCities(data.datelineCities, countryByCode);

  const firstNames = new Set(data.firstNames);
  const commonWords = new Map<string, readonly string[]>();
  for (const [cls, words] of Object.entries(data.commonWords)) {
    const tags = cls.split(' ');
    for (const word of words.split(' ')) commonWords.set(word, tags);
  }
  for (const word of NUMBER_WORDS) commonWords.set(word, ['CD']);

  const capitals = new Set(data.countries.flatMap((c) => (c.capital ?? []).map(phraseKey)));
  return { phrases, maxPhraseTokens, abbreviations, datelineCities, firstNames, commonWords, adjectiveOf, capitals };
}
