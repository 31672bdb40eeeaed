/**
 * Indexes derived from the article index after each indexing run that changed anything (the indexer
 * applies their settings), so their
 * counts always describe the whole index. They make typeahead one cheap multi-search:
 * - entities: every value of the counted facets (the four entity facets, the authors, the
 *   sections), with its article count and its aliases;
 * - phrases: the key phrases of articles, with how many articles (and recent articles) use them.
 */
import { createHash } from 'node:crypto';
import type { Meilisearch } from 'meilisearch';
import type { EntityResources } from '../ingest/entities/index.js';
import { meili, runTask, type IndexNames } from '../meili/client.js';
import { KIND_OF_FACET, SEARCH_FACETS, type EntityDocument, type FacetValueKind, type PhraseDocument, type SearchFacet } from '../meili/contract.js';
import type { ArticleRecord } from '../ingest/documents.js';
import { collectIfLarge } from './memory.js';

export { KIND_OF_FACET, type EntityDocument, type FacetValueKind, type PhraseDocument };

export function entityId(type: FacetValueKind, value: string): string {
  return `${type}-${createHash('sha1').update(value).digest('hex').slice(0, 16)}`;
}

/** Canonical name → aliases, from the alias table. */
export function aliasMap(resources: EntityResources): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const entry of resources.aliases) map.set(entry.canonical, [...(map.get(entry.canonical) ?? []), ...entry.aliases]);
  return map;
}

export interface EntityTotals {
  /** Articles in the index. */
  articles: number;
  /** Per facet: value → articles that carry it. */
  counts: Record<SearchFacet, Map<string, number>>;
}

/** Documents per read: a page of 10,000 article records parsed at once held ~30 MB. */
const SCAN_PAGE = 2_500;

/**
 * Reads `fields` of every article record, page by page. The derived indexes count from the
 * documents themselves rather than from a facet distribution, so the article index can keep
 * `maxValuesPerFacet` small for its searches (a search returns that many values per facet).
 */
export async function* scanArticles<K extends keyof ArticleRecord>(client: Meilisearch, articlesIndex: string, fields: K[]): AsyncGenerator<Pick<ArticleRecord, K>> {
  for (let offset = 0; ; offset += SCAN_PAGE) {
    const page = await meili(() => client.index<ArticleRecord>(articlesIndex).getDocuments({ fields, limit: SCAN_PAGE, offset }));
    yield* page.results as Array<Pick<ArticleRecord, K>>;
    if (page.results.length < SCAN_PAGE) return;
    collectIfLarge();
  }
}

/**
 * An article record's values of one facet, as a list: `section` is one value or none, and records
 * indexed before issue 15 have no `authors` or `section`.
 *   { section: 'Business' } → ['Business'];  { section: null } → [];  {} (authors) → []
 */
export function facetValuesOf(record: Partial<Pick<ArticleRecord, SearchFacet>>, facet: SearchFacet): string[] {
  const values = record[facet];
  if (Array.isArray(values)) return values;
  return typeof values === 'string' && values !== '' ? [values] : [];
}

/** How many articles carry each facet value, and how many articles there are. The entities index is built from it. */
export async function readEntityTotals(client: Meilisearch, articlesIndex: string): Promise<EntityTotals> {
  const counts = Object.fromEntries(SEARCH_FACETS.map((facet) => [facet, new Map<string, number>()])) as EntityTotals['counts'];
  let articles = 0;
  for await (const record of scanArticles(client, articlesIndex, [...SEARCH_FACETS])) {
    articles++;
    for (const facet of SEARCH_FACETS) for (const value of new Set(facetValuesOf(record, facet))) counts[facet].set(value, (counts[facet].get(value) ?? 0) + 1);
  }
  return { articles, counts };
}

export async function refreshEntityIndex(admin: Meilisearch, names: IndexNames, resources: EntityResources): Promise<number> {
  const totals = await readEntityTotals(admin, names.articles);
  const aliases = aliasMap(resources);
  const countries = totals.counts.countries;
  const docs: EntityDocument[] = [];
  for (const facet of SEARCH_FACETS) {
    for (const [value, count] of totals.counts[facet]) {
      // A country is also listed among places; suggest it once, as a country.
      if (facet === 'places' && countries.has(value)) continue;
      const type = KIND_OF_FACET[facet];
      docs.push({ id: entityId(type, value), value, type, count, aliases: aliases.get(value) ?? [] });
    }
  }
  await replaceDocuments(admin, names.entities, docs);
  return docs.length;
}

/** Days before the newest article that count as recent for completions. */
export const RECENT_DAYS = 365;
/** Phrases kept, at most: the most used ones. */
const MAX_PHRASES = 50_000;

export async function refreshPhraseIndex(admin: Meilisearch, names: IndexNames): Promise<number> {
  // Two reads of the index rather than one held whole: the dates first (what counts as recent),
  // then the phrases, counted as they come. An article pushed between the two reads is counted
  // against the newest date of the first; the next refresh sees it whole.
  let newestAt: number | undefined;
  for await (const { publishedAt } of scanArticles(admin, names.articles, ['publishedAt'])) {
    if (publishedAt !== null && (newestAt === undefined || publishedAt > newestAt)) newestAt = publishedAt;
  }
  const recentFrom = newestAt === undefined ? Infinity : newestAt - RECENT_DAYS * 86_400;
  const counts = new Map<string, number>();
  const recentCounts = new Map<string, number>();
  for await (const record of scanArticles(admin, names.articles, ['phrases', 'publishedAt'])) {
    const recent = record.publishedAt !== null && record.publishedAt >= recentFrom;
    for (const phrase of new Set(record.phrases ?? [])) {
      counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
      if (recent) recentCounts.set(phrase, (recentCounts.get(phrase) ?? 0) + 1);
    }
  }
  const entries = [...counts];
  // In a large index a phrase used by one article only is noise; in a small one it is all there is.
  const minimum = entries.length > MAX_PHRASES ? 2 : 1;
  const docs: PhraseDocument[] = entries
    .filter(([, count]) => count >= minimum)
    .map(([phrase, count]) => {
      const recentCount = recentCounts.get(phrase) ?? 0;
      return { id: createHash('sha1').update(phrase).digest('hex').slice(0, 20), phrase, count, recent: recentCount, score: count + 2 * recentCount };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_PHRASES);
  await replaceDocuments(admin, names.phrases, docs);
  return docs.length;
}

/**
 * Makes an index hold exactly `docs`: sends only the documents that are new or changed, then
 * deletes the others. A refresh after a push or a takedown changes a handful of counts, so the
 * engine re-indexes a handful of documents, not all of them (which kept it busy for seconds and
 * held up the next push's tasks behind it).
 */
async function replaceDocuments(admin: Meilisearch, indexUid: string, docs: Array<{ id: string }>): Promise<void> {
  const index = admin.index(indexUid);
  const wanted = new Map(docs.map((d) => [d.id, d]));
  const stale: string[] = [];
  const same = new Set<string>();
  for (let offset = 0; ; offset += SCAN_PAGE) {
    const page = await meili(() => index.getDocuments({ limit: SCAN_PAGE, offset }));
    for (const doc of page.results) {
      const id = doc.id as string;
      const want = wanted.get(id);
      if (!want) stale.push(id);
      else if (sameDocument(want, doc)) same.add(id);
    }
    if (page.results.length < SCAN_PAGE) break;
    collectIfLarge();
  }
  const changed = docs.filter((d) => !same.has(d.id));
  if (changed.length > 0) await runTask(admin, () => index.addDocuments(changed, { primaryKey: 'id' }));
  if (stale.length > 0) await runTask(admin, () => index.deleteDocuments(stale));
}

/** Whether the stored document has every field of `want` with the same value (order of keys aside). */
export function sameDocument(want: object, stored: Record<string, unknown>): boolean {
  return Object.entries(want).every(([key, value]) => JSON.stringify(value) === JSON.stringify(stored[key]));
}
