import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEntityResources, type EntityResources } from '../../src/ingest/entities/index.js';
import { detokenize, projectTags } from '../../src/ingest/entities/tagger/conll.js';
import { allowedTransition, spansFromTags, TAG_COUNT, tagIndex, TAGS, viterbi } from '../../src/ingest/entities/tagger/decode.js';
import { charSpans, emptySpanScores, prf, scoreSpans } from '../../src/ingest/entities/tagger/evaluate.js';
import { articleCaseEvidence, caseModes, Featurizer, paragraphView, stringIndex, TEMPLATES, wordShape } from '../../src/ingest/entities/tagger/features.js';
import { loadModel, MODEL_FORMAT, modelFromRows, modelIndex, serializeModel, Tagger, type TaggerModel } from '../../src/ingest/entities/tagger/model.js';
import { trainPerceptron, type TrainingSequence } from '../../src/ingest/entities/tagger/perceptron.js';
import { buildTable, FeatureHash, featureHash, lookup, lookupHashes, pairHash1, pairHash2, wordHash } from '../../src/ingest/entities/tagger/table.js';
import { tokenize } from '../../src/ingest/entities/tokenize.js';

let resources: EntityResources;
beforeAll(() => {
  resources = loadEntityResources();
});

describe('features', () => {
  it('collapses word shapes', () => {
    expect(['Putin', 'NATO', 'U.S.', '1996-08-22', 'McDonald', 'eBay', 'x'].map(wordShape)).toEqual(['Xx', 'X', 'X.X.', 'd-d-d', 'XxXx', 'xXx', 'x']);
  });

  it('marks sentences in capitals and in lower case, per sentence', () => {
    const tokens = tokenize('BAHIA COCOA REVIEW. Showers continued in Bahia. rain fell on the farms here.');
    const modes = caseModes(tokens);
    expect(modes[0]).toBe('U');
    expect(modes[tokens.findIndex((t) => t.text === 'Showers')]).toBe('M');
    expect(modes[tokens.findIndex((t) => t.text === 'rain')]).toBe('L');
  });

  it('names its features by template, and leaves a switched-off template out', () => {
    const view = paragraphView(tokenize('Russian President Vladimir Putin said'));
    const evidence = articleCaseEvidence([view]);
    const resourcesOf = { gazetteer: resources.gazetteer, clusters: new Map([['vladimir', '0110']]), clusterDepths: [2, 4] };
    const all = new Featurizer(stringIndex(() => 0), resourcesOf, TEMPLATES).featureStrings(view, evidence, 2);
    expect(all).toEqual(expect.arrayContaining(['w=Vladimir', 'l=vladimir', 'sh=Xx', 'p3=vla', 's3=mir', 'c2=01', 'c4=0110', 'l-1=president', 'l+1=putin', 'l-1|l=president vladimir', 'fn']));
    const without = new Featurizer(stringIndex(() => 0), resourcesOf, TEMPLATES.filter((t) => t !== 'clusters' && t !== 'affixes')).featureStrings(view, evidence, 2);
    expect(without.some((f) => /^c\d+=/.test(f) || /^[ps]\d=/.test(f))).toBe(false);
    expect(without).toContain('w=Vladimir');
  });

  it('reads gazetteer phrases over tokens in any case', () => {
    const evidence = { capitalised: new Set<string>(), lowerCase: new Set<string>() };
    const resourcesOf = { gazetteer: resources.gazetteer, clusters: new Map<string, string>(), clusterDepths: [] };
    const featurizer = new Featurizer(stringIndex(() => 0), resourcesOf, TEMPLATES);
    for (const text of ['the European Union said', 'THE EUROPEAN UNION SAID', 'the european union said']) {
      const view = paragraphView(tokenize(text));
      expect(featurizer.featureStrings(view, evidence, 1)).toContain('gz=alias:organization:B');
      expect(featurizer.featureStrings(view, evidence, 2)).toContain('gz=alias:organization:I');
    }
  });
});

describe('decoding', () => {
  it('never opens a span with I- or continues another type', () => {
    expect(allowedTransition(-1, tagIndex('I-PER'))).toBe(false);
    expect(allowedTransition(tagIndex('B-ORG'), tagIndex('I-PER'))).toBe(false);
    expect(allowedTransition(tagIndex('B-PER'), tagIndex('I-PER'))).toBe(true);
    expect(allowedTransition(tagIndex('I-LOC'), tagIndex('B-LOC'))).toBe(true);
  });

  it('finds the best path that obeys the constraints', () => {
    const T = TAG_COUNT;
    // Emissions alone would choose I-PER first; the constraint forces B-PER, then I-PER.
    const emissions = new Float64Array(2 * T);
    emissions[tagIndex('I-PER')] = 5;
    emissions[tagIndex('B-PER')] = 4;
    emissions[T + tagIndex('I-PER')] = 3;
    const path = viterbi(emissions, 2, new Float64Array(T * T), new Float64Array(T));
    expect(Array.from(path, (t) => TAGS[t])).toEqual(['B-PER', 'I-PER']);
  });

  it('turns tags into spans', () => {
    const tags = ['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-LOC'].map(tagIndex);
    expect(spansFromTags(tags)).toEqual([
      { label: 'PER', first: 0, last: 1 },
      { label: 'LOC', first: 3, last: 3 },
      { label: 'LOC', first: 4, last: 5 },
    ]);
  });
});

describe('CoNLL text as lede reads it', () => {
  it('detokenises and keeps each token\'s offset', () => {
    const { text, starts } = detokenize(['Germany', "'s", 'representative', 'to', 'the', 'U.S.', ',', '"', 'we', 'do', "n't", '"', '(', 'BSE', ')', '.']);
    expect(text).toBe('Germany\'s representative to the U.S., "we don\'t" (BSE).');
    expect(text.slice(starts[5]!, starts[5]! + 4)).toBe('U.S.');
  });

  it('projects entity spans onto lede\'s tokens', () => {
    const tokens = tokenize("Germany's Werner Zwingmann said");
    const tags = projectTags(tokens, [
      { type: 'LOC', start: 0, end: 7 },
      { type: 'PER', start: 10, end: 26 },
    ]);
    expect(Array.from(tags, (t) => TAGS[t])).toEqual(['B-LOC', 'B-PER', 'I-PER', 'O']);
  });

  it('scores spans by exact match', () => {
    const scores = emptySpanScores();
    scoreSpans(
      [
        { type: 'PER', start: 0, end: 5 },
        { type: 'ORG', start: 10, end: 14 },
      ],
      [
        { type: 'PER', start: 0, end: 5 },
        { type: 'ORG', start: 10, end: 20 },
      ],
      scores,
    );
    expect(scores.PER).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(scores.ORG).toEqual({ tp: 0, fp: 1, fn: 1 });
    expect(prf(scores.ORG).f1).toBe(0);
  });
});

/** A tiny model trained on synthetic sentences: a person after "Mr", a place after "in", a firm before "shares". */
function tinyModel(): TaggerModel {
  const people = ['Smith', 'Jones', 'Brown', 'Patel', 'Garcia', 'Novak'];
  const places = ['Oslo', 'Lima', 'Perth', 'Dakar', 'Quito', 'Riga'];
  const firms = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay'];
  const sentences: Array<{ text: string; spans: Array<{ type: 'PER' | 'LOC' | 'ORG'; word: string }> }> = [];
  for (let i = 0; i < 36; i++) {
    const p = people[i % 6]!;
    const l = places[(i * 5) % 6]!;
    const f = firms[(i * 7) % 6]!;
    sentences.push({ text: `Mr ${p} flew to ${l} and said ${f} shares rose .`, spans: [{ type: 'PER', word: p }, { type: 'LOC', word: l }, { type: 'ORG', word: f }] });
  }
  const rows = new Map<string, number>();
  const index = stringIndex((f) => {
    let r = rows.get(f);
    if (r === undefined) {
      r = rows.size;
      rows.set(f, r);
    }
    return r;
  });
  const featureResources = { gazetteer: resources.gazetteer, clusters: new Map<string, string>(), clusterDepths: [] };
  const templates = TEMPLATES.filter((t) => t !== 'clusters');
  const featurizer = new Featurizer(index, featureResources, templates);
  const sequences: TrainingSequence[] = sentences.map((s) => {
    const tokens = tokenize(s.text);
    const view = paragraphView(tokens);
    const entities = s.spans.map((e) => {
      const start = s.text.indexOf(e.word);
      return { type: e.type, start, end: start + e.word.length };
    });
    return { ...featurizer.paragraph(view, articleCaseEvidence([view])), gold: projectTags(tokens, entities) };
  });
  const trained = trainPerceptron(sequences, rows.size, { epochs: 5, seed: 7 });
  return modelFromRows({ format: MODEL_FORMAT, tags: TAGS, templates, clusterDepths: [], training: { data: 'synthetic' } }, rows, new Map(), trained);
}

describe('a tiny model trained on synthetic sentences', () => {
  it('learns the contexts, and tags names it never saw', () => {
    const tagger = new Tagger(tinyModel(), resources.gazetteer);
    const text = 'Mr Okafor flew to Baku and said Wonka shares rose .';
    const view = paragraphView(tokenize(text));
    const spans = charSpans(view.tokens, tagger.tag(view, articleCaseEvidence([view]))).map((s) => [s.type, text.slice(s.start, s.end)]);
    expect(spans).toEqual([
      ['PER', 'Okafor'],
      ['LOC', 'Baku'],
      ['ORG', 'Wonka'],
    ]);
  });

  it('is deterministic: the same seed gives the same weights', () => {
    expect(Array.from(tinyModel().weights)).toEqual(Array.from(tinyModel().weights));
  });

  it('scores with the cached fast path exactly as the sum of its features\' weights', () => {
    const model = tinyModel();
    const tagger = new Tagger(model, resources.gazetteer);
    const view = paragraphView(tokenize('Mr Smith flew to Oslo and said Acme shares rose . Mr Jones too'));
    const evidence = articleCaseEvidence([view]);
    const featurizer = new Featurizer(modelIndex(model), { gazetteer: resources.gazetteer, clusters: model.clusters, clusterDepths: [] }, model.header.templates);
    const { rows, offsets } = featurizer.paragraph({ ...view, gazetteer: undefined }, evidence);
    const fast = featurizer.emissions({ ...view, gazetteer: undefined }, evidence, model.weights, TAG_COUNT);
    for (let i = 0; i < view.tokens.length; i++) {
      for (let y = 0; y < TAG_COUNT; y++) {
        let sum = 0;
        for (let k = offsets[i]!; k < offsets[i + 1]!; k++) sum += model.weights[rows[k]! * TAG_COUNT + y]!;
        expect(fast[i * TAG_COUNT + y]).toBeCloseTo(sum, 4);
      }
    }
    expect(tagger.tag(view, evidence).length).toBe(view.tokens.length);
  });

  it('scores the same whatever the word cache holds: a cache of 2 forms turns over many times', () => {
    const model = tinyModel();
    const resourcesOf = { gazetteer: resources.gazetteer, clusters: model.clusters, clusterDepths: [] };
    const large = new Featurizer(modelIndex(model), resourcesOf, model.header.templates);
    const tiny = new Featurizer(modelIndex(model), resourcesOf, model.header.templates, 2);
    const texts = ['Mr Smith flew to Oslo and said Acme shares rose .', 'MR SMITH FLEW TO OSLO .', "Smith's firm Acme rose , and Mr Jones flew to Oslo ."];
    for (const text of [...texts, ...texts]) {
      const view = paragraphView(tokenize(text));
      const evidence = articleCaseEvidence([view]);
      const want = Array.from(large.emissions({ ...view, gazetteer: undefined }, evidence, model.weights, TAG_COUNT));
      expect(Array.from(tiny.emissions({ ...view, gazetteer: undefined }, evidence, model.weights, TAG_COUNT)), text).toEqual(want);
    }
  });

  it('survives a round trip through its file, and tags the same', () => {
    const model = tinyModel();
    const dir = mkdtempSync(join(tmpdir(), 'lede-model-'));
    const file = join(dir, 'tiny.bin');
    writeFileSync(file, serializeModel(model));
    const loaded = loadModel(file);
    expect(loaded.header.featureCount).toBe(model.header.featureCount);
    const view = paragraphView(tokenize('Mr Garcia flew to Riga and said Hooli shares rose .'));
    const evidence = articleCaseEvidence([view]);
    expect(Array.from(new Tagger(loaded, resources.gazetteer).tag(view, evidence))).toEqual(Array.from(new Tagger(model, resources.gazetteer).tag(view, evidence)));
  });

  it('tags an empty paragraph as nothing, and a huge one in one pass', () => {
    const tagger = new Tagger(tinyModel(), resources.gazetteer);
    const empty = paragraphView(tokenize(''));
    expect(tagger.tag(empty, articleCaseEvidence([empty])).length).toBe(0);
    const huge = paragraphView(tokenize('Mr Smith flew to Oslo and said Acme shares rose . '.repeat(20_000)));
    const tags = tagger.tag(huge, articleCaseEvidence([huge]));
    expect(tags.length).toBe(huge.tokens.length);
    expect(spansFromTags(tags).length).toBe(60_000);
  });
});

describe('the model file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lede-model-bad-'));

  it('names a missing file and the command that rebuilds it', () => {
    expect(() => loadModel(join(dir, 'absent.bin'))).toThrow(/absent\.bin cannot be read/);
    try {
      loadModel(join(dir, 'absent.bin'));
    } catch (error) {
      expect((error as { suggestion?: string }).suggestion).toMatch(/npm run train:entities/);
    }
  });

  it('names a corrupt file: not gzip, wrong magic, truncated', () => {
    const notGzip = join(dir, 'garbage.bin');
    writeFileSync(notGzip, 'not a model');
    expect(() => loadModel(notGzip)).toThrow(/garbage\.bin is corrupt/);
    const wrongMagic = join(dir, 'magic.bin');
    writeFileSync(wrongMagic, gzipSync(Buffer.from('SOMETHING ELSE')));
    expect(() => loadModel(wrongMagic)).toThrow(/magic\.bin is corrupt \(not a lede tagger model\)/);
    const truncated = join(dir, 'truncated.bin');
    writeFileSync(truncated, gzipSync(serializeModelBytes().subarray(0, 200)));
    expect(() => loadModel(truncated)).toThrow(/truncated\.bin is corrupt/);
  });
});

function serializeModelBytes(): Buffer {
  return gunzipSync(serializeModel(tinyModel()));
}

describe('the feature table', () => {
  it('finds every feature it was built with (a word pair from its two words\' hashes), and nothing else', () => {
    const features = ['bias', 'w=Putin', 'l-1|l=president vladimir', ...Array.from({ length: 5000 }, (_, i) => `l=word${i}`)];
    const { table, slotOf } = buildTable(features, features.length);
    for (const f of features) expect(lookup(table, featureHash(f))).toBe(slotOf(f));
    expect(lookupHashes(table, pairHash1(0, wordHash('president'), wordHash('vladimir')), pairHash2(0, wordHash('president'), wordHash('vladimir')))).toBe(slotOf('l-1|l=president vladimir'));
    expect(lookupHashes(table, pairHash1(1, wordHash('president'), wordHash('vladimir')), pairHash2(1, wordHash('president'), wordHash('vladimir')))).toBe(-1);
    expect(lookup(table, FeatureHash.of('w=Trump'))).toBe(-1);
    expect(table.mask + 1).toBeGreaterThanOrEqual(features.length * 2);
  });
});
