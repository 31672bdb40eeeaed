/**
 * Draws the paragraph sample behind test/fixtures/entities/bbc-sample.json.
 *
 *   cd /work/main && npx tsx scripts/sample-bbc-paragraphs.ts [corpusDir]
 *
 * corpusDir defaults to ../shared/corpus/bbc (relative to the repository root),
 * or $LEDE_BBC_DIR. Prints a JSON skeleton (seed, file, paragraphIndex,
 * textSha1, empty entity lists) to stdout; the entity lists in the fixture were
 * then filled in by hand, reading each paragraph in the corpus. The corpus
 * licence forbids copying it into the repository, so the fixture holds only
 * where each paragraph is and the sha1 of its text; the eval and the
 * regression test read the text from the corpus with `readSampleParagraph`.
 *
 * Procedure (kept deliberately simple so it can be re-derived):
 *  1. List every .txt file under the five topic folders, as relative paths
 *     ("business/001.txt"), sorted by plain string comparison.
 *  2. For each file: the first line is the title and is dropped; the rest is
 *     split on blank lines (lines that are empty or whitespace only), each
 *     paragraph trimmed, empty ones dropped. paragraphIndex is the 0-based
 *     position among these body paragraphs.
 *  3. Flatten to one list of (file, paragraphIndex, text) in file order.
 *  4. With mulberry32(20261126): repeatedly draw i = floor(rng() * N); reject
 *     the draw if that paragraph was already picked or its text is under 80
 *     characters (JS string length); stop at 30 picks.
 *  5. Output the picks sorted by file, then paragraphIndex.
 *
 * Further samples (bbc-dev2.json) use another seed and size and reject, at step 4, any
 * (file, paragraphIndex) already in earlier fixtures:
 *
 *   npx tsx scripts/sample-bbc-paragraphs.ts --seed 777 --size 60 \
 *     --exclude test/fixtures/entities/bbc-sample.json --exclude test/fixtures/entities/bbc-heldout.json
 *
 * bbc-heldout2.json: `--seed 9090 --size 60`, excluding all four earlier fixtures.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path, { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './lib/stats.js';

export const SEED = 20261126;
export const SAMPLE_SIZE = 30;
export const MIN_CHARS = 80;

export interface Paragraph {
  file: string;
  paragraphIndex: number;
  text: string;
}

export function bodyParagraphs(raw: string): string[] {
  const text = raw.replace(/\r\n?/g, '\n');
  const nl = text.indexOf('\n');
  const body = nl === -1 ? '' : text.slice(nl + 1);
  return body
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** sha1 (hex) of a paragraph's text exactly as bodyParagraphs returns it (UTF-8). */
export function paragraphSha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/** Where a sampled paragraph is, and the sha1 of its text: what the fixture keeps instead of the text. */
export interface SampleRef {
  file: string;
  paragraphIndex: number;
  textSha1: string;
}

/**
 * Reads a sampled paragraph back from the corpus, split as `sample` splits it, and checks it is
 * the text that was annotated. Throws, naming the paragraph, when the file, the paragraph or its
 * sha1 does not match (a different copy or version of the corpus).
 */
export function readSampleParagraph(dir: string, ref: SampleRef): string {
  const path = join(dir, ref.file);
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new Error(`${ref.file}: cannot read ${path} (is ${dir} the BBC corpus?)`, { cause });
  }
  const text = bodyParagraphs(raw)[ref.paragraphIndex];
  if (text === undefined) throw new Error(`${ref.file}: has no body paragraph ${ref.paragraphIndex}; the corpus copy differs from the one annotated`);
  const sha1 = paragraphSha1(text);
  if (sha1 !== ref.textSha1) {
    throw new Error(`${ref.file} paragraph ${ref.paragraphIndex}: text sha1 is ${sha1}, the fixture expects ${ref.textSha1}; the corpus copy differs from the one annotated`);
  }
  return text;
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const topic of readdirSync(dir)) {
    const sub = path.join(dir, topic);
    if (!statSync(sub).isDirectory()) continue;
    for (const name of readdirSync(sub)) {
      if (name.endsWith('.txt')) out.push(`${topic}/${name}`);
    }
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function sample(dir: string, seed = SEED, size = SAMPLE_SIZE, exclude: ReadonlySet<string> = new Set()): Paragraph[] {
  const all: Paragraph[] = [];
  for (const file of listFiles(dir)) {
    const paras = bodyParagraphs(readFileSync(path.join(dir, file), 'utf8'));
    paras.forEach((text, paragraphIndex) => all.push({ file, paragraphIndex, text }));
  }
  const eligible = all.filter((p) => p.text.length >= MIN_CHARS).length;
  if (eligible < size) throw new Error(`only ${eligible} eligible paragraphs`);
  const rng = mulberry32(seed);
  const picked = new Set<number>();
  while (picked.size < size) {
    const i = Math.floor(rng() * all.length);
    if (picked.has(i) || all[i]!.text.length < MIN_CHARS) continue;
    if (exclude.has(`${all[i]!.file}#${all[i]!.paragraphIndex}`)) continue;
    picked.add(i);
  }
  return [...picked].sort((x, y) => x - y).map((i) => all[i]!);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const args = process.argv.slice(2);
  let seed = SEED;
  let size = SAMPLE_SIZE;
  const exclude = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--seed') seed = Number(args[++i]);
    else if (arg === '--size') size = Number(args[++i]);
    else if (arg === '--exclude') {
      const fixture = JSON.parse(readFileSync(path.resolve(args[++i]!), 'utf8')) as { paragraphs: SampleRef[] };
      for (const p of fixture.paragraphs) exclude.add(`${p.file}#${p.paragraphIndex}`);
    } else positional.push(arg);
  }
  const dir = path.resolve(positional[0] ?? process.env.LEDE_BBC_DIR ?? path.join(root, '../shared/corpus/bbc'));
  const picks = sample(dir, seed, size, exclude);
  const skeleton = {
    seed,
    paragraphs: picks.map((p) => ({
      file: p.file,
      paragraphIndex: p.paragraphIndex,
      textSha1: paragraphSha1(p.text),
      people: [],
      organizations: [],
      places: [],
      countries: [],
    })),
  };
  process.stdout.write(JSON.stringify(skeleton, null, 2) + '\n');
}
