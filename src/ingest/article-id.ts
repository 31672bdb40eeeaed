/**
 * Article ids. Meilisearch ids allow only `A-Z a-z 0-9 - _` (up to 511 bytes), so ids are made of
 * those, stable across runs and machines:
 *   "bbc/business/001.txt" (relative to the root named on the command line) → "bbc-business-001"
 *   id field "reuters21578-5"  → "reuters21578-5" (already valid, kept)
 *   id field "https://x.com/a" → "https___x_com_a-5d41402abc" (rewritten, so a hash keeps it unique)
 */
import { createHash } from 'node:crypto';

const VALID = /^[A-Za-z0-9_-]{1,400}$/;

function shortHash(value: string): string {
  return createHash('sha1').update(value).digest('hex').slice(0, 10);
}

/** An id from a record's `id` field: kept when valid, else made valid with a hash suffix. */
export function articleIdFromField(value: string | number): string {
  const id = String(value);
  if (VALID.test(id)) return id;
  return `${id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 300)}-${shortHash(id)}`;
}

/** An id from a path relative to the root, extension dropped, separators as hyphens. */
export function articleIdFromPath(relativePath: string): string {
  const withoutExt = relativePath.replace(/\\/g, '/').replace(/\.[^./]+$/, '');
  const slug = withoutExt.replace(/\//g, '-').replace(/[^A-Za-z0-9_-]/g, '_');
  return VALID.test(slug) ? slug : `${slug.slice(0, 300)}-${shortHash(relativePath)}`;
}

/** The paragraph document id: the last `-p<N>` is always the position, so ids never collide. */
export function paragraphId(articleId: string, position: number): string {
  return `${articleId}-p${position}`;
}
