/**
 * The pure part of ingest, composed: RawArticle → clean → split → extract entities → documents.
 * The indexer calls `prepare` per article; `fingerprint` ties content hashes to this pipeline.
 */
import { createHash } from 'node:crypto';
import { cleanArticle } from './clean.js';
import { articleHash, articleTextHash, toDocuments, type ArticleRecord } from './documents.js';
import { extractEntities, type EntityResources } from './entities/index.js';
import { keyPhrases } from './phrases.js';
import { splitArticle } from './split.js';
import type { CleanArticle, ParagraphDocument, RawArticle } from './types.js';

/** Bump when cleaning, splitting or document shape changes, so re-runs re-index everything. */
export const PIPELINE_VERSION = 6;

export interface PreparedArticle {
  article: CleanArticle;
  hash: string;
  paragraphs: ParagraphDocument[];
  record: ArticleRecord;
}

export function pipelineFingerprint(resources: EntityResources): string {
  return createHash('sha1').update(JSON.stringify([PIPELINE_VERSION, resources.modelId, resources.aliases])).digest('hex').slice(0, 12);
}

/**
 * Cleans and splits; returns the article, its hash and the hash of its words alone, without
 * extracting (cheap, for skip checks).
 */
export function cleanAndSplit(raw: RawArticle, fingerprint: string): { article: CleanArticle; hash: string; textHash: string } {
  const article = splitArticle(cleanArticle(raw));
  return { article, hash: articleHash(article, fingerprint), textHash: articleTextHash(article) };
}

/** Extracts and builds the documents; `hashes` are cleanAndSplit's, computed once per article. */
export function prepare(article: CleanArticle, hashes: Pick<ArticleRecord, 'hash' | 'textHash'>, resources: EntityResources): PreparedArticle {
  const entities = extractEntities(article, resources);
  return { article, hash: hashes.hash, ...toDocuments(article, entities, keyPhrases(article), hashes) };
}
