/**
 * Quality regression: the seed gold list and the hand-annotated BBC sample, with thresholds a little
 * under the figures measured when they were set (scripts/eval-entities.ts prints the full report).
 * Skipped, saying why, where the shared corpus or a fixture is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanArticle } from '../../src/ingest/clean.js';
import { extractEntities, loadEntityResources, type EntityResources } from '../../src/ingest/entities/index.js';
import { phraseKey } from '../../src/ingest/entities/tokenize.js';
import { parsePlainText } from '../../src/ingest/readers/text.js';
import type { CleanArticle } from '../../src/ingest/types.js';
import { paragraphSha1, readSampleParagraph, type SampleRef } from '../../scripts/sample-bbc-paragraphs.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = join(root, '../shared/corpus');
const seedFile = join(root, 'seeds/000_736e09f0b2d7f6d7.txt');
const seedGold = join(root, 'test/fixtures/entities/seed-gold.json');
const bbcSample = join(root, 'test/fixtures/entities/bbc-sample.json');

type Facet = 'people' | 'organizations' | 'places' | 'countries';
const FACETS: Facet[] = ['people', 'organizations', 'places', 'countries'];

let resources: EntityResources;
beforeAll(() => {
  resources = loadEntityResources();
});

function readArticle(path: string): CleanArticle {
  return cleanArticle(parsePlainText(readFileSync(path, 'utf8'), path, { path }));
}

/** Gold and extracted names compared after the alias table and spelling folds (Organisation/-ization). */
function key(value: string): string {
  const entry = resources.gazetteer.phrases.get(phraseKey(value));
  return phraseKey((entry?.value ?? value).replace(/,?\s+(Limited|Ltd|Inc|plc|Corp)\.?$/i, '').replace(/&/g, 'and').replace(/organisation/gi, 'organization'));
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function count(predicted: Iterable<string>, gold: Iterable<string>, c: Counts): void {
  const p = new Set([...predicted].map(key));
  const g = new Set([...gold].map(key));
  for (const v of p) (g.has(v) ? c.tp++ : c.fp++);
  for (const v of g) if (!p.has(v)) c.fn++;
}

const precision = (c: Counts): number => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp));
const recall = (c: Counts): number => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn));

describe.skipIf(!existsSync(seedGold))(`seed gold (${seedGold})`, () => {
  it('finds every person, organisation, place and country of the seed, and nothing else', () => {
    const gold = JSON.parse(readFileSync(seedGold, 'utf8')) as Record<Facet, string[]>;
    const entities = extractEntities(readArticle(seedFile), resources);
    for (const facet of FACETS) {
      const c: Counts = { tp: 0, fp: 0, fn: 0 };
      count(new Set(entities.flatMap((e) => e[facet])), gold[facet], c);
      expect({ facet, precision: precision(c) >= 0.95, recall: recall(c) >= 0.95 }).toEqual({ facet, precision: true, recall: true });
    }
  });
});

function scoreSample(file: string): Record<Facet, Counts> & { found: number; total: number } {
  // The fixtures hold no corpus text (licence): each paragraph is read back and checked by sha1.
  const fixture = JSON.parse(readFileSync(file, 'utf8')) as {
    paragraphs: Array<SampleRef & Record<Facet, string[]>>;
  };
  const counts = Object.fromEntries(FACETS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<Facet, Counts>;
  const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
  let found = 0;
  for (const item of fixture.paragraphs) {
    const text = readSampleParagraph(join(corpus, 'bbc'), item);
    const article = readArticle(join(corpus, 'bbc', item.file));
    const wanted = squash(cleanArticle({ id: 'x', title: '', paragraphs: [text], origin: { path: 'fixture' } }).paragraphs[0] ?? text);
    const index = article.paragraphs.findIndex((p) => squash(p) === wanted);
    if (index < 0) continue;
    found++;
    const entities = extractEntities(article, resources)[index]!;
    for (const facet of FACETS) count(entities[facet], item[facet], counts[facet]);
  }
  return { ...counts, found, total: fixture.paragraphs.length };
}

const samples: Array<{ name: string; file: string; measured: string; floors: Record<Facet, { p: number; r: number }> }> = [
  {
    name: 'BBC development sample',
    file: bbcSample,
    // The rules were tuned while looking at this sample's misses.
    measured: 'people P .94 R .88, organisations P .93 R .88, places P 1.00 R .91, countries P 1.00 R .93',
    floors: {
      people: { p: 0.9, r: 0.85 },
      organizations: { p: 0.88, r: 0.82 },
      places: { p: 0.95, r: 0.86 },
      countries: { p: 0.95, r: 0.9 },
    },
  },
  {
    name: 'BBC dev2 sample',
    file: join(root, 'test/fixtures/entities/bbc-dev2.json'),
    // 60 paragraphs (seed 777) annotated before the extractor was run on them, then used for tuning.
    measured: 'people P .95 R .95, organisations P .85 R .87, places P .94 R .97, countries P .97 R 1.00',
    floors: {
      people: { p: 0.91, r: 0.91 },
      organizations: { p: 0.81, r: 0.83 },
      places: { p: 0.9, r: 0.93 },
      countries: { p: 0.93, r: 0.96 },
    },
  },
  {
    name: 'BBC dev3 sample',
    file: join(root, 'test/fixtures/entities/bbc-dev3.json'),
    // 60 paragraphs (seed 4242) annotated before the extractor was run on them, then used for tuning.
    // First measured (before tuning on it) at people P .92 R .87, organisations P .70 R .53, places P .89 R .98.
    measured: 'people P .95 R .89, organisations P .89 R .85, places P .96 R .98, countries P .94 R .98',
    floors: {
      people: { p: 0.91, r: 0.85 },
      organizations: { p: 0.85, r: 0.8 },
      places: { p: 0.92, r: 0.94 },
      countries: { p: 0.9, r: 0.94 },
    },
  },
  {
    name: 'BBC held-out sample',
    file: join(root, 'test/fixtures/entities/bbc-heldout.json'),
    // Annotated by someone who never saw the extractor; never used for tuning. Below the issue's
    // targets for organisations (recall) and for people and places (precision): see the README.
    measured: 'people P .89 R .89, organisations P .76 R .62, places P .86 R 1.00, countries P .94 R 1.00',
    floors: {
      people: { p: 0.83, r: 0.85 },
      organizations: { p: 0.7, r: 0.5 },
      places: { p: 0.82, r: 0.95 },
      countries: { p: 0.9, r: 0.95 },
    },
  },
  {
    name: 'BBC held-out sample 2',
    file: join(root, 'test/fixtures/entities/bbc-heldout2.json'),
    // 60 more paragraphs (seed 9090), annotated the same way by someone who never saw the extractor,
    // once the rules had stopped changing; never used for tuning.
    measured: 'people P .92 R .91, organisations P .75 R .62, places P .93 R .95, countries P .98 R .97',
    floors: {
      people: { p: 0.87, r: 0.86 },
      organizations: { p: 0.7, r: 0.55 },
      places: { p: 0.89, r: 0.9 },
      countries: { p: 0.93, r: 0.92 },
    },
  },
];

for (const sample of samples) {
  const missing = !existsSync(sample.file) ? `${sample.file} is absent` : !existsSync(join(corpus, 'bbc')) ? `${corpus}/bbc is absent` : '';
  describe.skipIf(missing !== '')(`${sample.name}${missing ? ` (skipped: ${missing})` : ''}`, () => {
    it(`keeps micro precision and recall per facet above the floors (measured: ${sample.measured})`, () => {
      const scored = scoreSample(sample.file);
      expect(scored.found).toBe(scored.total);
      for (const facet of FACETS) {
        expect(precision(scored[facet]), `${facet} precision`).toBeGreaterThanOrEqual(sample.floors[facet].p);
        expect(recall(scored[facet]), `${facet} recall`).toBeGreaterThanOrEqual(sample.floors[facet].r);
      }
    });
  });
}

describe('BBC sample references', () => {
  it('fails, naming the paragraph, when the corpus text does not match the fixture\'s sha1', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'lede-bbc-'));
    mkdirSync(join(dir, 'tech'));
    writeFileSync(join(dir, 'tech/001.txt'), 'Title\n\nFirst paragraph.\n\nSecond paragraph.\n');
    const ref = { file: 'tech/001.txt', paragraphIndex: 1, textSha1: paragraphSha1('Second paragraph.') };
    expect(readSampleParagraph(dir, ref)).toBe('Second paragraph.');
    expect(() => readSampleParagraph(dir, { ...ref, textSha1: '0'.repeat(40) })).toThrow(/tech\/001\.txt paragraph 1: text sha1 .* differs/);
  });
});

describe('gazetteer data cache', () => {
  it('gives the same gazetteer from the packages as from the cache', () => {
    const fresh = loadEntityResources({ cache: false });
    expect(fresh.gazetteer.phrases.size).toBe(resources.gazetteer.phrases.size);
    expect(fresh.gazetteer.datelineCities.get('muncie')).toEqual(resources.gazetteer.datelineCities.get('muncie'));
  });
});
