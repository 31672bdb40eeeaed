/**
 * Training: a structured averaged perceptron (Collins 2002) over precomputed feature rows, decoded
 * with the same Viterbi as tagging. Deterministic: the visiting order comes from a seeded PRNG.
 *
 * For each sentence, decode with the current weights; where the best path differs from the gold
 * one, add 1 to the gold tag's weights of each differing token's features and subtract 1 from the
 * predicted tag's (and likewise for transitions). The model keeps the average of the weights over
 * every step, which generalises far better than the last ones.
 */
import { TAG_COUNT, viterbi } from './decode.js';

export interface TrainingSequence {
  rows: Int32Array;
  offsets: Int32Array;
  gold: Uint8Array;
}

export interface TrainedWeights {
  weights: Float32Array;
  transitions: Float32Array;
  start: Float32Array;
}

export interface PerceptronOptions {
  epochs: number;
  seed: number;
  /** Called after each epoch with the averaged weights so far (for a progress line or a dev score). */
  onEpoch?: (epoch: number, mistakes: number, averaged: () => TrainedWeights) => void;
}

/** mulberry32: a small seeded PRNG, enough for shuffling. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Averaged weights kept lazily: `total` holds the sum over steps up to `stamp`. */
class AveragedVector {
  readonly value: Float64Array;
  private readonly total: Float64Array;
  private readonly stamp: Float64Array;

  constructor(size: number) {
    this.value = new Float64Array(size);
    this.total = new Float64Array(size);
    this.stamp = new Float64Array(size);
  }

  add(i: number, delta: number, step: number): void {
    this.total[i]! += (step - this.stamp[i]!) * this.value[i]!;
    this.stamp[i] = step;
    this.value[i]! += delta;
  }

  averaged(step: number): Float32Array {
    const out = new Float32Array(this.value.length);
    for (let i = 0; i < out.length; i++) out[i] = (this.total[i]! + (step - this.stamp[i]!) * this.value[i]!) / Math.max(1, step);
    return out;
  }
}

export function trainPerceptron(sequences: TrainingSequence[], featureCount: number, options: PerceptronOptions): TrainedWeights {
  const T = TAG_COUNT;
  const weights = new AveragedVector(featureCount * T);
  const transitions = new AveragedVector(T * T);
  const start = new AveragedVector(T);
  const random = seededRandom(options.seed);
  const order = sequences.map((_, i) => i);
  let step = 1;
  const averaged = (): TrainedWeights => ({ weights: weights.averaged(step), transitions: transitions.averaged(step), start: start.averaged(step) });

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    // Fisher–Yates with the seeded PRNG.
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let mistakes = 0;
    for (const index of order) {
      const { rows, offsets, gold } = sequences[index]!;
      const n = gold.length;
      if (n === 0) continue;
      const emissions = new Float64Array(n * T);
      const w = weights.value;
      for (let i = 0; i < n; i++) {
        for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
          const r = rows[k]! * T;
          for (let y = 0; y < T; y++) emissions[i * T + y]! += w[r + y]!;
        }
      }
      const predicted = viterbi(emissions, n, transitions.value, start.value);
      let wrong = false;
      for (let i = 0; i < n; i++) {
        const g = gold[i]!;
        const p = predicted[i]!;
        if (g !== p) {
          wrong = true;
          for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
            weights.add(rows[k]! * T + g, 1, step);
            weights.add(rows[k]! * T + p, -1, step);
          }
        }
        const gPrev = i > 0 ? gold[i - 1]! : -1;
        const pPrev = i > 0 ? predicted[i - 1]! : -1;
        if (g !== p || gPrev !== pPrev) {
          if (gPrev < 0) start.add(g, 1, step);
          else transitions.add(gPrev * T + g, 1, step);
          if (pPrev < 0) start.add(p, -1, step);
          else transitions.add(pPrev * T + p, -1, step);
        }
      }
      if (wrong) mistakes++;
      step++;
    }
    options.onEpoch?.(epoch, mistakes, averaged);
  }
  return averaged();
}
