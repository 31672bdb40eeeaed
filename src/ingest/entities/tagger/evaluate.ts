/**
 * Span-level exact-match scoring, as CoNLL's conlleval does: a predicted entity counts only when its
 * type and both boundaries equal a gold one's. Micro-averaged over PER, ORG and LOC (MISC is learned
 * and dropped, so it is reported but not averaged).
 */
import type { Token } from '../tokenize.js';
import { ENTITY_LABELS, spansFromTags, type EntityLabel } from './decode.js';

export interface CharSpan {
  type: EntityLabel;
  start: number;
  end: number;
}

export interface SpanCounts {
  tp: number;
  fp: number;
  fn: number;
}

export type SpanScores = Record<EntityLabel, SpanCounts>;

export const AVERAGED_LABELS: readonly EntityLabel[] = ['PER', 'ORG', 'LOC'];

export function emptySpanScores(): SpanScores {
  return Object.fromEntries(ENTITY_LABELS.map((l) => [l, { tp: 0, fp: 0, fn: 0 }])) as SpanScores;
}

/** Character spans of tagged tokens: from the first token's start to the last one's end. */
export function charSpans(tokens: Token[], tags: ArrayLike<number>): CharSpan[] {
  return spansFromTags(tags).map((s) => ({ type: s.label, start: tokens[s.first]!.start, end: tokens[s.last]!.end }));
}

export function scoreSpans(predicted: CharSpan[], gold: CharSpan[], scores: SpanScores): void {
  const key = (s: CharSpan): string => `${s.type}:${s.start}:${s.end}`;
  const goldKeys = new Set(gold.map(key));
  const predictedKeys = new Set(predicted.map(key));
  for (const s of predicted) scores[s.type][goldKeys.has(key(s)) ? 'tp' : 'fp']++;
  for (const s of gold) if (!predictedKeys.has(key(s))) scores[s.type].fn++;
}

export function prf(c: SpanCounts): { precision: number; recall: number; f1: number } {
  const precision = c.tp / Math.max(1, c.tp + c.fp);
  const recall = c.tp / Math.max(1, c.tp + c.fn);
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Micro-average over PER, ORG and LOC. */
export function microAverage(scores: SpanScores): SpanCounts {
  const total = { tp: 0, fp: 0, fn: 0 };
  for (const l of AVERAGED_LABELS) {
    total.tp += scores[l].tp;
    total.fp += scores[l].fp;
    total.fn += scores[l].fn;
  }
  return total;
}
