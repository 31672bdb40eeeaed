/**
 * Article ranking by relevance: Meilisearch's article order, refined by how many paragraphs match.
 * The article index ranks an article by where its words are (headline, entity tags, text) but not
 * by how often: an article that matches in many paragraphs is more about the query than one that
 * mentions it once. Within the best RERANK_WINDOW articles, each scores its ranking score plus
 * `MATCH_COUNT_WEIGHT × ln(matching paragraphs)`:
 *   [a: 0.95, 1 match], [b: 0.93, 6 matches] → b (0.93 + 0.18), a (0.95)
 */

/** Measured on the judged queries (npm run eval:relevance). */
export const MATCH_COUNT_WEIGHT = 0.1;

export function rerankArticles(
  hits: ReadonlyArray<{ id: string; _rankingScore?: number }>,
  matchCounts: ReadonlyMap<string, number>,
  window: number,
  weight = MATCH_COUNT_WEIGHT,
): string[] {
  const score = (h: (typeof hits)[number]) => (h._rankingScore ?? 0) + weight * Math.log(Math.max(1, matchCounts.get(h.id) ?? 1));
  const head = hits
    .slice(0, window)
    .map((h, i) => ({ id: h.id, s: score(h), i }))
    // Stable: equal scores keep Meilisearch's order.
    .sort((x, y) => y.s - x.s || x.i - y.i)
    .map((x) => x.id);
  return [...head, ...hits.slice(window).map((h) => h.id)];
}
