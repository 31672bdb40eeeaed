/**
 * The search service: the API's only caller of Meilisearch, always with the search-only key. Each
 * method sends its queries in as few round trips as it can (one multi-search where possible) and
 * hands results to the response adapter.
 */
import type { Hit, Meilisearch, SearchParams as MeiliSearchParams, SearchResponse } from 'meilisearch';
import pLimit, { type LimitFunction } from 'p-limit';
import { notFound } from '../../errors.js';
import type { ArticleRecord } from '../../ingest/documents.js';
import type { ParagraphDocument } from '../../ingest/types.js';
import type { EntityDocument, EntityKind, PhraseDocument } from '../../indexer/derived-indexes.js';
import { meili, type IndexNames } from '../../meili/client.js';
import { quote } from '../../meili/filter.js';
import { ENTITY_FACETS, type EntityFacet } from '../../meili/settings.js';
import type { EntityTotals } from './entity-totals.js';
import { escapeHtml, markTypedPrefix } from './highlight.js';
import type { EntitiesParams, SearchParams, SuggestParams } from './params.js';
import { compileQuery, compileSynonyms, type QueryMatcher } from './query-matcher.js';
import { planPageMatches, planSearch } from './request-adapter.js';
import { articleFacetCounts, facetList, paragraphFacetCounts, markParagraph, rankArticles, toHit, type RankedArticle, type SearchHit, type SearchResult } from './response-adapter.js';

type ParagraphHit = Hit<ParagraphDocument>;

export interface Suggestion {
  kind: 'entity' | 'query' | 'article';
  value: string;
  label: string;
  type?: EntityKind;
  count?: number;
  articleId?: string;
}

export interface EntityValue {
  value: string;
  type: EntityKind;
  count: number;
  label: string;
  aliases: string[];
}

export interface ArticleView {
  id: string;
  title: string;
  publishedAt: string | null;
  source: string | null;
  url: string | null;
  authors: string[];
  section: string | null;
  language: string | null;
  modified: string | null;
  entities: { people: string[]; organizations: string[]; places: string[]; countries: string[] };
  paragraphs: Array<{ id: string; position: number; html: string; matches: boolean; entities: { people: string[]; organizations: string[]; places: string[]; countries: string[] } }>;
}

/** Two per core of a small machine: enough to keep Meilisearch busy, leaving room for typeahead. */
const DEFAULT_CONCURRENT_SEARCHES = 4;

/** How long the "popular" list is reused before being read again. */
const CACHE_MS = 60_000;

/** Default life of a cached typeahead answer; `LEDE_SUGGEST_CACHE_MS`. */
export const SUGGEST_CACHE_MS = 30_000;
const SUGGEST_CACHE_ENTRIES = 5_000;

/**
 * Recent typeahead answers. Everyone types the same first letters, so most keystrokes ask what was
 * asked seconds ago; answering those from memory keeps typeahead fast when the engine is busy
 * (a re-index, a burst of searches). Entries live `ttlMs` (suggestions may lag an index change by
 * that much), least recently used ones go first.
 */
class SuggestCache {
  readonly #entries = new Map<string, { at: number; value: SuggestResult }>();
  constructor(readonly ttlMs: number) {}

  get(key: string): SuggestResult | undefined {
    const entry = this.#entries.get(key);
    if (!entry || Date.now() - entry.at > this.ttlMs) return undefined;
    // Re-insert: a Map iterates in insertion order, so the front is the least recently used.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  clear(): void {
    this.#entries.clear();
  }

  set(key: string, value: SuggestResult): void {
    this.#entries.set(key, { at: Date.now(), value });
    if (this.#entries.size > SUGGEST_CACHE_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
  }
}

export interface SuggestResult {
  query: string;
  suggestions: Suggestion[];
}

export class SearchService {
  readonly #client: Meilisearch;
  readonly #indexes: IndexNames;
  #popular?: { at: number; value: Suggestion[] };

  readonly #sampleSize: number | undefined;
  readonly #searchSlots: LimitFunction;
  readonly #suggestCache: SuggestCache | undefined;
  #synonyms = new Map<string, string[][]>();
  #entityTotals: EntityTotals | undefined;

  /**
   * @param options.articleCountSample how many matching paragraphs article mode samples (tests use a tiny one)
   * @param options.concurrentSearches full searches sent to Meilisearch at once; the rest wait here,
   *   so a burst of searches (each a few queries) cannot starve typeahead, which is not limited
   * @param options.suggestCacheMs life of a cached typeahead answer (0: no cache)
   */
  constructor(options: { client: Meilisearch; indexes: IndexNames; articleCountSample?: number; concurrentSearches?: number; suggestCacheMs?: number }) {
    this.#client = options.client;
    const ttl = options.suggestCacheMs ?? SUGGEST_CACHE_MS;
    this.#suggestCache = ttl > 0 ? new SuggestCache(ttl) : undefined;
    this.#indexes = options.indexes;
    this.#sampleSize = options.articleCountSample;
    this.#searchSlots = pLimit(options.concurrentSearches ?? DEFAULT_CONCURRENT_SEARCHES);
  }

  /**
   * The index's synonyms, so that matches through them ("us" → "United States") are marked. The
   * server reads them from the index with the admin key at start-up and every minute
   * (synonyms.ts); the search path itself never holds that key.
   */
  /** Forgets cached typeahead answers: after a push or a takedown, none may show the old state. */
  clearCaches(): void {
    this.#suggestCache?.clear();
    this.#popular = undefined;
  }

  setSynonyms(synonyms: Record<string, string[]>): void {
    this.#synonyms = compileSynonyms(synonyms);
  }

  /**
   * Articles per entity value over the whole index, for estimating the facet counts of broad
   * searches (entity-totals.ts). Until set, estimates extrapolate the sample alone.
   */
  setEntityTotals(totals: EntityTotals): void {
    this.#entityTotals = totals;
  }

  #matcher(q: string): QueryMatcher {
    return compileQuery(q, this.#synonyms);
  }

  search(params: SearchParams): Promise<SearchResult> {
    return this.#searchSlots(() => this.#search(params));
  }

  async #search(params: SearchParams): Promise<SearchResult> {
    const plan = planSearch(params, this.#sampleSize);
    const paragraphs = this.#indexes.paragraphs;
    const run = async (queries: Array<MeiliSearchParams & { q: string }>) =>
      (await meili(() => this.#client.multiSearch({ queries: queries.map((query) => ({ indexUid: paragraphs, ...query })) }))).results as unknown as Array<
        SearchResponse<ParagraphDocument> & { totalHits?: number }
      >;
    const facets = Object.fromEntries(ENTITY_FACETS.map((f) => [f, new Map<string, number>()])) as Record<EntityFacet, Map<string, number>>;

    const matcher = this.#matcher(params.q);

    if (params.group === 'paragraph') {
      const [main, ...facetResults] = await run([plan.main, ...plan.facetQueries.map((f) => f.query)]);
      plan.facetQueries.forEach((f, i) => {
        const counted = paragraphFacetCounts(f.facets, facetResults[i]!);
        for (const facet of f.facets) facets[facet] = counted[facet] ?? new Map();
      });
      const hits = (main!.hits as ParagraphHit[]).map((h) => toHit(h, 1, [], matcher));
      return this.#result(params, main!.totalHits ?? 0, main!.processingTimeMs, true, hits, facets);
    }

    // Article mode, one round trip: the sample (ranks articles, holds the paragraphs to show, counts
    // unselected facets), the disjunctive facet queries, and the counts of selected values.
    const [sample, ...rest] = await run([plan.sample!, ...plan.facetQueries.map((f) => f.query), ...plan.selectedCounts.map((c) => c.query)]);
    const facetResults = rest.slice(0, plan.facetQueries.length);
    const selectedResults = rest.slice(plan.facetQueries.length);
    const sampleHits = sample!.hits as ParagraphHit[];
    const complete = sampleHits.length >= (sample!.estimatedTotalHits ?? Infinity);
    const ranked = rankArticles(sampleHits, params.sort === 'relevance');
    // Past the sample, estimate articles from its articles-per-paragraph ratio.
    const totalHits = complete || sampleHits.length === 0 ? ranked.length : Math.round(((sample!.estimatedTotalHits ?? 0) * ranked.length) / sampleHits.length);

    let exact = complete;
    const unselected = ENTITY_FACETS.filter((f) => params[f].length === 0);
    const counted = articleFacetCounts(unselected, sample!, this.#entityTotals);
    for (const facet of unselected) facets[facet] = counted.counts[facet] ?? new Map();
    plan.facetQueries.forEach((f, i) => {
      const c = articleFacetCounts(f.facets, facetResults[i]!, this.#entityTotals);
      exact &&= c.exact;
      for (const facet of f.facets) facets[facet] = c.counts[facet] ?? new Map();
    });
    // Selected values are counted by a query of their own: a sample may miss or scale them.
    plan.selectedCounts.forEach((c, i) => facets[c.facet].set(c.value, selectedResults[i]!.totalHits ?? 0));

    // The page's articles: from the ranked sample, or past it, in Meilisearch's order.
    const start = (params.page - 1) * params.perPage;
    let page: RankedArticle[];
    if (complete || start + params.perPage <= ranked.length) {
      page = ranked.slice(start, start + params.perPage);
    } else {
      const deeper = (await run([plan.main]))[0]!.hits as ParagraphHit[];
      const known = new Map(ranked.map((a) => [a.best.articleId, a]));
      page = deeper.map((h) => known.get(h.articleId) ?? { best: h, matches: [h] });
    }
    if (page.length === 0) return this.#result(params, totalHits, sample!.processingTimeMs, exact, [], facets);

    // Each article shows its best paragraph and up to two others, as the sample ranks them. When the
    // sample does not hold every match, a second round trip counts the page articles' matches so
    // `matchCount` stays exact.
    const matchCounts = complete
      ? undefined
      : new Map(Object.entries((await run([planPageMatches(params, page.map((a) => a.best.articleId))]))[0]!.facetDistribution?.articleId ?? {}));
    const hits = page.map((article) => {
      const [best, ...others] = article.matches.slice(0, 3);
      return toHit(best!, Math.max(matchCounts?.get(article.best.articleId) ?? 0, article.matches.length), others, matcher);
    });
    return this.#result(params, totalHits, sample!.processingTimeMs, exact, hits, facets);
  }

  #result(params: SearchParams, totalHits: number, processingTimeMs: number, exact: boolean, hits: SearchHit[], facets: Record<EntityFacet, Map<string, number>>): SearchResult {
    return {
      query: params.q,
      page: params.page,
      perPage: params.perPage,
      totalHits,
      totalPages: Math.ceil(totalHits / params.perPage),
      processingTimeMs,
      group: params.group,
      facetCountsExact: exact,
      hits,
      facets: Object.fromEntries(ENTITY_FACETS.map((f) => [f, facetList(facets[f], params[f])])) as SearchResult['facets'],
    };
  }

  /**
   * Typeahead in one multi-search: entities (prefix on any word of the name or an alias), completions
   * from the corpus's key phrases (those that start with what was typed first, then by articles,
   * recent ones counting more), and article titles.
   */
  async suggest(params: SuggestParams): Promise<SuggestResult & { cached: boolean }> {
    // Case does not change the answer (matching and marking ignore it); a trailing space does.
    const key = `${params.limit}\u0000${params.q.toLowerCase()}`;
    const cached = this.#suggestCache?.get(key);
    if (cached) return { ...cached, query: params.q, cached: true };
    const result = await this.#suggest(params);
    this.#suggestCache?.set(key, result);
    return { ...result, cached: false };
  }

  async #suggest(params: SuggestParams): Promise<SuggestResult> {
    const q = params.q;
    if (q.length < 2) return { query: q, suggestions: (await this.#popularEntities()).slice(0, params.limit) };
    const { results } = await meili(() =>
      this.#client.multiSearch({
        queries: [
          { indexUid: this.#indexes.entities, q, limit: params.limit, attributesToRetrieve: ['value', 'type', 'count', 'aliases'] },
          { indexUid: this.#indexes.phrases, q, limit: params.limit * 2, attributesToRetrieve: ['phrase', 'count'] },
          { indexUid: this.#indexes.articles, q, limit: 3, attributesToRetrieve: ['id', 'title'] },
        ],
      }),
    );
    const [entityResults, phraseResults, articleResults] = results;
    const entities: Suggestion[] = (entityResults!.hits as unknown as EntityDocument[]).map((e) => ({
      kind: 'entity',
      value: e.value,
      label: entityLabel(e, q),
      type: e.type,
      count: e.count,
    }));
    const typed = q.toLowerCase();
    const queries: Suggestion[] = (phraseResults!.hits as unknown as PhraseDocument[])
      .filter((p) => p.phrase !== typed)
      // Completions continue what was typed; phrases that merely contain the words come after.
      .sort((a, b) => Number(b.phrase.startsWith(typed)) - Number(a.phrase.startsWith(typed)))
      .map((p) => ({ kind: 'query', value: p.phrase, label: markTypedPrefix(p.phrase, q), count: p.count }));
    const titles: Suggestion[] = (articleResults!.hits as unknown as Array<Pick<ArticleRecord, 'id' | 'title'>>).map((a) => ({
      kind: 'article',
      value: a.title,
      label: markTypedPrefix(a.title, q),
      articleId: a.id,
    }));
    return { query: q, suggestions: interleave(params.limit, entities, queries, titles) };
  }

  /** Values of one entity facet matching a prefix on any word or alias, with article counts. */
  async entities(params: EntitiesParams): Promise<{ type: EntityKind; query: string; values: EntityValue[] }> {
    const result = await meili(() =>
      this.#client.index(this.#indexes.entities).search<EntityDocument>(params.q, {
        filter: `type = ${quote(params.type)}`,
        limit: params.limit,
        ...(params.q === '' && { sort: ['count:desc'] }),
      }),
    );
    return {
      type: params.type,
      query: params.q,
      values: result.hits.map((e) => ({ value: e.value, type: e.type, count: e.count, label: entityLabel(e, params.q), aliases: e.aliases })),
    };
  }

  /** One article with its paragraphs; paragraphs matching `q` (if given) are flagged and marked. */
  async article(id: string, q: string): Promise<ArticleView> {
    const { results } = await meili(() =>
      this.#client.multiSearch({
        queries: [
          { indexUid: this.#indexes.articles, q: '', filter: `id = ${quote(id)}`, limit: 1 },
          { indexUid: this.#indexes.paragraphs, q: '', filter: `articleId = ${quote(id)}`, sort: ['position:asc'], limit: 1_000 },
          ...(q ? [{ indexUid: this.#indexes.paragraphs, q, filter: `articleId = ${quote(id)}`, limit: 1_000, attributesToRetrieve: ['id'], matchingStrategy: 'all' as const }] : []),
        ],
      }),
    );
    const record = results[0]!.hits[0] as unknown as ArticleRecord | undefined;
    if (!record) throw notFound(`No article with id "${id}".`);
    const matched = new Set(((results[2]?.hits ?? []) as unknown as ParagraphHit[]).map((h) => h.id));
    const matcher = this.#matcher(q);
    const none = this.#matcher('');
    const paragraphs = (results[1]!.hits as unknown as ParagraphDocument[]).map((p) => ({
      id: p.id,
      position: p.position,
      html: markParagraph(p, matched.has(p.id) ? matcher : none).text,
      matches: matched.has(p.id),
      entities: { people: p.people, organizations: p.organizations, places: p.places, countries: p.countries },
    }));
    return {
      id: record.id,
      title: record.title,
      publishedAt: record.date,
      source: record.source,
      url: record.url,
      // Records indexed before issue 15 have none of these.
      authors: record.authors ?? [],
      section: record.section ?? null,
      language: record.language ?? null,
      modified: record.modified ?? null,
      entities: { people: record.people, organizations: record.organizations, places: record.places, countries: record.countries },
      paragraphs,
    };
  }

  async health(): Promise<{ meilisearch: 'available' | 'unavailable'; documents: number | null }> {
    try {
      const stats = await this.#client.index(this.#indexes.paragraphs).search('', { limit: 0 });
      return { meilisearch: 'available', documents: stats.estimatedTotalHits ?? null };
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      return { meilisearch: code === 'index_not_found' ? 'available' : 'unavailable', documents: null };
    }
  }

  async #popularEntities(): Promise<Suggestion[]> {
    if (this.#popular && Date.now() - this.#popular.at < CACHE_MS) return this.#popular.value;
    const result = await meili(() => this.#client.index(this.#indexes.entities).search<EntityDocument>('', { sort: ['count:desc'], limit: 10 }));
    const value = result.hits.map((e): Suggestion => ({ kind: 'entity', value: e.value, label: escapeHtml(e.value), type: e.type, count: e.count }));
    this.#popular = { at: Date.now(), value };
    return value;
  }
}

/** "Volodymyr Zelenskiy" for "zel"; for an alias match, the alias too: "NATO (<mark>North</mark> Atlantic …)". */
function entityLabel(entity: Pick<EntityDocument, 'value' | 'aliases'>, q: string): string {
  const label = markTypedPrefix(entity.value, q);
  if (label.includes('<mark>') || q === '') return label;
  // The alias that matches the most typed words: "atlantic all" → "Atlantic Alliance", not "North Atlantic Treaty …".
  const marks = (html: string) => html.split('<mark>').length - 1;
  const alias = entity.aliases
    .map((a) => markTypedPrefix(a, q))
    .filter((a) => marks(a) > 0)
    .sort((a, b) => marks(b) - marks(a))[0];
  return alias ? `${label} <span class="alias">(${alias})</span>` : label;
}

/** Up to `limit` suggestions: entities first, then completions, then articles, each kind getting a fair share. */
function interleave(limit: number, entities: Suggestion[], queries: Suggestion[], articles: Suggestion[]): Suggestion[] {
  const shares = [
    [entities, Math.ceil(limit / 2)],
    [queries, Math.max(1, Math.floor(limit / 4))],
    [articles, Math.max(1, Math.floor(limit / 4))],
  ] as const;
  const picked: Suggestion[][] = shares.map(([list, share]) => list.slice(0, share));
  let room = limit - picked.reduce((n, l) => n + l.length, 0);
  shares.forEach(([list], i) => {
    const extra = list.slice(picked[i]!.length, picked[i]!.length + Math.max(0, room));
    picked[i]!.push(...extra);
    room -= extra.length;
  });
  return picked.flat().slice(0, limit);
}

