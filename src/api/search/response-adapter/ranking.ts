/**
 * Article ranking by relevance: Meilisearch's article order, refined by paragraph evidence. The
 * article index ranks an article by where its words are (headline, entity tags, text) but not by
 * how often, and its scores tie often (every headline match scores alike). Within the best
 * RERANK_WINDOW articles, each scores
 *   article × its ranking score + paragraph × its best paragraph's ranking score + matches × ln(paragraphs with every word)
 * so an article that matches in many paragraphs, or has one paragraph that matches closely, ranks
 * above one that mentions the words once:
 *   [a: 0.99, best ¶ 0.90, 1 match], [b: 0.99, best ¶ 0.95, 6 matches] → b, a
 */

export interface RerankWeights {
  article: number;
  paragraph: number;
  matches: number;
}

/**
 * Measured on the judged queries (npm run eval:relevance, `--article-weight`, `--paragraph-weight`,
 * `--weight`): the article score dominates (it ranks headline matches first, which broad topical
 * queries need), the best paragraph and the match count order articles within its ties and lift
 * close multi-word matches. With whole words ranked before prefixes in the article index
 * (`exactness` before `attribute`), more weight on the match count and less on the best paragraph
 * was better on every kind of query than { 5, 1, 0.1 } (all 0.806 against 0.796).
 */
export const RERANK_WEIGHTS: RerankWeights = { article: 5, paragraph: 0.5, matches: 0.25 };
/** The weight of matching paragraphs (kept for the eval's flag). */
export const MATCH_COUNT_WEIGHT = RERANK_WEIGHTS.matches;

export interface RerankEvidence {
  matchCounts: ReadonlyMap<string, number>;
  /** Ranking score of each article's best paragraph. */
  paragraphScores: ReadonlyMap<string, number>;
}

/** `hits`: the article index's order with ranking scores. The first `window` are re-ranked; the rest follow in that order. */
export function rerankArticles(
  hits: ReadonlyArray<{ id: string; _rankingScore?: number }>,
  evidence: RerankEvidence,
  window: number,
  weights: RerankWeights = RERANK_WEIGHTS,
): string[] {
  const score = (h: (typeof hits)[number]) =>
    weights.article * (h._rankingScore ?? 0) +
    weights.paragraph * (evidence.paragraphScores.get(h.id) ?? 0) +
    weights.matches * Math.log(Math.max(1, evidence.matchCounts.get(h.id) ?? 1));
  const head = hits
    .slice(0, window)
    .map((h, i) => ({ id: h.id, s: score(h), i }))
    // Stable: equal scores keep Meilisearch's order.
    .sort((x, y) => y.s - x.s || x.i - y.i)
    .map((x) => x.id);
  return [...head, ...hits.slice(window).map((h) => h.id)];
}

/** Each article's best paragraph score, from a `distinct: articleId` query with ranking scores. */
export function paragraphScoresOf(response: { hits: ReadonlyArray<{ articleId?: unknown; _rankingScore?: number }> } | undefined): Map<string, number> {
  return new Map((response?.hits ?? []).map((h) => [String(h.articleId), h._rankingScore ?? 0]));
}

/** Re-ranks `articles` with the answers of planRerankEvidence: match counts and best paragraph scores. */
export function rankWithEvidence(
  articles: ReadonlyArray<{ id: string; _rankingScore?: number }>,
  evidence: Record<string, { hits: unknown[]; facetDistribution?: Record<string, Record<string, number>> } | undefined>,
  window: number,
  weights: RerankWeights,
): string[] {
  const matchCounts = new Map(Object.entries(evidence.matches?.facetDistribution?.articleId ?? {}));
  const paragraphScores = paragraphScoresOf(evidence.best as { hits: Array<{ articleId?: unknown; _rankingScore?: number }> } | undefined);
  return rerankArticles(articles, { matchCounts, paragraphScores }, window, weights);
}
