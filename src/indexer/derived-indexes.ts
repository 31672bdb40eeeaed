/**
 * Indexes derived from the article index after each indexing run that changed anything (the indexer
 * applies their settings), so their
 * counts always describe the whole index. They make typeahead one cheap multi-search:
 * - entities: every value of the four entity facets, with its article count and its aliases;
 * - phrases: the key phrases of articles, with how many articles (and recent articles) use them.
 */
import { createHash } from 'node:crypto';
import type { Meilisearch } from 'meilisearch';
import type { EntityResources } from '../ingest/entities/index.js';
import { meili, runTask, type IndexNames } from '../meili/client.js';
import { ENTITY_FACETS, type EntityFacet } from '../meili/settings.js';

export type EntityKind = 'person' | 'organization' | 'place' | 'country';

export const KIND_OF_FACET: Record<EntityFacet, EntityKind> = {
  people: 'person',
  organizations: 'organization',
  places: 'place',
  countries: 'country',
};

export interface EntityDocument {
  id: string;
  value: string;
  type: EntityKind;
  /** Articles that mention it. */
  count: number;
  aliases: string[];
}

export function entityId(type: EntityKind, value: string): string {
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
  counts: Record<EntityFacet, Map<string, number>>;
}

/**
 * How many articles carry each entity value, and how many articles there are: one facet
 * distribution of the articles index. The entities index is built from it, and the search service
 * keeps a copy to estimate facet counts (api/search/entity-totals.ts).
 */
export async function readEntityTotals(client: Meilisearch, articlesIndex: string): Promise<EntityTotals> {
  const result = await meili(() => client.index(articlesIndex).search('', { page: 1, hitsPerPage: 0, facets: [...ENTITY_FACETS] }));
  const distribution = result.facetDistribution ?? {};
  return {
    articles: result.totalHits ?? 0,
    counts: Object.fromEntries(ENTITY_FACETS.map((facet) => [facet, new Map(Object.entries(distribution[facet] ?? {}))])) as EntityTotals['counts'],
  };
}

export async function refreshEntityIndex(admin: Meilisearch, names: IndexNames, resources: EntityResources): Promise<number> {
  const totals = await readEntityTotals(admin, names.articles);
  const aliases = aliasMap(resources);
  const countries = totals.counts.countries;
  const docs: EntityDocument[] = [];
  for (const facet of ENTITY_FACETS) {
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

export interface PhraseDocument {
  id: string;
  phrase: string;
  /** Articles that use it. */
  count: number;
  /** Of those, articles from the last year before the newest article. */
  recent: number;
  /** The completion rank: recent articles count three times. */
  score: number;
}

/** Days before the newest article that count as recent for completions. */
export const RECENT_DAYS = 365;
/** Phrases kept, at most: the most used ones. */
const MAX_PHRASES = 50_000;

export async function refreshPhraseIndex(admin: Meilisearch, names: IndexNames): Promise<number> {
  const articles = admin.index(names.articles);
  const newest = await meili(() => articles.search('', { sort: ['publishedAt:desc'], filter: 'publishedAt IS NOT NULL', limit: 1, attributesToRetrieve: ['publishedAt'] }));
  const newestAt = newest.hits[0]?.publishedAt as number | undefined;
  const [all, recent] = await Promise.all([
    meili(() => articles.search('', { limit: 0, facets: ['phrases'] })),
    newestAt === undefined
      ? Promise.resolve(undefined)
      : meili(() => articles.search('', { limit: 0, facets: ['phrases'], filter: `publishedAt >= ${newestAt - RECENT_DAYS * 86_400}` })),
  ]);
  const recentCounts = recent?.facetDistribution?.phrases ?? {};
  const entries = Object.entries(all.facetDistribution?.phrases ?? {});
  // In a large index a phrase used by one article only is noise; in a small one it is all there is.
  const minimum = entries.length > MAX_PHRASES ? 2 : 1;
  const docs: PhraseDocument[] = entries
    .filter(([, count]) => count >= minimum)
    .map(([phrase, count]) => {
      const recentCount = recentCounts[phrase] ?? 0;
      return { id: createHash('sha1').update(phrase).digest('hex').slice(0, 20), phrase, count, recent: recentCount, score: count + 2 * recentCount };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_PHRASES);
  await replaceDocuments(admin, names.phrases, docs);
  return docs.length;
}

/** Makes an index hold exactly `docs`: adds or replaces them, then deletes the others. */
async function replaceDocuments(admin: Meilisearch, indexUid: string, docs: Array<{ id: string }>): Promise<void> {
  const index = admin.index(indexUid);
  const keep = new Set(docs.map((d) => d.id));
  const stale: string[] = [];
  for (let offset = 0; ; offset += 10_000) {
    const page = await meili(() => index.getDocuments({ fields: ['id'], limit: 10_000, offset }));
    for (const doc of page.results) if (!keep.has(doc.id as string)) stale.push(doc.id as string);
    if (page.results.length < 10_000) break;
  }
  if (docs.length > 0) await runTask(admin, () => index.addDocuments(docs, { primaryKey: 'id' }));
  if (stale.length > 0) await runTask(admin, () => index.deleteDocuments(stale));
}
