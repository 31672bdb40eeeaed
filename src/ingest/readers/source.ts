import type { RawArticle } from '../types.js';

/** A file to read, with the root it was found under (ids derive from the path relative to it). */
export interface SourceFile {
  path: string;
  relativePath: string;
  size: number;
}

/** What a reader yields: an article, or one input it had to skip with the reason. */
export type ReadItem = (
  | { kind: 'article'; article: RawArticle; warnings: string[] }
  | { kind: 'skip'; origin: { path: string; line?: number }; reason: string }
) & {
  /** Bytes of the file this item covers, where known (JSONL lines), for progress. */
  bytes?: number;
};
