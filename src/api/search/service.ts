/**
 * The search service: the API's only caller of Meilisearch, always with the search-only key. It
 * orchestrates: the request adapter plans named queries, `#multiSearch` sends them (the one
 * engine boundary), the response adapter turns the answers into the API's JSON.
 */
import type { Hit, Meilisearch } from 'meilisearch';
import pLimit, { type LimitFunction } from 'p-limit';
import { isLedeError } from '../../errors.js';
import { meili } from '../../meili/client.js';
import type { FacetValueKind, IndexNames, ParagraphDocument } from '../../meili/contract.js';
import { DEFAULT_SEARCH_CONCURRENCY } from './defaults.js';
import type { EntitiesParams, SearchParams, SuggestParams } from './params.js';
import { compileQuery, compileSynonyms, type QueryMatcher } from './query-matcher.js';
import {
  planArticleSearch,
  planArticleView,
  planEntityValues,
  planHealth,
  planParagraphSearch,
  planPassages,
  planPopularEntities,
  planRerankEvidence,
  planSelectedCounts,
  planSuggest,
  RERANK_WINDOW,
  type Answer,
  type NamedQueries,
} from './request-adapter/index.js';
import {
  addSelectedCounts,
  articleHits,
  facetCounts,
  matchCountsOf,
  missingSelected,
  rankWithEvidence,
  RERANK_WEIGHTS,
  toArticleView,
  toEntityValues,
  toHit,
  toSearchResult,
  toSuggestions,
  popularSuggestions,
  type FacetCounts,
  type RerankWeights,
} from './response-adapter/index.js';
import type { ArticleView, EntityValue, SearchResult, Suggestion, SuggestResult } from './responses.js';
import { SUGGEST_CACHE_MS, SuggestCache } from './suggest-cache.js';
import { relatedArticles } from '../related/related.js';
import { insights, type Insights, type InsightsParams } from '../insights/insights.js';
import { clusterQueries, clustersOf, onePerCluster, versionsQuery, withVersions } from '../../clusters/search.js';

type ParagraphHit = Hit<ParagraphDocument>;

/** How long the "popular" list is reused before being read again. */
const POPULAR_CACHE_MS = 60_000;

export class SearchService {
  readonly #client: Meilisearch;
  readonly #indexes: IndexNames;
  readonly #searchSlots: LimitFunction;
  readonly #rerankWeights: RerankWeights;
  readonly #suggestCache: SuggestCache | undefined;
  #popular?: { at: number; value: Suggestion[] };
  #synonyms = new Map<string, string[][]>();

  /**
   * @param options.concurrentSearches full searches sent to Meilisearch at once; the rest wait here,
   *   so a burst of searches (each a few queries) cannot starve typeahead, which is not limited
   * @param options.suggestCacheMs life of a cached typeahead answer (0: no cache)
   * @param options.rerankWeights weights of the article re-ranking (RERANK_WEIGHTS; eval:relevance tries others)
   */
  constructor(options: { client: Meilisearch; indexes: IndexNames; concurrentSearches?: number; suggestCacheMs?: number; rerankWeights?: Partial<RerankWeights> }) {
    this.#client = options.client;
    this.#indexes = options.indexes;
    const ttl = options.suggestCacheMs ?? SUGGEST_CACHE_MS;
    this.#suggestCache = ttl > 0 ? new SuggestCache(ttl) : undefined;
    this.#rerankWeights = { ...RERANK_WEIGHTS, ...options.rerankWeights };
    this.#searchSlots = pLimit(options.concurrentSearches ?? DEFAULT_SEARCH_CONCURRENCY);
  }

  /** Forgets cached typeahead answers: after a push or a takedown, none may show the old state. */
  clearCaches(): void {
    this.#suggestCache?.clear();
    this.#popular = undefined;
  }

  /**
   * The index's synonyms, so that matches through them ("us" → "United States") are marked. The
   * server reads them with the admin key at start-up and every minute (synonyms.ts); the search
   * path itself never holds that key.
   */
  setSynonyms(synonyms: Record<string, string[]>): void {
    this.#synonyms = compileSynonyms(synonyms);
  }

  #matcher(q: string): QueryMatcher {
    return compileQuery(q, this.#synonyms);
  }

  /** Named queries in one multi-search, answered by name: the service's one way to the engine. */
  async #multiSearch(queries: NamedQueries): Promise<Record<string, Answer>> {
    const names = Object.keys(queries);
    if (names.length === 0) return {};
    const { results } = await meili(() => this.#client.multiSearch({ queries: names.map((name) => queries[name]!) }));
    return Object.fromEntries(names.map((name, i) => [name, results[i] as unknown as Answer]));
  }

  search(params: SearchParams): Promise<SearchResult> {
    return this.#searchSlots(() => (params.group === 'paragraph' ? this.#paragraphSearch(params) : this.#articleSearch(params)));
  }

  /**
   * Article mode, in three round trips at most: (1) the article index answers the articles, the
   * exact total and the facet counts; (2) the paragraph index the best articles' re-ranking
   * evidence, which brings their best passages; (3) the page's other passages.
   */
  async #articleSearch(params: SearchParams): Promise<SearchResult> {
    const plan = planArticleSearch(params, this.#indexes);
    const found = await this.#multiSearch(clusterQueries(plan.queries, this.#indexes.articles, params.cluster));
    // Folded into stories (cluster=true), the page's hits come from `stories`; counts from `articles`.
    const listed = found.stories ?? found.articles!;
    const articles = listed.hits as Array<{ id: string; _rankingScore?: number }>;
    const counts = facetCounts(params, found, 'articles');
    const window = articles.slice(0, RERANK_WINDOW).map((h) => h.id);
    const [, evidence] = await Promise.all([
      this.#completeSelected(params, this.#indexes.articles, counts),
      plan.rerank && window.length > 1 ? this.#multiSearch(clusterQueries(planRerankEvidence(params, this.#indexes, window), this.#indexes.articles, false)) : undefined,
    ]);
    const order = evidence ? rankWithEvidence(articles, evidence, RERANK_WINDOW, this.#rerankWeights) : articles.map((h) => h.id);
    // Story clusters (src/clusters/search.ts): one article per cluster, its other versions listed.
    const clusterOf = clustersOf(listed.hits, undefined, evidence?.articleScores?.hits);
    const pageIds = (params.cluster ? onePerCluster(order, clusterOf) : order).slice(plan.pageStart, plan.pageStart + params.perPage);
    const versions = params.cluster && pageIds.length > 0 ? versionsQuery(this.#indexes.articles, pageIds.map((id) => clusterOf.get(id) ?? id)) : {};
    const passages = pageIds.length > 0 ? await this.#multiSearch({ ...planPassages(params, this.#indexes, pageIds, { best: !evidence, matchCounts: !evidence }), ...versions }) : {};
    const hits = articleHits(
      pageIds,
      { best: ((evidence ?? passages).best?.hits ?? []) as ParagraphHit[], others: (passages.others?.hits ?? []) as ParagraphHit[] },
      matchCountsOf((evidence ?? passages).matches),
      this.#matcher(params.q),
    );
    const page = withVersions(hits, clusterOf, passages.versions);
    return toSearchResult(params, { totalHits: found.articles!.totalHits ?? 0, processingTimeMs: found.articles!.processingTimeMs }, page, counts);
  }

  /** Paragraph mode: one multi-search on the paragraph index; everything counts paragraphs. */
  async #paragraphSearch(params: SearchParams): Promise<SearchResult> {
    const found = await this.#multiSearch(planParagraphSearch(params, this.#indexes));
    const counts = facetCounts(params, found, 'paragraphs');
    await this.#completeSelected(params, this.#indexes.paragraphs, counts);
    const matcher = this.#matcher(params.q);
    const hits = (found.paragraphs!.hits as ParagraphHit[]).map((h) => toHit(h, 1, [], matcher));
    return toSearchResult(params, { totalHits: found.paragraphs!.totalHits ?? 0, processingTimeMs: found.paragraphs!.processingTimeMs }, hits, counts);
  }

  /** Counts of selected values the facet queries did not return (rare; bounded by MAX_SELECTED_VALUES). */
  async #completeSelected(params: SearchParams, indexUid: string, counts: FacetCounts): Promise<void> {
    const missing = missingSelected(params, counts);
    if (missing.length > 0) addSelectedCounts(counts, missing, await this.#multiSearch(clusterQueries(planSelectedCounts(params, indexUid, missing), this.#indexes.articles, params.cluster && params.group === 'article')));
  }

  /** Typeahead in one multi-search (entities, completions, titles); answers are cached a short while. */
  async suggest(params: SuggestParams): Promise<SuggestResult & { cached: boolean }> {
    // Case does not change the answer (matching and marking ignore it); a trailing space does.
    const key = `${params.limit}\u0000${params.q.toLowerCase()}`;
    const cached = this.#suggestCache?.get(key);
    if (cached) return { ...cached, query: params.q, cached: true };
    const result = params.q.length < 2 ? { query: params.q, suggestions: (await this.#popularEntities()).slice(0, params.limit) } : toSuggestions(params.q, params.limit, await this.#multiSearch(planSuggest(params, this.#indexes)));
    this.#suggestCache?.set(key, result);
    return { ...result, cached: false };
  }

  async #popularEntities(): Promise<Suggestion[]> {
    if (this.#popular && Date.now() - this.#popular.at < POPULAR_CACHE_MS) return this.#popular.value;
    this.#popular = { at: Date.now(), value: popularSuggestions(await this.#multiSearch(planPopularEntities(this.#indexes))) };
    return this.#popular.value;
  }

  /** Values of one facet (an entity kind, the authors or the sections) matching a prefix on any word or alias, with article counts. */
  async entities(params: EntitiesParams): Promise<{ type: FacetValueKind; query: string; values: EntityValue[] }> {
    return toEntityValues(params, await this.#multiSearch(planEntityValues(params, this.#indexes)));
  }

  /** Related coverage of an article (related/related.ts), through the one multi-search boundary. */
  related(id: string, limit: number, options: { baseline?: boolean } = {}) {
    return this.#searchSlots(() => relatedArticles((queries) => this.#multiSearch(queries), this.#indexes, id, limit, options));
  }

  /** The entity panel of a search (insights/insights.ts). */
  insights(params: InsightsParams): Promise<Insights> {
    return this.#searchSlots(() => insights((queries) => this.#multiSearch(queries), this.#indexes, params));
  }

  /** One article with its paragraphs; paragraphs matching `q` (if given) are flagged and marked. */
  async article(id: string, q: string): Promise<ArticleView> {
    return toArticleView(id, await this.#multiSearch(planArticleView(id, q, this.#indexes)), this.#matcher(q), this.#matcher(''));
  }

  async health(): Promise<{ meilisearch: 'available' | 'unavailable'; documents: number | null }> {
    try {
      const { size } = await this.#multiSearch(planHealth(this.#indexes));
      return { meilisearch: 'available', documents: size!.estimatedTotalHits ?? null };
    } catch (error) {
      return { meilisearch: isLedeError(error) && error.code === 'index_not_found' ? 'available' : 'unavailable', documents: null };
    }
  }
}

export { SUGGEST_CACHE_MS, type ArticleView, type EntityValue, type Suggestion, type SuggestResult };
