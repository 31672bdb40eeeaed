/**
 * The entity panel of a search (issue 17): which entities appear most in the matching articles
 * (each counted once per article: Meilisearch's facet distribution on the article index) and how
 * many matching articles there are per week or month (the `week` / `month` facets of article
 * documents). One query, in one multi-search: the search's words and filters, no hits read.
 *
 * Counts are in articles, every version of a story counted (clusters are not folded here).
 * `interval=auto` draws weeks when the matching articles span at most 12 months, else months.
 */
import { ENTITY_FACETS, type IndexNames } from '../../meili/contract.js';
import { filterClauses, filterWithout } from '../search/request-adapter/filters.js';
import { commonQuery, type NamedQueries } from '../search/request-adapter/queries.js';
import type { Bucket, Insights } from '../search/responses.js';
import type { InsightsParams } from './params.js';

export type { InsightsParams } from './params.js';
export type { Bucket, Insights };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- named answers of a multi-search
type Run = (queries: NamedQueries) => Promise<Record<string, any>>;

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Every bucket from the first to the last with any article, the empty ones too (a timeline has no gaps). */
export function fillTimeline(counts: Record<string, number>, interval: 'week' | 'month'): Bucket[] {
  const keys = Object.keys(counts).filter((k) => counts[k]! > 0).sort();
  if (keys.length === 0) return [];
  const out: Bucket[] = [];
  if (interval === 'week') {
    for (let t = Date.parse(`${keys[0]}T00:00:00Z`), last = Date.parse(`${keys.at(-1)}T00:00:00Z`); t <= last; t += 7 * DAY) {
      out.push({ start: iso(t), end: iso(t + 6 * DAY), count: counts[iso(t)] ?? 0 });
    }
    return out;
  }
  let [year, month] = keys[0]!.split('-').map(Number) as [number, number];
  const [lastYear, lastMonth] = keys.at(-1)!.split('-').map(Number) as [number, number];
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    out.push({ start: `${key}-01`, end: iso(Date.UTC(year, month, 0)), count: counts[key] ?? 0 });
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return out;
}

export async function insights(run: Run, indexes: Pick<IndexNames, 'articles'>, params: InsightsParams): Promise<Insights> {
  const { sort: _sort, ...common } = commonQuery({ q: params.q, sort: 'relevance' });
  const { panel } = await run({
    panel: {
      indexUid: indexes.articles,
      ...common,
      filter: filterWithout(filterClauses(params)),
      // Page mode: totalHits is exact.
      page: 1,
      hitsPerPage: 0,
      facets: [...ENTITY_FACETS, 'week', 'month'],
    },
  });
  const distribution = (panel.facetDistribution ?? {}) as Record<string, Record<string, number>>;
  const months = distribution.month ?? {};
  const interval = params.interval === 'auto' ? (Object.keys(months).length <= 12 ? 'week' : 'month') : params.interval;
  const totalHits: number = panel.totalHits ?? 0;
  const dated = Object.values(months).reduce((n, c) => n + c, 0);
  const entities = Object.fromEntries(
    ENTITY_FACETS.map((facet) => [
      facet,
      Object.entries(distribution[facet] ?? {})
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, params.limit)
        .map(([value, count]) => ({ value, count, selected: params[facet].includes(value) })),
    ]),
  ) as Insights['entities'];
  return { query: params.q, totalHits, interval, timeline: fillTimeline(distribution[interval] ?? {}, interval), undated: Math.max(0, totalHits - dated), entities };
}
