/**
 * Entity-extraction evaluation (issue 3): `npx tsx scripts/eval-entities.ts`.
 *
 *   1. Reuters-21578 article-level annotations → recall per type, with the commonest misses.
 *   2. The hand-written gold list for the seed article → precision and recall per type.
 *   3. Hand-annotated BBC paragraphs (dev sample, dev2, dev3, held-out) → micro precision and recall per type;
 *      `--diff` lists misses and extras for the development samples only, never the held-out one;
 *      `--no-heldout` skips the held-out sample (tuning runs).
 *   4. Extraction speed over Reuters + BBC, and how many facet hits the alias table decided.
 *   5. Junk among the commonest facet values: article tags of values that can never be names.
 *
 * The corpus lives outside the repository (../shared/corpus) and the fixtures may not exist yet:
 * each part says so and is skipped when its input is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanArticle } from '../src/ingest/clean.js';
import { extractEntities, loadEntityResources, type EntityResources, type ExtractionStats } from '../src/ingest/entities/index.js';
import { CORPORATE_SUFFIXES, SUFFIX_PARTNERS, timeZoneAbbreviations } from '../src/ingest/entities/lexicon.js';
import { phraseKey } from '../src/ingest/entities/tokenize.js';
import { recordToArticle } from '../src/ingest/readers/record.js';
import { parsePlainText } from '../src/ingest/readers/text.js';
import type { CleanArticle, ParagraphEntities } from '../src/ingest/types.js';
import { readSampleParagraph, type SampleRef } from './sample-bbc-paragraphs.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '../shared/corpus');
const reutersFile = join(corpus, 'reuters-21578.jsonl');
const labelsFile = join(corpus, 'reuters21578-code-labels.json');
const bbcDir = join(corpus, 'bbc');
const seedGoldFile = join(root, 'test/fixtures/entities/seed-gold.json');
const bbcSampleFile = join(root, 'test/fixtures/entities/bbc-sample.json');
const bbcDev2File = join(root, 'test/fixtures/entities/bbc-dev2.json');
const bbcDev3File = join(root, 'test/fixtures/entities/bbc-dev3.json');
const bbcHeldoutFile = join(root, 'test/fixtures/entities/bbc-heldout.json');
const bbcHeldout2File = join(root, 'test/fixtures/entities/bbc-heldout2.json');
const seedFile = join(root, 'seeds/000_736e09f0b2d7f6d7.txt');

type Facet = 'people' | 'organizations' | 'places' | 'countries';
const FACETS: Facet[] = ['people', 'organizations', 'places', 'countries'];

const t0 = performance.now();
const resources = loadEntityResources();
console.log(`Loaded gazetteers and alias table in ${Math.round(performance.now() - t0)} ms (${resources.aliases.length} alias entries).\n`);

const stats: ExtractionStats = { paragraphs: 0, hits: 0, aliasHits: 0 };
let extractionMs = 0;
/** Articles tagged with each value over the whole corpus (section 5), per facet. */
const census = { people: new Map<string, number>(), organizations: new Map<string, number>(), places: new Map<string, number>() };

function extract(article: CleanArticle, counted = false): ParagraphEntities[] {
  const start = performance.now();
  const result = extractEntities(article, resources, stats);
  extractionMs += performance.now() - start;
  if (counted) {
    for (const facet of Object.keys(census) as Array<keyof typeof census>) {
      for (const value of new Set(result.flatMap((e) => e[facet]))) census[facet].set(value, (census[facet].get(value) ?? 0) + 1);
    }
  }
  return result;
}

/**
 * Folds spelling differences that are not extraction errors: Organisation/Organization, &/and, case,
 * and a closing company suffix ("Indepen Consulting Limited" = "Indepen Consulting").
 */
function norm(value: string): string {
  return phraseKey(value.replace(/,?\s+(Limited|Ltd|Inc|plc|Corp)\.?$/i, '').replace(/&/g, 'and').replace(/organisation/gi, 'organization').replace(/co-operation/gi, 'cooperation'));
}

/** A gold or annotated name, canonicalised through the alias table as the extractor would. */
function canonical(value: string, r: EntityResources): string {
  const entry = r.gazetteer.phrases.get(phraseKey(value));
  if (!entry) return value;
  return entry.kind === 'demonym' ? entry.value : entry.value;
}

function pct(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : '  -  ';
}

function top(counter: Map<string, number>, n = 10): string {
  return [...counter].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} (${v})`).join(', ') || '-';
}

function bump(counter: Map<string, number>, key: string): void {
  counter.set(key, (counter.get(key) ?? 0) + 1);
}

// ─── 1. Reuters ────────────────────────────────────────────────────────────────────────────
/**
 * Annotation codes whose label is not the name the text or our facets use. Historical states keep
 * their own values; a place inside today's Germany or Russia (Frankfurt, Moscow) resolves through the
 * gazetteer to the modern country, so those are accepted as the same country at country level.
 */
const PLACE_NAMES: Record<string, string[]> = {
  usa: ['United States'],
  uk: ['United Kingdom'],
  ussr: ['Soviet Union', 'Russia'],
  'west-germany': ['West Germany', 'Germany'],
  'east-germany': ['East Germany'],
};
const ORG_NAMES: Record<string, string> = {
  worldbank: 'World Bank',
  'ico-coffee': 'International Coffee Organization',
  'ico-islam': 'Islamic Conference Organization',
  'adb-asia': 'Asian Development Bank',
  'adb-africa': 'African Development Bank',
  'iwc-wheat': 'International Wheat Council',
  'iwc-whale': 'International Whaling Commission',
};

function evalReuters(): void {
  if (!existsSync(reutersFile) || !existsSync(labelsFile)) {
    console.log(`1. Reuters: skipped, ${reutersFile} not found.\n`);
    return;
  }
  const labels = JSON.parse(readFileSync(labelsFile, 'utf8')) as Record<'people' | 'orgs' | 'places', Record<string, string>>;
  const score = { people: { found: 0, total: 0, articles: 0 }, orgs: { found: 0, total: 0, articles: 0 }, places: { found: 0, total: 0, articles: 0 } };
  const misses = { people: new Map<string, number>(), orgs: new Map<string, number>(), places: new Map<string, number>() };
  const lines = readFileSync(reutersFile, 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    const record = JSON.parse(line) as { id: string; duplicateOf: string | null; people: string[]; orgs: string[]; places: string[] };
    const article = cleanArticle(recordToArticle(record, record.id, { path: reutersFile, line: index + 1 }));
    const entities = extract(article, true);
    if (record.duplicateOf !== null) return;
    const all = (facet: Facet): Set<string> => new Set(entities.flatMap((e) => e[facet]));

    if (record.people.length) {
      score.people.articles++;
      const surnames = new Set([...all('people')].map((p) => phraseKey(p).split(' ').pop()!));
      for (const code of record.people) {
        score.people.total++;
        const label = labels.people[code] ?? code;
        // Labels carry descriptions ("Paul Volcker, economist"); the code ends with the surname.
        const fromLabel = phraseKey(label.split(',')[0]!.replace(/\(.*?\)/g, '')).split(' ').pop()!;
        const fromCode = code.split('-').pop()!;
        if (surnames.has(fromCode) || surnames.has(fromLabel)) score.people.found++;
        else bump(misses.people, label);
      }
    }
    if (record.orgs.length) {
      score.orgs.articles++;
      const found = new Set([...all('organizations')].flatMap((o) => [norm(o), norm(canonical(o, resources))]));
      for (const code of record.orgs) {
        score.orgs.total++;
        const label = ORG_NAMES[code] ?? labels.orgs[code] ?? code;
        const acronym = code.split('-')[0]!.toUpperCase();
        const names = [label, canonical(label, resources), acronym, canonical(acronym, resources)].map(norm);
        if (names.some((n) => found.has(n))) score.orgs.found++;
        else bump(misses.orgs, label);
      }
    }
    if (record.places.length) {
      score.places.articles++;
      const countries = all('countries');
      for (const code of record.places) {
        score.places.total++;
        const label = labels.places[code] ?? code;
        const names = PLACE_NAMES[code] ?? [canonical(label, resources)];
        if (names.some((n) => countries.has(n))) score.places.found++;
        else bump(misses.places, label);
      }
    }
  });
  console.log('1. Reuters-21578 annotations (non-duplicate annotated articles; article-level recall)');
  console.log('   type            articles  annotations  found   recall  target');
  const targets = { people: 0.92, orgs: 0.8, places: 0.9 };
  for (const type of ['people', 'orgs', 'places'] as const) {
    const s = score[type];
    const r = s.found / s.total;
    console.log(`   ${type.padEnd(15)} ${String(s.articles).padStart(8)}  ${String(s.total).padStart(11)}  ${String(s.found).padStart(5)}   ${pct(r)}  ${targets[type]} ${r >= targets[type] ? 'ok' : 'BELOW'}`);
  }
  console.log('   places are matched at country level; ussr also matches Russia and west-germany Germany (modern gazetteer countries of Moscow, Frankfurt …).');
  for (const type of ['people', 'orgs', 'places'] as const) console.log(`   commonest ${type} misses: ${top(misses[type])}`);
  console.log();
}

// ─── 2. Seed gold ──────────────────────────────────────────────────────────────────────────
interface Scores {
  tp: number;
  fp: number;
  fn: number;
}

function scoreSets(predicted: Iterable<string>, gold: Iterable<string>, s: Scores, diff?: { fp: string[]; fn: string[] }): void {
  const p = new Map([...predicted].map((v) => [norm(canonical(v, resources)), v]));
  const g = new Map([...gold].map((v) => [norm(canonical(v, resources)), v]));
  for (const [k, v] of p) {
    if (g.has(k)) s.tp++;
    else {
      s.fp++;
      diff?.fp.push(v);
    }
  }
  for (const [k, v] of g) {
    if (!p.has(k)) {
      s.fn++;
      diff?.fn.push(v);
    }
  }
}

function printScores(title: string, scores: Record<Facet, Scores>, target: { p: number; r: number }, diffs?: Record<Facet, { fp: string[]; fn: string[] }>): void {
  console.log(title);
  console.log('   type            tp   fp   fn   precision  recall   target P/R');
  for (const facet of FACETS) {
    const s = scores[facet];
    const precision = s.tp / (s.tp + s.fp);
    const recall = s.tp / (s.tp + s.fn);
    const ok = (Number.isNaN(precision) || precision >= target.p) && (Number.isNaN(recall) || recall >= target.r);
    console.log(`   ${facet.padEnd(15)} ${String(s.tp).padStart(3)}  ${String(s.fp).padStart(3)}  ${String(s.fn).padStart(3)}   ${pct(precision)}      ${pct(recall)}    ${target.p}/${target.r} ${ok ? 'ok' : 'BELOW'}`);
  }
  if (diffs) {
    for (const facet of FACETS) {
      const d = diffs[facet];
      if (d.fp.length || d.fn.length) console.log(`   ${facet}: extra [${d.fp.join(', ')}]  missed [${d.fn.join(', ')}]`);
    }
  }
  console.log();
}

const emptyScores = (): Record<Facet, Scores> => ({
  people: { tp: 0, fp: 0, fn: 0 },
  organizations: { tp: 0, fp: 0, fn: 0 },
  places: { tp: 0, fp: 0, fn: 0 },
  countries: { tp: 0, fp: 0, fn: 0 },
});
const emptyDiffs = (): Record<Facet, { fp: string[]; fn: string[] }> => ({
  people: { fp: [], fn: [] },
  organizations: { fp: [], fn: [] },
  places: { fp: [], fn: [] },
  countries: { fp: [], fn: [] },
});

function readPlainArticle(path: string, id: string): CleanArticle {
  return cleanArticle(parsePlainText(readFileSync(path, 'utf8'), id, { path }));
}

function evalSeed(): void {
  if (!existsSync(seedGoldFile)) {
    console.log(`2. Seed gold: skipped, ${seedGoldFile} not written yet.\n`);
    return;
  }
  const gold = JSON.parse(readFileSync(seedGoldFile, 'utf8')) as Record<Facet, string[]>;
  const entities = extractEntities(readPlainArticle(seedFile, 'seed'), resources);
  const scores = emptyScores();
  const diffs = emptyDiffs();
  for (const facet of FACETS) scoreSets(new Set(entities.flatMap((e) => e[facet])), gold[facet], scores[facet], diffs[facet]);
  printScores('2. Seed article against its gold list (set level)', scores, { p: 0.95, r: 0.95 }, diffs);
}

// ─── 3. BBC sample ─────────────────────────────────────────────────────────────────────────
/** The fixture keeps no corpus text (licence): each paragraph is read back and checked by sha1. */
interface BbcFixture {
  paragraphs: Array<SampleRef & Record<Facet, string[]>>;
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** heldOut: never print its misses and extras, even with --diff (it is a test set, not for tuning). */
function evalBbcSample(file = bbcSampleFile, title = '3. BBC sample', heldOut = false): void {
  if (!existsSync(file) || !existsSync(bbcDir)) {
    console.log(`${title}: skipped, ${existsSync(bbcDir) ? file : bbcDir} not found.\n`);
    return;
  }
  const fixture = JSON.parse(readFileSync(file, 'utf8')) as BbcFixture;
  const scores = emptyScores();
  const diffs = emptyDiffs();
  let unmatched = 0;
  for (const item of fixture.paragraphs) {
    const text = readSampleParagraph(bbcDir, item);
    const article = readPlainArticle(join(bbcDir, item.file), item.file);
    const entities = extractEntities(article, resources);
    const wanted = squash(cleanArticle({ id: 'x', title: '', paragraphs: [text], origin: { path: 'fixture' } }).paragraphs[0] ?? text);
    const index = article.paragraphs.findIndex((p) => squash(p) === wanted);
    if (index < 0) {
      unmatched++;
      continue;
    }
    for (const facet of FACETS) scoreSets(entities[index]![facet], item[facet], scores[facet], diffs[facet]);
  }
  printScores(`${title} (${fixture.paragraphs.length - unmatched} of ${fixture.paragraphs.length} paragraphs found; micro-averaged)`, scores, { p: 0.9, r: 0.85 }, process.argv.includes('--diff') && !heldOut ? diffs : undefined);
}

// ─── 5. Junk among the commonest values ───────────────────────────────────────────────────────
/**
 * What a user sees first in a facet list: the values most articles carry. Counts article tags, among
 * the 300 commonest values of each type, of values that can never be a name: a company suffix alone
 * ("Co", "Inc"), a lone letter, a time zone ("GMT"), or text across a line break (a table's rows).
 */
function evalJunk(): void {
  if (census.organizations.size === 0) return;
  const zones = timeZoneAbbreviations();
  const isJunk = (value: string): boolean => {
    const key = value.toLowerCase();
    return CORPORATE_SUFFIXES.has(key) || SUFFIX_PARTNERS.has(key) || /^\p{L}\.?$/u.test(value) || zones.has(value) || value.includes('\n');
  };
  let tags = 0;
  const found: string[] = [];
  for (const [facet, counts] of Object.entries(census)) {
    for (const [value, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 300)) {
      if (!isJunk(value)) continue;
      tags += n;
      found.push(`${JSON.stringify(value)} (${facet}, ${n})`);
    }
  }
  console.log(`5. Junk among the 300 commonest values per type (Reuters + BBC): ${tags} article tags${found.length ? `: ${found.join(', ')}` : ''}`);
}

// ─── 4. Speed ──────────────────────────────────────────────────────────────────────────────
function evalSpeed(): void {
  if (existsSync(bbcDir)) {
    for (const folder of readdirSync(bbcDir, { withFileTypes: true })) {
      if (!folder.isDirectory()) continue;
      for (const file of readdirSync(join(bbcDir, folder.name))) {
        if (file.endsWith('.txt')) extract(readPlainArticle(join(bbcDir, folder.name, file), `${folder.name}/${file}`), true);
      }
    }
  }
  if (stats.paragraphs === 0) {
    console.log('4. Speed: skipped, no corpus.');
    return;
  }
  const rate = stats.paragraphs / (extractionMs / 1000);
  console.log(`4. Speed: ${stats.paragraphs} paragraphs (Reuters + BBC) in ${(extractionMs / 1000).toFixed(2)} s → ${Math.round(rate)} paragraphs/s on one core (target 5000 ${rate >= 5000 ? 'ok' : 'BELOW'})`);
  console.log(`   facet hits from mentions: ${stats.hits}; decided by the alias table: ${stats.aliasHits} (${((100 * stats.aliasHits) / Math.max(1, stats.hits)).toFixed(1)}%)`);
}

evalReuters();
evalSeed();
evalBbcSample();
// 60 more paragraphs (seed 777), annotated before the extractor was run on them, then used for tuning.
evalBbcSample(bbcDev2File, '3a. BBC dev2 sample');
// 60 more (seed 4242), likewise annotated before the extractor was run on them, then used for tuning.
evalBbcSample(bbcDev3File, '3c. BBC dev3 sample');
// Annotated by someone who never saw the extractor, after the rules were tuned on the sample above:
// the honest figure for text the rules were not shaped on.
// `--no-heldout` skips it altogether, for tuning runs.
// A second one of 60 paragraphs (seed 9090), annotated the same way once the rules had stopped
// changing, so that the held-out figure rests on 90 paragraphs rather than 30.
if (process.argv.includes('--no-heldout')) console.log('3b. BBC held-out samples: skipped (--no-heldout).\n');
else {
  evalBbcSample(bbcHeldoutFile, '3b. BBC held-out sample (never used for tuning)', true);
  evalBbcSample(bbcHeldout2File, '3d. BBC held-out sample 2 (never used for tuning)', true);
}
evalSpeed();
evalJunk();
