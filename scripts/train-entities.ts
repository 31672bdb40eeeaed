/**
 * Trains the entity tagger: `npm run train:entities [-- options]`.
 *
 *   1. word clusters, learned without labels from the shared corpus (Reuters-21578, BBC News) and
 *      the CoNLL-2003 training text (clusters.ts);
 *   2. the CoNLL-2003 training split as lede tokenises it, its sentences joined into paragraphs of
 *      one to three, plus seeded copies in capitals and in lower case (wire headlines, some Reuters
 *      bodies); and lede's own annotated news (resources/ner/news-annotations.jsonl: BBC News
 *      articles and news-site pages, read from ../shared), `--news-weight` times over;
 *   3. a structured averaged perceptron over the named features (features.ts), scored on the
 *      development split after each epoch;
 *   4. resources/entity-tagger.bin and its model card, resources/entity-tagger.md.
 *
 * Deterministic: the same data, options and seed give the same file.
 *
 * Options: --epochs N (default 12) · --seed N (default 1) · --without a,b (feature templates to
 * leave out, for ablations) · --out FILE · --no-save (score only) · --news FILE ('' for none) ·
 * --news-weight N (default 2).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadGazetteer } from '../src/ingest/entities/index.js';
import { learnClusters, corpusSentences } from '../src/ingest/entities/tagger/clusters.js';
import { goldSentences, paragraphsOf, projectTags, readConllDocuments, type GoldSentence } from '../src/ingest/entities/tagger/conll.js';
import { TAG_COUNT, TAGS } from '../src/ingest/entities/tagger/decode.js';
import { AVERAGED_LABELS, charSpans, emptySpanScores, microAverage, prf, scoreSpans, type SpanScores } from '../src/ingest/entities/tagger/evaluate.js';
import { articleCaseEvidence, Featurizer, paragraphView, stringIndex, TEMPLATES, type TemplateName } from '../src/ingest/entities/tagger/features.js';
import { MODEL_FORMAT, modelFromRows, serializeModel, Tagger, type TaggerModel } from '../src/ingest/entities/tagger/model.js';
import { seededRandom, trainPerceptron, type TrainingSequence } from '../src/ingest/entities/tagger/perceptron.js';
import { tokenize } from '../src/ingest/entities/tokenize.js';
import { writeModelCard } from './lib/model-card.js';
import { annotatedArticles } from './lib/news-annotations.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nerDir = join(root, '../shared/ner/conll2003');
const trainFile = join(nerDir, 'train.docs.jsonl');
const devFile = join(nerDir, 'dev.docs.jsonl');

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '12' },
    seed: { type: 'string', default: '1' },
    without: { type: 'string', default: '' },
    out: { type: 'string', default: join(root, 'resources/entity-tagger.bin') },
    'no-save': { type: 'boolean', default: false },
    'min-count': { type: 'string', default: '2' },
    'case-copies': { type: 'string', default: '0.25' },
    news: { type: 'string', default: join(root, 'resources/ner/news-annotations.jsonl') },
    /** Clusters kept in a file between runs (they depend only on the corpus, the training text and the seed). */
    'clusters-cache': { type: 'string', default: '' },
    'news-weight': { type: 'string', default: '2' },
  },
});

if (!existsSync(trainFile) || !existsSync(devFile)) {
  console.error(`train:entities needs the CoNLL-2003 splits in ${nerDir} (see ../shared/ner/README.md).`);
  process.exit(2);
}

const epochs = Number(values.epochs);
const seed = Number(values.seed);
const minCount = Number(values['min-count']);
const caseCopies = Number(values['case-copies']);
const without = new Set(values.without.split(',').filter(Boolean));
for (const t of without) if (!(TEMPLATES as readonly string[]).includes(t)) throw new Error(`--without: unknown template ${t} (one of ${TEMPLATES.join(', ')})`);
const templates = TEMPLATES.filter((t) => !without.has(t)) as TemplateName[];
const clusterDepths = templates.includes('clusters') ? [4, 6, 10, 20] : [];

const started = performance.now();
const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const resources = loadGazetteer();

// ─── 1. clusters ─────────────────────────────────────────────────────────────────────────────
const trainDocs = readConllDocuments(trainFile);
const devDocs = readConllDocuments(devFile);
let clusters = new Map<string, string>();
const cache = values['clusters-cache'];
if (clusterDepths.length && cache && existsSync(cache)) {
  clusters = new Map(readFileSync(cache, 'utf8').split('\n').filter(Boolean).map((line) => line.split('\t') as [string, string]));
  console.log(`1. clusters: ${clusters.size} words, read from ${cache} (${elapsed()})`);
} else if (clusterDepths.length) {
  const sentences = corpusSentences(join(root, '../shared/corpus'), trainDocs);
  clusters = learnClusters(sentences, { seed, log: (line) => console.log(`  clusters: ${line} (${elapsed()})`) });
  if (cache) writeFileSync(cache, [...clusters].map(([w, p]) => `${w}\t${p}`).join('\n'));
  console.log(`1. clusters: ${clusters.size} words (${elapsed()})`);
} else console.log('1. clusters: left out');

// ─── 2. training sentences ──────────────────────────────────────────────────────────────────────
/** A document's sentences, plus (seeded) copies of some documents in capitals or in lower case. */
function withCaseCopies(docs: ReturnType<typeof readConllDocuments>, random: () => number): GoldSentence[][] {
  const out: GoldSentence[][] = [];
  for (const doc of docs) {
    const sentences = paragraphsOf(goldSentences(doc), random);
    out.push(sentences);
    for (const recase of [(s: string) => s.toUpperCase(), (s: string) => s.toLowerCase()]) {
      if (random() >= caseCopies) continue;
      const copy: GoldSentence[] = [];
      for (const s of sentences) {
        const text = recase(s.text);
        if (text.length !== s.text.length) continue;
        const tokens = tokenize(text);
        copy.push({ text, tokens, tags: projectTags(tokens, s.entities), entities: s.entities });
      }
      out.push(copy);
    }
  }
  return out;
}
const random = seededRandom(seed);
const trainArticles = withCaseCopies(trainDocs, random);
const conllCount = trainArticles.length;
const newsWeight = Number(values['news-weight']);
const news = values.news && existsSync(values.news) ? annotatedArticles(values.news, join(root, '../shared')) : [];
for (let k = 0; k < newsWeight; k++) for (const article of news) trainArticles.push(article.sentences);
const devArticles = devDocs.map(goldSentences);
const tokensOf = (articles: GoldSentence[][]): number => articles.reduce((n, a) => n + a.reduce((m, s) => m + s.tokens.length, 0), 0);
console.log(
  `2. training: ${conllCount} CoNLL documents (${trainDocs.length} + copies in capitals or lower case), ${tokensOf(trainArticles.slice(0, conllCount))} tokens; ` +
    `${news.length} annotated news articles × ${newsWeight}, ${tokensOf(news.map((a) => a.sentences))} tokens each time (${elapsed()})`,
);

// ─── 3. features ───────────────────────────────────────────────────────────────────────────────
const featureResources = { gazetteer: resources.gazetteer, clusters, clusterDepths };
const counts = new Map<string, number>();
const counting = stringIndex((f) => {
  counts.set(f, (counts.get(f) ?? 0) + 1);
  return -1;
});
// Word features are cached per word type; count them per occurrence by turning the cache off.
const counter = new Featurizer(counting, featureResources, templates, 0);
const viewsOf = (article: GoldSentence[]) => {
  const views = article.map((s) => paragraphView(s.tokens));
  return { views, evidence: articleCaseEvidence(views) };
};
// Each annotated article counted once, however many times it is trained on.
for (const article of trainArticles.slice(0, conllCount + Math.min(1, newsWeight) * news.length)) {
  const { views, evidence } = viewsOf(article);
  for (const v of views) counter.paragraph(v, evidence);
}
const features = new Map<string, number>();
for (const [f, n] of counts) if (n >= minCount || f === 'bias') features.set(f, features.size);
counts.clear();
const fixed = stringIndex((f) => features.get(f) ?? -1);
const featurizer = new Featurizer(fixed, featureResources, templates);
const sequences: TrainingSequence[] = [];
for (const article of trainArticles) {
  const { views, evidence } = viewsOf(article);
  views.forEach((v, i) => sequences.push({ ...featurizer.paragraph(v, evidence), gold: article[i]!.tags }));
}
console.log(`3. features: ${features.size} (seen at least ${minCount} times), templates ${templates.join(', ')} (${elapsed()})`);

// ─── 4. training ───────────────────────────────────────────────────────────────────────────────
function modelFrom(weights: { weights: Float32Array; transitions: Float32Array; start: Float32Array }, scores?: Record<string, unknown>): TaggerModel {
  const header = {
    format: MODEL_FORMAT,
    tags: TAGS,
    templates,
    clusterDepths,
    training: {
      data: 'CoNLL-2003 English training split (eng.train: 946 documents, 203,621 tokens), Reuters RCV1 newswire of Aug-Dec 1996; clusters also from Reuters-21578 and BBC News',
      news: news.length
        ? `lede's annotated news (resources/ner/news-annotations.jsonl): ${news.length} articles, ${news.filter((a) => a.source.startsWith('bbc/')).length} from BBC News (none in the BBC evaluation samples), ${news.filter((a) => a.source.startsWith('reuters/')).length} Reuters-21578 wire articles and ${news.filter((a) => a.source.startsWith('web/')).length} news-site pages of ../shared/web, ${tokensOf(news.map((a) => a.sentences))} tokens, weighted ×${newsWeight}`
        : 'none',
      seed,
      epochs,
      minCount,
      caseCopies,
    },
    ...(scores ? { scores } : {}),
  };
  return modelFromRows(header, features, clusters, weights);
}

function scoreDev(model: TaggerModel): SpanScores {
  const tagger = new Tagger(model, resources.gazetteer);
  const scores = emptySpanScores();
  for (const article of devArticles) {
    const { views, evidence } = viewsOf(article);
    views.forEach((v, i) => scoreSpans(charSpans(v.tokens, tagger.tag(v, evidence)), article[i]!.entities, scores));
  }
  return scores;
}

const line = (scores: SpanScores): string =>
  [...AVERAGED_LABELS.map((l) => `${l} ${prf(scores[l]).f1.toFixed(4)}`), `micro ${prf(microAverage(scores)).f1.toFixed(4)}`].join('  ');

const trained = trainPerceptron(sequences, features.size, {
  epochs,
  seed,
  onEpoch: (epoch, mistakes, averaged) => {
    const report = epoch === epochs || epoch % 3 === 0 ? `  dev F1: ${line(scoreDev(modelFrom(averaged())))}` : '';
    console.log(`4. epoch ${epoch}/${epochs}: ${mistakes} sentences wrong of ${sequences.length}${report} (${elapsed()})`);
  },
});

// ─── 5. the model file and its card ─────────────────────────────────────────────────────────────
const dev = scoreDev(modelFrom(trained));
const devScores = Object.fromEntries(
  [...AVERAGED_LABELS, 'MISC' as const].map((l) => {
    const s = prf(dev[l]);
    return [l, { precision: +s.precision.toFixed(4), recall: +s.recall.toFixed(4), f1: +s.f1.toFixed(4) }];
  }),
);
const micro = prf(microAverage(dev));
const scores = { conll2003Dev: { ...devScores, micro: { precision: +micro.precision.toFixed(4), recall: +micro.recall.toFixed(4), f1: +micro.f1.toFixed(4) } } };
console.log(`5. development split: ${line(dev)}`);
if (!values['no-save']) {
  const model = modelFrom(trained, scores);
  const bytes = serializeModel(model);
  writeFileSync(values.out, bytes);
  writeModelCard(values.out.replace(/\.bin$/, '.md'), model, bytes.length);
  console.log(`   wrote ${values.out} (${(bytes.length / 1e6).toFixed(1)} MB, ${features.size} features × ${TAG_COUNT} tags) and its model card (${elapsed()})`);
}
