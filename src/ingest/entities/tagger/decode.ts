/**
 * BIO tags and Viterbi decoding over them. Pure and allocation-light: tagging a paragraph is
 * O(tokens × tags²) with 9 tags.
 *
 *   "EU rejects German call"  → B-ORG O B-MISC O
 *   "Peter Blackburn"         → B-PER I-PER
 */

/** Entity types the tagger learns. MISC (nationalities, events, works) is learned and dropped later. */
export const ENTITY_LABELS = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type EntityLabel = (typeof ENTITY_LABELS)[number];

/** Tag 0 is O; then B-X, I-X for each label, in `ENTITY_LABELS` order. */
export const TAGS: readonly string[] = ['O', ...ENTITY_LABELS.flatMap((l) => [`B-${l}`, `I-${l}`])];
export const TAG_COUNT = TAGS.length;

export function tagIndex(tag: string): number {
  const i = TAGS.indexOf(tag);
  if (i < 0) throw new Error(`unknown tag ${tag}`);
  return i;
}

/** I-X may follow only B-X or I-X, and never opens a sequence. */
export function allowedTransition(from: number, to: number): boolean {
  if (to === 0 || (to - 1) % 2 === 0) return true;
  const label = (to - 1) >> 1;
  return from !== -1 && from !== 0 && (from - 1) >> 1 === label;
}

const ALLOWED: boolean[] = [];
for (let from = 0; from < TAG_COUNT; from++) for (let to = 0; to < TAG_COUNT; to++) ALLOWED.push(allowedTransition(from, to));
const ALLOWED_START = TAGS.map((_, to) => allowedTransition(-1, to));

/**
 * The best tag sequence under emission scores (n × T, row-major) plus transition scores (T × T,
 * from-major) and start scores (T), with the BIO constraints.
 */
export function viterbi(emissions: Float64Array, n: number, transitions: ArrayLike<number>, start: ArrayLike<number>): Uint8Array {
  const T = TAG_COUNT;
  const path = new Uint8Array(n);
  if (n === 0) return path;
  let score = new Float64Array(T);
  let next = new Float64Array(T);
  const back = new Uint8Array(n * T);
  for (let y = 0; y < T; y++) score[y] = ALLOWED_START[y] ? start[y]! + emissions[y]! : -Infinity;
  for (let i = 1; i < n; i++) {
    const base = i * T;
    for (let y = 0; y < T; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let x = 0; x < T; x++) {
        if (!ALLOWED[x * T + y]) continue;
        const s = score[x]! + transitions[x * T + y]!;
        if (s > best) {
          best = s;
          arg = x;
        }
      }
      next[y] = best + emissions[base + y]!;
      back[base + y] = arg;
    }
    [score, next] = [next, score];
  }
  let best = -Infinity;
  let arg = 0;
  for (let y = 0; y < T; y++) {
    if (score[y]! > best) {
      best = score[y]!;
      arg = y;
    }
  }
  path[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) path[i - 1] = back[i * T + path[i]!]!;
  return path;
}

/** A tagged span over tokens [first, last], inclusive. */
export interface TagSpan {
  label: EntityLabel;
  first: number;
  last: number;
}

/** BIO tags → spans. A stray I-X (which `viterbi` never produces) opens a span. */
export function spansFromTags(tags: ArrayLike<number>): TagSpan[] {
  const spans: TagSpan[] = [];
  let open: TagSpan | undefined;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!;
    if (tag === 0) {
      open = undefined;
      continue;
    }
    const label = ENTITY_LABELS[(tag - 1) >> 1]!;
    const inside = (tag - 1) % 2 === 1;
    if (inside && open && open.label === label) open.last = i;
    else {
      open = { label, first: i, last: i };
      spans.push(open);
    }
  }
  return spans;
}
