/**
 * Response adapter: Meilisearch results → the API's JSON. Pure. Snippets and texts are escaped and
 * marked here (see highlight.ts); facet counts are turned into article counts in article mode.
 */
import type { Hit, SearchResponse } from 'meilisearch';
import type { EntityMention, ParagraphDocument } from '../../ingest/types.js';
import type { EntityFacet } from '../../meili/settings.js';
import { byteSpansToStringSpans, renderMarked, snippet, type Span } from './highlight.js';
import type { SearchParams } from './params.js';

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

function matchSpans(hit: Pick<ParagraphHit, 'text' | '_matchesPosition'>): Span[] {
  return byteSpansToStringSpans(hit.text ?? '', hit._matchesPosition?.text ?? []);
}

export function markParagraph(hit: Pick<ParagraphHit, 'text' | '_matchesPosition'> & { mentions?: EntityMention[] }): { snippet: string; text: string } {
  const spans = matchSpans(hit);
  const mentions = hit.mentions ?? [];
  return { snippet: snippet(hit.text, spans, mentions), text: renderMarked(hit.text, spans, mentions) };
}

/** What a facet query says: counts per value, whether they are exact, and (article mode) how many articles match. */
export interface CountedFacets {
  counts: Partial<Record<EntityFacet, Map<string, number>>>;
  exact: boolean;
  /** Distinct articles among the matches, when the sample held every match. */
  articles?: number;
}

/**
 * Counts per facet value. Paragraph mode: Meilisearch's counts. Article mode: distinct articles
 * among the sampled matching paragraphs; exact when the sample holds every match, otherwise scaled
 * from the sample to the estimated number of matching articles.
 */
export function facetCounts(
  facets: readonly EntityFacet[],
  response: SearchResponse<Record<string, unknown>>,
  group: SearchParams['group'],
  estimatedArticles: number,
): CountedFacets {
  const counts: Partial<Record<EntityFacet, Map<string, number>>> = {};
  if (group === 'paragraph') {
    const distribution = response.facetDistribution ?? {};
    for (const facet of facets) counts[facet] = new Map(Object.entries(distribution[facet] ?? {}));
    return { counts, exact: true };
  }
  const total = response.estimatedTotalHits ?? response.totalHits ?? response.hits.length;
  const exact = response.hits.length >= total;
  const sampledArticles = new Set(response.hits.map((hit) => hit.articleId as string)).size;
  const scale = exact || sampledArticles === 0 ? 1 : Math.max(1, estimatedArticles / sampledArticles);
  for (const facet of facets) {
    const articles = new Map<string, Set<string>>();
    for (const hit of response.hits) {
      for (const value of (hit[facet] as string[] | undefined) ?? []) {
        let set = articles.get(value);
        if (!set) articles.set(value, (set = new Set()));
        set.add(hit.articleId as string);
      }
    }
    counts[facet] = new Map([...articles].map(([value, set]) => [value, Math.round(set.size * scale)]));
  }
  return { counts, exact, ...(exact && { articles: sampledArticles }) };
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

export function toHit(hit: ParagraphHit, matchCount: number, others: ParagraphHit[]): SearchHit {
  const marked = markParagraph(hit);
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
    entities: { people: hit.people ?? [], organizations: hit.organizations ?? [], places: hit.places ?? [], countries: hit.countries ?? [] },
    matchCount,
    otherMatches: others.map((o) => ({ id: o.id, position: o.position, snippet: markParagraph(o).snippet })),
  };
}
