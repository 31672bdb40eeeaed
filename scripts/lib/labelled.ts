/**
 * The shared corpus with its labels, for the cluster and related-coverage evaluations: Reuters
 * articles with their topic codes, BBC articles with their category (their folder).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bbcDir, reutersFile } from './corpus.js';
import { mulberry32 } from './stats.js';

export interface LabelledArticle {
  id: string;
  title: string;
  paragraphs: string[];
  publishedAt: number | null;
  /** Reuters topic codes, or the BBC category; empty when Reuters gives none. */
  labels: string[];
  collection: 'reuters' | 'bbc';
  /** Reuters: the article this one repeats word for word, if any. */
  duplicateOf: string | null;
}

export function loadLabelled(): LabelledArticle[] {
  const out: LabelledArticle[] = [];
  for (const line of readFileSync(reutersFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { id: string; title: string; body: string; publishedAt?: string; topics?: string[]; duplicateOf?: string | null };
    const ms = r.publishedAt ? Date.parse(`${r.publishedAt}Z`) : NaN;
    out.push({
      id: r.id,
      title: r.title,
      paragraphs: r.body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
      publishedAt: Number.isNaN(ms) ? null : Math.floor(ms / 1000),
      labels: r.topics ?? [],
      collection: 'reuters',
      duplicateOf: r.duplicateOf ?? null,
    });
  }
  for (const category of readdirSync(bbcDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const file of readdirSync(path.join(bbcDir, category)).filter((f) => f.endsWith('.txt')).sort()) {
      const text = readFileSync(path.join(bbcDir, category, file), 'latin1');
      const [title = '', ...rest] = text.split('\n');
      out.push({
        id: `bbc-${category}-${file.replace(/\.txt$/, '')}`,
        title: title.trim(),
        paragraphs: rest.join('\n').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
        publishedAt: null,
        labels: [category],
        collection: 'bbc',
        duplicateOf: null,
      });
    }
  }
  return out;
}

/** A small seeded PRNG (mulberry32, scripts/lib/stats.ts): evaluations draw the same sample on every run. */
export const rng = mulberry32;
