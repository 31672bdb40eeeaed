/**
 * The search service: the API's only caller of Meilisearch, always with the search-only key. Each
 * method sends its queries in as few round trips as it can (one multi-search where possible) and
 * hands results to the response adapter.
 */
import type { Hit, Meilisearch, SearchResponse } from 'meilisearch';
import pLimit, { type LimitFunction } from 'p-limit';
import { notFound } from '../../errors.js';
import { webUrl } from '../../ingest/url.js';
import { meili } from '../../meili/client.js';
import type { ArticleDocument as ArticleRecord, EntityDocument, EntityKind, IndexNames, ParagraphDocument, PhraseDocument } from '../../meili/contract.js';
import { quote } from '../../meili/filter.js';
import { escapeHtml, markTypedPrefix } from './highlight.js';
import type { EntitiesParams, SearchParams, SuggestParams } from './params.js';
import { compileQuery, compileSynonyms, type QueryMatcher } from './query-matcher.js';
import { planArticleSearch, planParagraphSearch, planPassages, planRerankEvidence, planSelectedCounts, RERANK_WINDOW, type NamedQueries } from './request-adapter/index.js';
import { DEFAULT_SEARCH_CONCURRENCY } from './defaults.js';
import { SUGGEST_CACHE_MS, SuggestCache } from './suggest-cache.js';
import { relatedArticles } from '../related/related.js';
import { insights, type Insights, type InsightsParams } from '../insights/insights.js';
import { clusterQueries, clustersOf, onePerCluster, versionsQuery, withVersions } from '../../clusters/search.js';
import { entityLabel, interleave, type ArticleView, type EntityValue, type Suggestion, type SuggestResult } from './response-adapter/suggestions.js';
import {
  addSelectedCounts,
  articleHits,
  facetCounts,
  markParagraph,
  paragraphScoresOf,
  RERANK_WEIGHTS,
  matchCountsOf,
  missingSelected,
  rerankArticles,
  toHit,
  toSearchResult,
  type FacetCounts,
  type RerankWeights,
  type SearchHit,
  type SearchResult,
} from './response-adapter/index.js';

type ParagraphHit = Hit<ParagraphDocument>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each named query's documents have their own shape
type Answer = SearchResponse<any> & { totalHits?: number };



/** How long the "popular" list is reused before being read again. */
const CACHE_MS = 60_000;

export class SearchService {
  readonly #client: Meilisearch;
  readonly #indexes: IndexNames;
  #popular?: { at: number; value: Suggestion[] };

  readonly #searchSlots: LimitFunction;
  readonly #rerankWeights: RerankWeights;
  readonly #suggestCache: SuggestCache | undefined;
  #synonyms = new Map<string, string[][]>();

  /**
   * @param options.concurrentSearches full searches sent to Meilisearch at once; the rest wait here,
   *   so a burst of searches (each a few queries) cannot starve typeahead, which is not limited
   * @param options.suggestCacheMs life of a cached typeahead answer (0: no cache)
   * @param options.rerankWeights weights of the article re-ranking (RERANK_WEIGHTS; eval:relevance tries others)
   */
  constructor(options: { client: Meilisearch; indexes: IndexNames; concurrentSearches?: number; suggestCacheMs?: number; rerankWeights?: Partial<RerankWeights> }) {
    this.#client = options.client;
    const ttl = options.suggestCacheMs ?? SUGGEST_CACHE_MS;
    this.#suggestCache = ttl > 0 ? new SuggestCache(ttl) : undefined;
    this.#indexes = options.indexes;
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
   * server reads them from the index with the admin key at start-up and every minute
   * (synonyms.ts); the search path itself never holds that key.
   */
  setSynonyms(synonyms: Record<string, string[]>): void {
    this.#synonyms = compileSynonyms(synonyms);
  }

  #matcher(q: string): QueryMatcher {
    return compileQuery(q, this.#synonyms);
  }

  search(params: SearchParams): Promise<SearchResult> {
    return this.#searchSlots(() => (params.group === 'paragraph' ? this.#paragraphSearch(params) : this.#articleSearch(params)));
  }

  /** Named queries in one multi-search, answered by name. */
  async #multiSearch(queries: NamedQueries): Promise<Record<string, Answer>> {
    const names = Object.keys(queries);
    if (names.length === 0) return {};
    const { results } = await meili(() => this.#client.multiSearch({ queries: names.map((name) => queries[name]!) }));
    return Object.fromEntries(names.map((name, i) => [name, results[i] as unknown as Answer]));
  }

  /** Counts of selected values the facet queries did not return (rare; bounded by MAX_SELECTED_VALUES). */
  async #completeSelected(params: SearchParams, indexUid: string, counts: FacetCounts): Promise<void> {
    const missing = missingSelected(params, counts);
    if (missing.length > 0) addSelectedCounts(counts, missing, await this.#multiSearch(clusterQueries(planSelectedCounts(params, indexUid, missing), this.#indexes.articles, params.cluster && params.group === 'article')));
  }

  /**
   * Article mode: the article index answers the page's articles, the exact total and the facet
   * counts; the paragraph index then counts the best articles' matching paragraphs (to re-rank
   * them) and gives the page's articles their passages.
   */
  async #articleSearch(params: SearchParams): Promise<SearchResult> {
    const plan = planArticleSearch(params, this.#indexes);
    const found = await this.#multiSearch(clusterQueries(plan.queries, this.#indexes.articles, params.cluster));
    const articles = found.articles!;
    const counts = facetCounts(params, found, 'articles');
    const hits = articles.hits as Array<{ id: string; _rankingScore?: number }>;
    // Re-ranking candidates: the article index's best, and the articles of the best paragraphs.
    const top = hits.slice(0, RERANK_WINDOW).map((h) => h.id);
    const fromParagraphs = [...new Set(((found.bestParagraphs?.hits ?? []) as Array<{ articleId: string }>).map((h) => h.articleId))].filter((id) => !top.includes(id));
    const window = [...top, ...fromParagraphs];
    const [, evidence] = await Promise.all([
      this.#completeSelected(params, this.#indexes.articles, counts),
      plan.rerank && window.length > 1 ? this.#multiSearch(clusterQueries(planRerankEvidence(params, this.#indexes, window, fromParagraphs), this.#indexes.articles, false)) : undefined,
    ]);
    const windowCounts = evidence && matchCountsOf(evidence.matches);
    const order = evidence
      ? rerankArticles(
          hits,
          { matchCounts: windowCounts!, paragraphScores: paragraphScoresOf(evidence.bestScores) },
          RERANK_WINDOW,
          this.#rerankWeights,
          (evidence.articleScores?.hits ?? []) as Array<{ id: string; _rankingScore?: number }>,
        )
      : hits.map((h) => h.id);
    // Story clusters (src/clusters/search.ts): one article per cluster, its other versions listed.
    const clusterOf = clustersOf(articles.hits, found.bestParagraphs?.hits, evidence?.articleScores?.hits);
    const pageIds = (params.cluster ? onePerCluster(order, clusterOf) : order).slice(plan.pageStart, plan.pageStart + params.perPage);
    let page: SearchHit[] = [];
    if (pageIds.length > 0) {
      const versions = params.cluster ? versionsQuery(this.#indexes.articles, pageIds.map((id) => clusterOf.get(id) ?? id)) : {};
      const passages = await this.#multiSearch({ ...planPassages(params, this.#indexes, pageIds, !windowCounts), ...versions });
      const matchCounts = windowCounts ?? matchCountsOf(passages.matches);
      page = articleHits(pageIds, { best: passages.best!.hits as ParagraphHit[], others: passages.others!.hits as ParagraphHit[] }, matchCounts, this.#matcher(params.q));
      page = withVersions(page, clusterOf, passages.versions);
    }
    return toSearchResult(params, { totalHits: articles.totalHits ?? 0, processingTimeMs: articles.processingTimeMs }, page, counts);
  }

  /** Paragraph mode: one multi-search on the paragraph index; everything counts paragraphs. */
  async #paragraphSearch(params: SearchParams): Promise<SearchResult> {
    const found = await this.#multiSearch(planParagraphSearch(params, this.#indexes));
    const main = found.paragraphs!;
    const counts = facetCounts(params, found, 'paragraphs');
    await this.#completeSelected(params, this.#indexes.paragraphs, counts);
    const matcher = this.#matcher(params.q);
    const hits = (main.hits as ParagraphHit[]).map((h) => toHit(h, 1, [], matcher));
    return toSearchResult(params, { totalHits: main.totalHits ?? 0, processingTimeMs: main.processingTimeMs }, hits, counts);
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
          { indexUid: this.#indexes.articles, q, limit: 3, attributesToSearchOn: ['title'], attributesToRetrieve: ['id', 'title'] },
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
      // Also for records indexed before URLs were checked at ingest.
      url: webUrl(record.url),
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

export { SUGGEST_CACHE_MS, type ArticleView, type EntityValue, type Suggestion, type SuggestResult };
