/**
 * To documents: a cleaned, split article and its entities become one Meilisearch document per
 * paragraph, plus one article record. Pure.
 */
import { createHash } from 'node:crypto';
import { articleSignature, encodeSignature } from '../clusters/minhash.js';
import { paragraphId } from './article-id.js';
import type { CleanArticle, ParagraphDocument, ParagraphEntities } from './types.js';

/**
 * One document per article in the articles index: what article-mode search matches, ranks and
 * counts (its paragraphs' text and the union of their entity facets), display data, and what
 * change detection needs.
 */
export interface ArticleRecord {
  id: string;
  title: string;
  /** The paragraphs' text, one item per paragraph (positions as in the paragraph documents). */
  text: string[];
  publishedAt: number | null;
  date: string | null;
  source: string | null;
  url: string | null;
  authors: string[];
  section: string | null;
  /** BCP 47 tag, declared or detected; null when unknown. */
  language: string | null;
  /** ISO 8601 of the last correction, where the source says. */
  modified: string | null;
  paragraphCount: number;
  wordCount: number;
  /** Content hash of the cleaned article and the pipeline that produced its documents. */
  hash: string;
  /** Hash of the cleaned title and text alone: the same story filed twice has the same one. */
  textHash: string;
  people: string[];
  organizations: string[];
  places: string[];
  countries: string[];
  /** Where it was read from (absolute path or feed URL), for `lede index --sync`; null when pushed. */
  sourcePath: string | null;
  /** Key phrases, faceted across articles for typeahead completions. */
  phrases: string[];
  metadata: Record<string, unknown> | null;
  /**
   * Story cluster (issue 17): the id of the earliest article this one is a near-duplicate of, else
   * its own id. Set to its own id here; `lede index` assigns clusters corpus-wide when it ends.
   */
  cluster: string;
  /** MinHash signature of its words (src/clusters/minhash.ts), base64; null when too short to cluster. */
  minhash: string | null;
  /** Date buckets for the insights timeline (faceted): the Monday of its ISO week and its month (UTC). */
  week: string | null;
  month: string | null;
}

/** `2025-08-20T…` → { week: '2025-08-18' (that Monday), month: '2025-08' }. */
export function dateBuckets(publishedAt: number | null): { week: string | null; month: string | null } {
  if (publishedAt === null) return { week: null, month: null };
  const day = new Date(publishedAt * 1000);
  const monday = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - ((day.getUTCDay() + 6) % 7)));
  return { week: monday.toISOString().slice(0, 10), month: day.toISOString().slice(0, 7) };
}

export function countWords(text: string): number {
  const matches = text.match(/\S+/g);
  return matches ? matches.length : 0;
}

/**
 * The content hash decides whether a re-run can skip an article. It covers what the documents are
 * made from (title, paragraphs, date, url, source, metadata) and `pipelineFingerprint` (code version
 * and alias table), so a changed alias table re-extracts everything on the next run.
 */
export function articleHash(article: CleanArticle, pipelineFingerprint: string): string {
  const content = JSON.stringify([
    pipelineFingerprint,
    article.title,
    article.paragraphs,
    article.publishedAt ?? null,
    article.url ?? null,
    article.source ?? null,
    article.metadata ?? null,
    article.authors ?? [],
    article.section ?? null,
    article.language ?? null,
    article.modifiedAt ?? null,
  ]);
  return createHash('sha1').update(content).digest('base64url');
}

/**
 * Identifies an article's words, whatever its id, date or source: wires and archives file the same
 * story more than once (Reuters-21578 repeats 368 bodies, the BBC set 137 articles), and a search
 * that shows it twice wastes a result. Title and words both, so short bodies shared by different
 * stories ("Qtly div 10 cts vs 10 cts prior") stay apart; paragraph breaks and spacing do not
 * count (the BBC set files one story twice with a paragraph split differently).
 */
export function articleTextHash(article: Pick<CleanArticle, 'title' | 'paragraphs'>): string {
  // Paragraph by paragraph: an article can be a 50 MB file, and one joined copy of it is not needed.
  const words = (text: string) => text.replace(/\s+/g, ' ').trim();
  const hash = createHash('sha1').update(words(article.title)).update('\u0000');
  for (const paragraph of article.paragraphs) {
    const text = words(paragraph);
    if (text) hash.update(text).update(' ');
  }
  return hash.digest('base64url');
}

function toUnixSeconds(iso: string | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

function union(lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}

export function toDocuments(
  article: CleanArticle,
  entities: ParagraphEntities[],
  phrases: string[],
  hashes: Pick<ArticleRecord, 'hash' | 'textHash'>,
): { paragraphs: ParagraphDocument[]; record: ArticleRecord } {
  const publishedAt = toUnixSeconds(article.publishedAt);
  const date = publishedAt === null ? null : new Date(publishedAt * 1000).toISOString();
  const source = article.source ?? null;
  const url = article.url ?? null;
  const authors = article.authors ?? [];
  const section = article.section ?? null;
  const paragraphs = article.paragraphs.map((text, position): ParagraphDocument => {
    const e = entities[position] ?? { people: [], organizations: [], places: [], countries: [], mentions: [] };
    return {
      id: paragraphId(article.id, position),
      articleId: article.id,
      title: article.title,
      position,
      text,
      people: e.people,
      organizations: e.organizations,
      places: e.places,
      countries: e.countries,
      mentions: e.mentions,
      publishedAt,
      date,
      source,
      url,
      authors,
      section,
      wordCount: countWords(text),
      cluster: article.id,
    };
  });
  const record: ArticleRecord = {
    id: article.id,
    title: article.title,
    text: paragraphs.map((p) => p.text),
    publishedAt,
    date,
    source,
    url,
    authors,
    section,
    language: article.language ?? null,
    modified: article.modifiedAt ?? null,
    paragraphCount: paragraphs.length,
    wordCount: paragraphs.reduce((sum, p) => sum + p.wordCount, 0),
    hash: hashes.hash,
    textHash: hashes.textHash,
    people: union(paragraphs.map((p) => p.people)),
    organizations: union(paragraphs.map((p) => p.organizations)),
    places: union(paragraphs.map((p) => p.places)),
    countries: union(paragraphs.map((p) => p.countries)),
    phrases,
    metadata: article.metadata ?? null,
    sourcePath: article.origin.path || null,
    cluster: article.id,
    minhash: encodeSignature(articleSignature(article.paragraphs)),
    ...dateBuckets(publishedAt),
  };
  return { paragraphs, record };
}
