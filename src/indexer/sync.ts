/**
 * `lede index --sync <paths…>`: besides indexing, delete the articles whose source under those
 * paths is gone, and only those. An article is gone when
 *   - its source file no longer exists, or
 *   - its source file was read whole this run (no part of it skipped) and no longer holds it
 *     (a JSONL line or a feed file's item removed);
 * and it was not indexed from anywhere else this run. Articles of a file that could not be read
 * this run are kept (a broken file is no takedown), and so are those of feed URLs (a feed shows
 * only its latest items) and those indexed before their source path was recorded.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Meilisearch } from 'meilisearch';
import { runTask, type IndexNames } from '../meili/client.js';
import { quote } from '../meili/filter.js';

export interface KnownSource {
  /** The source the article was read from (absolute path), where recorded. */
  sourcePath?: string | null;
}

/** Whether `file` is `root` or lies under it. */
function isUnder(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The ids to delete: pure, given what the index knows and what this run read. */
export function goneArticles(
  known: Map<string, KnownSource>,
  roots: string[],
  seenIds: Set<string>,
  readWhole: Set<string>,
  exists: (file: string) => boolean = existsSync,
): string[] {
  const absoluteRoots = roots.filter((root) => !/^https?:\/\//i.test(root)).map((root) => path.resolve(root));
  const gone: string[] = [];
  for (const [id, article] of known) {
    const source = article.sourcePath;
    // Only files: not feed URLs, not articles pushed through the API.
    if (!source || seenIds.has(id) || !path.isAbsolute(source)) continue;
    if (!absoluteRoots.some((root) => isUnder(source, root))) continue;
    if (!exists(source) || readWhole.has(source)) gone.push(id);
  }
  return gone.sort();
}

/** Chunk of ids per delete filter: filters have a size limit. */
const DELETE_CHUNK = 500;

/** Deletes articles (records and paragraphs) and waits for the tasks; returns the paragraphs deleted. */
export async function deleteArticles(admin: Meilisearch, names: Pick<IndexNames, 'paragraphs' | 'articles'>, ids: string[]): Promise<number> {
  let paragraphs = 0;
  for (let i = 0; i < ids.length; i += DELETE_CHUNK) {
    const chunk = ids.slice(i, i + DELETE_CHUNK);
    const task = await runTask(admin, () => admin.index(names.paragraphs).deleteDocuments({ filter: `articleId IN [${chunk.map(quote).join(', ')}]` }));
    paragraphs += Number((task.details as { deletedDocuments?: number } | undefined)?.deletedDocuments ?? 0);
    await runTask(admin, () => admin.index(names.articles).deleteDocuments(chunk));
  }
  return paragraphs;
}
