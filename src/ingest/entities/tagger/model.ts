/**
 * The trained tagger: a linear model over named features (features.ts) with first-order BIO
 * transitions, decoded by Viterbi (decode.ts). Tagging is a pure function of (tokens, model,
 * gazetteer).
 *
 * The file (`resources/entity-tagger.bin`) is gzip of:
 *   "LEDENER3" · u32 length · header JSON · u32 length · cluster lines "word\tpath\n" ·
 *   u32 slots · uint32 fingerprints (slots, table.ts) · int16 weights (slots × tags, scaled) ·
 *   float32 transitions (tags × tags) · float32 start scores (tags)
 * Loading it is reading typed arrays: no map of feature strings is built.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { LedeError } from '../../../errors.js';
import type { Gazetteer } from '../types.js';
import { TAG_COUNT, TAGS, viterbi } from './decode.js';
import { buildTable, featureHash, lookup, lookupHashes, pairHash1, pairHash2, wordHash, type FeatureHash, type FeatureTable } from './table.js';
import { Featurizer, TEMPLATES, type ArticleCaseEvidence, type FeatureIndex, type ParagraphView, type TemplateName } from './features.js';

const MAGIC = 'LEDENER3';
/** Bump when the file layout or the meaning of a feature changes; old files then fail to load. */
export const MODEL_FORMAT = 3;
export const REBUILD_COMMAND = 'npm run train:entities';

/** What the model card and the loader read: how the model was made and how well it does. */
export interface ModelHeader {
  format: number;
  tags: readonly string[];
  templates: TemplateName[];
  clusterDepths: number[];
  featureCount: number;
  /** Weights are stored as int16; the float weight is value × scale. */
  scale: number;
  training: Record<string, unknown>;
  scores?: Record<string, unknown>;
}

export interface TaggerModel {
  header: ModelHeader;
  /** Feature → row (its slot in the table); rows without a feature have zero weights. */
  table: FeatureTable;
  clusters: Map<string, string>;
  /** slots × tags, row-major; a weight is `weights[i] × header.scale` (int16 as read from a file). */
  weights: Float32Array | Int16Array;
  transitions: Float32Array;
  start: Float32Array;
}

function modelError(file: string, problem: string, cause?: unknown): LedeError {
  return new LedeError({
    code: 'invalid_input',
    status: 500,
    message: `The entity tagger model ${file} ${problem}.`,
    suggestion: `Restore it from git (git checkout -- ${file}) or rebuild it with \`${REBUILD_COMMAND}\` (needs ../shared/ner).`,
    cause,
  });
}

/**
 * A model from training's dense rows: `features` maps each feature string to its training row,
 * `weights` are rows × tags. The table gives each feature a slot, and the weights move to it.
 */
export function modelFromRows(header: Omit<ModelHeader, 'featureCount' | 'scale'>, features: Map<string, number>, clusters: Map<string, string>, trained: { weights: Float32Array; transitions: Float32Array; start: Float32Array }): TaggerModel {
  const T = TAG_COUNT;
  const { table, slotOf } = buildTable(features.keys(), features.size);
  const weights = new Float32Array((table.mask + 1) * T);
  for (const [feature, row] of features) weights.set(trained.weights.subarray(row * T, row * T + T), slotOf(feature) * T);
  return { header: { ...header, featureCount: features.size, scale: 1 }, table, clusters, weights, transitions: trained.transitions, start: trained.start };
}

export function serializeModel(model: TaggerModel): Buffer {
  const given = model.header.scale;
  let max = 0;
  for (const w of model.weights) max = Math.max(max, Math.abs(w * given));
  const scale = max > 0 ? max / 32767 : 1;
  const quantised = new Int16Array(model.weights.length);
  for (let i = 0; i < quantised.length; i++) quantised[i] = Math.round((model.weights[i]! * given) / scale);
  const header = Buffer.from(JSON.stringify({ ...model.header, scale }));
  const clusterText = Buffer.from([...model.clusters].map(([w, p]) => `${w}\t${p}`).join('\n'));
  const u32 = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  const bytes = (a: ArrayBufferView): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const parts = [
    Buffer.from(MAGIC),
    u32(header.length),
    header,
    u32(clusterText.length),
    clusterText,
    u32(model.table.mask + 1),
    bytes(model.table.fingerprints),
    bytes(quantised),
    bytes(model.transitions),
    bytes(model.start),
  ];
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

/** Reads and checks a model file; every failure names the file and the command that rebuilds it. */
export function loadModel(file: string): TaggerModel {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (cause) {
    throw modelError(file, 'cannot be read', cause);
  }
  try {
    return parseModel(gunzipSync(raw));
  } catch (cause) {
    if (cause instanceof LedeError) throw cause;
    throw modelError(file, `is corrupt (${(cause as Error).message})`, cause);
  }
}

function parseModel(data: Buffer): TaggerModel {
  if (data.subarray(0, MAGIC.length).toString() !== MAGIC) throw new Error('not a lede tagger model');
  let at = MAGIC.length;
  const chunk = (): Buffer => {
    const length = data.readUInt32LE(at);
    const out = data.subarray(at + 4, at + 4 + length);
    if (out.length !== length) throw new Error('truncated');
    at += 4 + length;
    return out;
  };
  const header = JSON.parse(chunk().toString()) as ModelHeader;
  if (header.format !== MODEL_FORMAT) throw new Error(`format ${header.format}, this lede reads ${MODEL_FORMAT}`);
  if (header.tags.join(' ') !== TAGS.join(' ')) throw new Error('its tags differ from this lede’s');
  for (const t of header.templates) if (!(TEMPLATES as readonly string[]).includes(t)) throw new Error(`unknown feature template ${t}`);
  const clusters = new Map<string, string>();
  const clusterText = chunk().toString();
  if (clusterText) {
    for (const line of clusterText.split('\n')) {
      const tab = line.indexOf('\t');
      clusters.set(line.slice(0, tab), line.slice(tab + 1));
    }
  }
  if (data.length < at + 4) throw new Error('truncated');
  const slots = data.readUInt32LE(at);
  at += 4;
  if (slots === 0 || (slots & (slots - 1)) !== 0) throw new Error(`${slots} slots is not a power of two`);
  const T = TAG_COUNT;
  const expected = slots * 4 + slots * T * 2 + T * T * 4 + T * 4;
  if (data.length - at !== expected) throw new Error(`its tables are ${data.length - at} bytes, expected ${expected}`);
  const copy = <A>(Type: { new (buffer: ArrayBuffer): A }, bytes: number): A => {
    const out = new Type(Uint8Array.prototype.slice.call(data, at, at + bytes).buffer as ArrayBuffer);
    at += bytes;
    return out;
  };
  const fingerprints = copy(Uint32Array, slots * 4);
  // Kept as int16: the scale is applied once per token's scores, not to every weight at load.
  const weights = copy(Int16Array, slots * T * 2);
  const transitions = copy(Float32Array, T * T * 4);
  const start = copy(Float32Array, T * 4);
  return { header, table: { mask: slots - 1, fingerprints }, clusters, weights, transitions, start };
}

/** A trained model's feature index: the hash table, word pairs hashed from their parts. */
export function modelIndex(model: TaggerModel): FeatureIndex<FeatureHash> {
  const table = model.table;
  return {
    row: (f) => lookup(table, featureHash(f)),
    pairKey: wordHash,
    pair: (template, a, b) => lookupHashes(table, pairHash1(template, a, b), pairHash2(template, a, b)),
  };
}

/** Tags paragraphs with one model and gazetteer; holds the featurizer's word cache. */
export class Tagger {
  private readonly featurizer: Featurizer;

  constructor(
    readonly model: TaggerModel,
    gazetteer: Gazetteer,
  ) {
    this.featurizer = new Featurizer(modelIndex(model), { gazetteer, clusters: model.clusters, clusterDepths: model.header.clusterDepths }, model.header.templates);
  }

  /** BIO tag indexes (see `TAGS`), one per token of the view. */
  tag(view: ParagraphView, evidence: ArticleCaseEvidence): Uint8Array {
    const n = view.tokens.length;
    if (n === 0) return new Uint8Array(0);
    const emissions = this.featurizer.emissions(view, evidence, this.model.weights, TAG_COUNT, this.model.header.scale);
    return viterbi(emissions, n, this.model.transitions, this.model.start);
  }
}

