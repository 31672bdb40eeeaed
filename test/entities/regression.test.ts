/**
 * Quality regression: the seed gold list, the CoNLL-2003 development split and the hand-annotated BBC
 * samples, with thresholds a little
 * under the figures measured when they were set (scripts/eval-entities.ts prints the full report).
 * Skipped, saying why, where the shared corpus or a fixture is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanArticle } from '../../src/ingest/clean.js';
import { extractEntities, loadEntityResources, type EntityResources } from '../../src/ingest/entities/index.js';
import { goldSentences, readConllDocuments } from '../../src/ingest/entities/tagger/conll.js';
import { emptySpanScores, microAverage, prf, scoreSpans, type CharSpan } from '../../src/ingest/entities/tagger/evaluate.js';
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

/** Tagger + canonical layer on the development split, as `npm run eval:entities` prints it. */
const CONLL_MEASURED = 'PER .944, ORG .847, LOC .921, micro .910';
const CONLL_FLOORS = { PER: 0.93, ORG: 0.84, LOC: 0.91, micro: 0.905 };
void CONLL_MEASURED;

const samples: Array<{ name: string; file: string; measured: string; floors: Record<Facet, { p: number; r: number }> }> = [
  // Figures of the trained tagger with the canonical layer (npm run eval:entities), floors a little
  // under them. The rules before it were tuned on the three development samples and scored higher
  // there (see the README); the tagger learned from CoNLL-2003 and lede's annotated news (none of
  // these samples' articles among them).
  {
    name: 'BBC development sample',
    file: bbcSample,
    measured: 'people P .91 R .93, organisations P .69 R .88, places P .81 R .96, countries P .96 R .93',
    floors: {
      people: { p: 0.85, r: 0.86 },
      organizations: { p: 0.66, r: 0.8 },
      places: { p: 0.76, r: 0.94 },
      countries: { p: 0.9, r: 0.88 },
    },
  },
  {
    name: 'BBC dev2 sample',
    file: join(root, 'test/fixtures/entities/bbc-dev2.json'),
    // 60 paragraphs (seed 777) annotated before any extractor was run on them.
    measured: 'people P .91 R .98, organisations P .78 R .84, places P .87 R .94, countries P .94 R 1.00',
    floors: {
      people: { p: 0.82, r: 0.9 },
      organizations: { p: 0.73, r: 0.73 },
      places: { p: 0.83, r: 0.9 },
      countries: { p: 0.9, r: 0.95 },
    },
  },
  {
    name: 'BBC dev3 sample',
    file: join(root, 'test/fixtures/entities/bbc-dev3.json'),
    // 60 paragraphs (seed 4242) annotated before any extractor was run on them.
    measured: 'people P .93 R .98, organisations P .75 R .88, places P .84 R .98, countries P .94 R .98',
    floors: {
      people: { p: 0.85, r: 0.92 },
      organizations: { p: 0.7, r: 0.76 },
      places: { p: 0.76, r: 0.9 },
      countries: { p: 0.88, r: 0.88 },
    },
  },
  {
    name: 'BBC held-out sample',
    file: join(root, 'test/fixtures/entities/bbc-heldout.json'),
    // Annotated by someone who never saw an extractor; never used for tuning the rules or the canonical layer.
    measured: 'people P .83 R .92, organisations P .78 R .78, places P .84 R 1.00, countries P .94 R 1.00',
    floors: {
      people: { p: 0.76, r: 0.9 },
      organizations: { p: 0.74, r: 0.63 },
      places: { p: 0.74, r: 0.94 },
      countries: { p: 0.89, r: 0.94 },
    },
  },
  {
    name: 'BBC held-out sample 2',
    file: join(root, 'test/fixtures/entities/bbc-heldout2.json'),
    // 60 more paragraphs (seed 9090), annotated the same way; never used for tuning.
    measured: 'people P .94 R .99, organisations P .78 R .75, places P .92 R .97, countries P 1.00 R .98',
    floors: {
      people: { p: 0.83, r: 0.92 },
      organizations: { p: 0.72, r: 0.73 },
      places: { p: 0.89, r: 0.89 },
      countries: { p: 0.94, r: 0.92 },
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

const conllDev = join(root, '../shared/ner/conll2003/dev.docs.jsonl');
describe.skipIf(!existsSync(conllDev))(`CoNLL-2003 development split${existsSync(conllDev) ? '' : ` (skipped: ${conllDev} is absent)`}`, () => {
  it('keeps span-level F1 per type and micro-averaged above the floors (measured: see CONLL_MEASURED)', () => {
    const scores = emptySpanScores();
    for (const sentences of readConllDocuments(conllDev).map(goldSentences)) {
      const article: CleanArticle = { id: 'conll', title: '', paragraphs: sentences.map((s) => s.text), origin: { path: conllDev } };
      extractEntities(article, resources).forEach((entities, i) => {
        const spans = new Map<string, CharSpan>();
        for (const m of entities.mentions) {
          if (resources.gazetteer.phrases.get(phraseKey(sentences[i]!.text.slice(m.start, m.end)))?.kind === 'demonym') continue;
          const type = m.type === 'person' ? 'PER' : m.type === 'organization' ? 'ORG' : 'LOC';
          spans.set(`${type}:${m.start}:${m.end}`, { type, start: m.start, end: m.end });
        }
        scoreSpans([...spans.values()], sentences[i]!.entities.filter((e) => e.type !== 'MISC'), scores);
      });
    }
    expect(prf(scores.PER).f1, 'PER F1').toBeGreaterThanOrEqual(CONLL_FLOORS.PER);
    expect(prf(scores.ORG).f1, 'ORG F1').toBeGreaterThanOrEqual(CONLL_FLOORS.ORG);
    expect(prf(scores.LOC).f1, 'LOC F1').toBeGreaterThanOrEqual(CONLL_FLOORS.LOC);
    expect(prf(microAverage(scores)).f1, 'micro F1').toBeGreaterThanOrEqual(CONLL_FLOORS.micro);
  });
});

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
