/**
 * Article ids. Meilisearch ids allow only `A-Z a-z 0-9 - _` (up to 511 bytes), so ids are made of
 * those, stable across runs and machines:
 *   "bbc/business/001.txt" (relative to the root named on the command line) → "bbc-business-001"
 *   "a-b.txt" (not to be confused with "a/b.txt")                           → "a-b--<hash>"
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

/** Path segments that are kept as they are in an id: nothing in them can be mistaken for a separator. */
const READABLE_SEGMENT = /^[A-Za-z0-9_]+$/;

/**
 * An id from a path relative to the root, extension dropped. Different paths get different ids:
 *   "bbc/business/001.txt" → "bbc-business-001"      (segments of letters, digits and _: joined by -)
 *   "a/b.txt"              → "a-b"
 *   "a-b.txt"              → "a-b--3f1c…" (16 hex)   (anything else: made valid, plus a hash of the path)
 * A readable id never holds "--" (its segments are not empty and hold no -), and a hashed one always
 * does, so the two kinds cannot meet; hashed ones differ by their hash.
 */
export function articleIdFromPath(relativePath: string): string {
  const withoutExt = relativePath.replace(/\\/g, '/').replace(/\.[^./]+$/, '');
  const segments = withoutExt.split('/');
  const readable = segments.join('-');
  if (segments.every((s) => READABLE_SEGMENT.test(s)) && VALID.test(readable)) return readable;
  const slug = readable.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 300);
  return `${slug}--${createHash('sha1').update(withoutExt).digest('hex').slice(0, 16)}`;
}

/** The paragraph document id: the last `-p<N>` is always the position, so ids never collide. */
export function paragraphId(articleId: string, position: number): string {
  return `${articleId}-p${position}`;
}
