/**
 * Response adapter: Meilisearch results → the API's JSON. Pure. Snippets and texts are escaped and
 * marked here (see highlight.ts, query-matcher.ts); facet counts are turned into article counts in article mode.
 */
import type { Hit, SearchResponse } from 'meilisearch';
import type { EntityMention, ParagraphDocument } from '../../ingest/types.js';
import type { EntityFacet } from '../../meili/settings.js';
import { renderMarked, snippet } from './highlight.js';
import type { SearchParams } from './params.js';
import type { EntityTotals } from './entity-totals.js';
import type { QueryMatcher } from './query-matcher.js';

export const FACET_VALUES_SHOWN = 20;

export interface FacetValue {
  value: string;
  count: number;
  selected: boolean;
}

export interface SearchHit {
  id: string;
  articleId: string;
  title: string;
  position: number;
  snippet: string;
  text: string;
  publishedAt: string | null;
  source: string | null;
  url: string | null;
  authors: string[];
  section: string | null;
  entities: Record<EntityFacet, string[]>;
  matchCount: number;
  otherMatches: Array<{ id: string; position: number; snippet: string }>;
}

export interface SearchResult {
  query: string;
  page: number;
  perPage: number;
  totalHits: number;
  totalPages: number;
  processingTimeMs: number;
  group: SearchParams['group'];
  /** False when article facet counts were estimated from a sample (very broad queries). */
  facetCountsExact: boolean;
  hits: SearchHit[];
  facets: Record<EntityFacet, FacetValue[]>;
}

type ParagraphHit = Hit<ParagraphDocument>;

/** A paragraph as safe HTML: its query matches (found by `matcher`) and entity mentions marked, whole and as a snippet. */
export function markParagraph(hit: Pick<ParagraphHit, 'text'> & { mentions?: EntityMention[] }, matcher: QueryMatcher): { snippet: string; text: string } {
  const spans = matcher.spans(hit.text ?? '');
  const mentions = hit.mentions ?? [];
  return { snippet: snippet(hit.text ?? '', spans, mentions), text: renderMarked(hit.text ?? '', spans, mentions) };
}

/** Only the snippet of `markParagraph` (other matches show no full text). */
export function markSnippet(hit: Pick<ParagraphHit, 'text'> & { mentions?: EntityMention[] }, matcher: QueryMatcher): string {
  return snippet(hit.text ?? '', matcher.spans(hit.text ?? ''), hit.mentions ?? []);
}

export type FacetCounts = Partial<Record<EntityFacet, Map<string, number>>>;

/** Paragraph mode: Meilisearch's own counts, which are paragraphs. */
export function paragraphFacetCounts(facets: readonly EntityFacet[], response: Pick<SearchResponse, 'facetDistribution'>): FacetCounts {
  const distribution = response.facetDistribution ?? {};
  return Object.fromEntries(facets.map((facet) => [facet, new Map(Object.entries(distribution[facet] ?? {}))]));
}

/** The fields of a sampled paragraph that article counting reads. */
type SampledParagraph = { articleId: string } & Partial<Record<EntityFacet, string[]>>;

/**
 * Articles among all matches that carry a facet value, estimated from a ranked sample of them:
 * `k` of the sample's `n` articles carry it, the matches are estimated at `N` articles, and the
 * whole index holds `T` articles, `G` of them with the value.
 *
 * Extrapolating the sample (k·N/n) overstates what the best matches share: a value seen once among
 * 16 sampled articles of 1,521 became "about 95" where one article has it. The value's share of the
 * whole index (G·N/T) understates a value that goes with the query (OPEC for "oil prices"). The
 * estimate is the geometric mean of the two, at least `k` (counted) and at most `G` (every article
 * with the value). Measured on the judged queries of `npm run eval:relevance` against exact counts.
 * Without the index's totals (not read yet), the plain extrapolation.
 */
export function estimateArticles(k: number, n: number, N: number, totals?: { G: number | undefined; T: number }): number {
  const extrapolated = n === 0 ? k : (k * N) / n;
  if (!totals || totals.G === undefined || totals.T <= 0) return Math.round(extrapolated);
  const share = (totals.G * N) / totals.T;
  return Math.round(Math.min(totals.G, Math.max(k, Math.sqrt(extrapolated * share))));
}

/**
 * Article mode: distinct articles per value among sampled matching paragraphs; exact when the
 * sample holds every match, otherwise estimated (`estimateArticles`) for the number of articles
 * the sample's paragraphs-per-article ratio gives the whole result.
 */
export function articleFacetCounts(
  facets: readonly EntityFacet[],
  response: { hits: readonly SampledParagraph[]; estimatedTotalHits?: number },
  totals?: EntityTotals,
): { counts: FacetCounts; exact: boolean } {
  const exact = response.hits.length >= (response.estimatedTotalHits ?? response.hits.length);
  const sampledArticles = new Set(response.hits.map((hit) => hit.articleId)).size;
  const estimatedArticles = response.hits.length === 0 ? 0 : ((response.estimatedTotalHits ?? 0) * sampledArticles) / response.hits.length;
  const counts: FacetCounts = {};
  for (const facet of facets) {
    const articles = new Map<string, Set<string>>();
    for (const hit of response.hits) {
      for (const value of hit[facet] ?? []) {
        let set = articles.get(value);
        if (!set) articles.set(value, (set = new Set()));
        set.add(hit.articleId);
      }
    }
    counts[facet] = new Map(
      [...articles].map(([value, set]) => [
        value,
        exact ? set.size : estimateArticles(set.size, sampledArticles, estimatedArticles, totals && { G: totals.counts[facet].get(value), T: totals.articles }),
      ]),
    );
  }
  return { counts, exact };
}

/**
 * How much each further matching paragraph adds to an article's score, on a log scale. An article
 * that matches in several paragraphs is more about the query than one that mentions it once:
 * measured on the judged queries (npm run eval:relevance), best paragraph score + 0.1 × ln(matching
 * paragraphs) beats the best paragraph alone.
 */
export const MATCH_COUNT_WEIGHT = 0.1;

export interface RankedArticle {
  best: ParagraphHit;
  /** Its matching paragraphs in the sample, best first. */
  matches: ParagraphHit[];
}

/**
 * Groups ranked paragraphs into articles. By relevance, articles are scored by their best
 * paragraph's ranking score plus `MATCH_COUNT_WEIGHT × ln(matches)`; otherwise (date sorts) they
 * keep the order of their best paragraph.
 */
export function rankArticles(hits: ParagraphHit[], byRelevance: boolean): RankedArticle[] {
  const byId = new Map<string, RankedArticle>();
  for (const hit of hits) {
    const article = byId.get(hit.articleId);
    if (article) article.matches.push(hit);
    else byId.set(hit.articleId, { best: hit, matches: [hit] });
  }
  const articles = [...byId.values()];
  if (!byRelevance) return articles;
  const score = (a: RankedArticle) => (a.best._rankingScore ?? 0) + MATCH_COUNT_WEIGHT * Math.log(a.matches.length);
  return articles.map((a) => ({ a, s: score(a) })).sort((x, y) => y.s - x.s).map(({ a }) => a);
}

/** Top values by count (ties by name), with every selected value listed and flagged. */
export function facetList(counts: Map<string, number> | undefined, selected: string[]): FacetValue[] {
  const entries = [...(counts ?? new Map<string, number>()).entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const top = entries.slice(0, FACET_VALUES_SHOWN).map(([value, count]) => ({ value, count, selected: selected.includes(value) }));
  for (const value of selected) {
    if (!top.some((f) => f.value === value)) top.push({ value, count: counts?.get(value) ?? 0, selected: true });
  }
  return top;
}

export function toHit(hit: ParagraphHit, matchCount: number, others: ParagraphHit[], matcher: QueryMatcher): SearchHit {
  const marked = markParagraph(hit, matcher);
  return {
    id: hit.id,
    articleId: hit.articleId,
    title: hit.title,
    position: hit.position,
    snippet: marked.snippet,
    text: marked.text,
    publishedAt: hit.date ?? null,
    source: hit.source ?? null,
    url: hit.url ?? null,
    authors: hit.authors ?? [],
    section: hit.section ?? null,
    entities: { people: hit.people ?? [], organizations: hit.organizations ?? [], places: hit.places ?? [], countries: hit.countries ?? [] },
    matchCount,
    otherMatches: others.map((o) => ({ id: o.id, position: o.position, snippet: markSnippet(o, matcher) })),
  };
}
