/**
 * The search service: the API's only caller of Meilisearch, always with the search-only key. It
 * orchestrates: the request adapter plans named queries, `#multiSearch` sends them (the one
 * engine boundary), the response adapter turns the answers into the API's JSON.
 */
import type { Meilisearch } from 'meilisearch';
import pLimit, { type LimitFunction } from 'p-limit';
import { meili } from '../../meili/client.js';
import { MAX_VALUES_PER_FACET, type FacetValueKind, type IndexNames } from '../../meili/contract.js';
import { clusterQueries, versionsQuery } from '../../clusters/search.js';
import { insights, type Insights, type InsightsParams } from '../insights/insights.js';
import { relatedArticles } from '../related/related.js';
import { DEFAULT_SEARCH_CONCURRENCY } from './defaults.js';
import type { EntitiesParams, SearchParams, SuggestParams } from './params.js';
import { compileQuery, compileSynonyms, type QueryMatcher } from './query-matcher.js';
import * as plan from './request-adapter/index.js';
import type { Answers, NamedQueries } from './request-adapter/index.js';
import * as respond from './response-adapter/index.js';
import { RERANK_WEIGHTS, type EngineHealth, type FacetCounts, type RerankWeights } from './response-adapter/index.js';
import type { ArticleView, EntityValue, SearchResult, Suggestion, SuggestResult } from './responses.js';
import { SUGGEST_CACHE_MS, SuggestCache, suggestCacheKey } from './suggest-cache.js';

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
  async #multiSearch(queries: NamedQueries): Promise<Answers> {
    const request = plan.toMultiSearch(queries);
    if (request.queries.length === 0) return {};
    return request.byName((await meili(() => this.#client.multiSearch({ queries: request.queries }))).results);
  }

  search(params: SearchParams): Promise<SearchResult> {
    return this.#searchSlots(() => (params.group === 'paragraph' ? this.#paragraphSearch(params) : this.#articleSearch(params)));
  }

  /**
   * Article mode, in three round trips at most: (1) the article index answers the articles, the
   * exact total and the facet counts; (2) the paragraph index the best articles' re-ranking
   * evidence, which brings their best passages; (3) the page's other passages and versions.
   */
  async #articleSearch(params: SearchParams): Promise<SearchResult> {
    const { articles: articlesUid } = this.#indexes;
    const searchPlan = plan.planArticleSearch(params, this.#indexes);
    const found = await this.#multiSearch(clusterQueries(searchPlan.queries, articlesUid, params.cluster));
    const counts = respond.facetCounts(params, found, 'articles');
    const window = respond.listedArticles(found).slice(0, plan.RERANK_WINDOW).map((h) => h.id);
    const [, evidence] = await Promise.all([
      this.#completeSelected(params, 'articles', counts),
      searchPlan.rerank && window.length > 1 ? this.#multiSearch(clusterQueries(plan.planRerankEvidence(params, this.#indexes, window), articlesUid, false)) : undefined,
    ]);
    const page = respond.choosePage(params, found, evidence, { pageStart: searchPlan.pageStart, window: plan.RERANK_WINDOW, weights: this.#rerankWeights });
    const versions = params.cluster ? versionsQuery(articlesUid, page.ids.map((id) => page.clusterOf.get(id) ?? id)) : {};
    const passages = page.ids.length > 0 ? await this.#multiSearch({ ...plan.planPassages(params, this.#indexes, page.ids, { best: !evidence, matchCounts: !evidence }), ...versions }) : {};
    return respond.toSearchResult(params, found.articles!, respond.articlePageHits(page, evidence, passages, this.#matcher(params.q)), counts);
  }

  /** Paragraph mode: one multi-search on the paragraph index; everything counts paragraphs. */
  async #paragraphSearch(params: SearchParams): Promise<SearchResult> {
    const found = await this.#multiSearch(plan.planParagraphSearch(params, this.#indexes));
    const counts = respond.facetCounts(params, found, 'paragraphs');
    await this.#completeSelected(params, 'paragraphs', counts);
    return respond.toParagraphResult(params, found.paragraphs!, counts, this.#matcher(params.q));
  }

  /** Counts of selected values the facet queries did not return (rare; bounded by MAX_SELECTED_VALUES). */
  async #completeSelected(params: SearchParams, index: 'articles' | 'paragraphs', counts: FacetCounts): Promise<void> {
    const missing = respond.missingSelected(params, counts, MAX_VALUES_PER_FACET[index]);
    if (missing.length === 0) return;
    respond.addSelectedCounts(counts, missing, await this.#multiSearch(plan.planSelectedCounts(params, this.#indexes[index], missing)));
  }

  /** Typeahead in one multi-search (entities, completions, titles); answers are cached a short while. */
  async suggest(params: SuggestParams): Promise<SuggestResult & { cached: boolean }> {
    const key = suggestCacheKey(params);
    const cached = this.#suggestCache?.get(key);
    if (cached) return { ...cached, query: params.q, cached: true };
    const result =
      params.q.length < 2
        ? { query: params.q, suggestions: (await this.#popularEntities()).slice(0, params.limit) }
        : respond.toSuggestions(params.q, params.limit, await this.#multiSearch(plan.planSuggest(params, this.#indexes)));
    this.#suggestCache?.set(key, result);
    return { ...result, cached: false };
  }

  async #popularEntities(): Promise<Suggestion[]> {
    if (this.#popular && Date.now() - this.#popular.at < POPULAR_CACHE_MS) return this.#popular.value;
    this.#popular = { at: Date.now(), value: respond.popularSuggestions(await this.#multiSearch(plan.planPopularEntities(this.#indexes))) };
    return this.#popular.value;
  }

  /** Values of one facet (an entity kind, the authors or the sections) matching a prefix on any word or alias, with article counts. */
  async entities(params: EntitiesParams): Promise<{ type: FacetValueKind; query: string; values: EntityValue[] }> {
    return respond.toEntityValues(params, await this.#multiSearch(plan.planEntityValues(params, this.#indexes)));
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
    return respond.toArticleView(id, await this.#multiSearch(plan.planArticleView(id, q, this.#indexes)), this.#matcher(q), this.#matcher(''));
  }

  async health(): Promise<EngineHealth> {
    return this.#multiSearch(plan.planHealth(this.#indexes)).then(respond.toHealth, respond.healthOfFailure);
  }
}

export { SUGGEST_CACHE_MS, type ArticleView, type EntityValue, type Suggestion, type SuggestResult };
