/**
 * The entity panel (issue 17) above the results: a timeline of matching articles per week or
 * month, and the entities that appear most with the search, drawn as small SVG bar charts.
 *   - each timeline bar is a link (keyboard-focusable, named "Week of 2 Mar 1987: 12 articles")
 *     that narrows the dates to its week or month;
 *   - each entity is a link that adds it as a filter, with its count and a bar beside it.
 * Also the related coverage list under an article. Data from /api/insights and
 * /api/articles/:id/related; views only build DOM (navigation goes through `navigate`).
 */
import { ENTITY_FACETS, getJson, isAbort, type EntityFacet, type SearchRequest } from './api.js';
import type { Bucket, Insights, Related, RelatedArticle } from '../api/search/responses.js';
import { h, plural } from './dom.js';
import { toQueryString, withFilter, type PageState } from './state.js';

// The API's own types (type-only: nothing of the server is bundled).
export type { Bucket, Insights, Related, RelatedArticle };

export const panelApi = {
  insights(request: SearchRequest, signal?: AbortSignal): Promise<Insights> {
    const { q, filters, from, to } = request;
    return getJson('/api/insights', { q, ...filters, from, to, limit: 5 }, signal);
  },
  related(id: string, signal?: AbortSignal): Promise<Related> {
    return getJson(`/api/articles/${encodeURIComponent(id)}/related`, { limit: 5 }, signal);
  },
};

const SVG = 'http://www.w3.org/2000/svg';
function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, ...children: Array<Node | string>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) element.append(child);
  return element;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export function bucketLabel(bucket: Bucket, interval: Insights['interval']): string {
  const start = new Date(`${bucket.start}T00:00:00Z`);
  return interval === 'week' ? `Week of ${dayFormat.format(start)}` : monthFormat.format(start);
}

const FACET_TITLES: Record<EntityFacet, string> = { people: 'People', organizations: 'Organizations', places: 'Places', countries: 'Countries' };

/** The panel; `navigate` is called with the state a bar click asks for. */
export function renderPanel(insights: Insights, state: PageState, navigate: (next: PageState) => void): HTMLElement | null {
  if (insights.totalHits === 0) return null;
  const sections: HTMLElement[] = [];
  if (insights.timeline.length > 0) sections.push(renderTimeline(insights, state, navigate));
  const entities = ENTITY_FACETS.filter((f) => insights.entities[f].some((e) => !e.selected));
  if (entities.length > 0) {
    sections.push(
      h(
        'div',
        { class: 'panel-entities' },
        h('h3', {}, 'Mentioned most with this search'),
        ...entities.map((f) => renderEntityChart(f, insights, state)),
      ),
    );
  }
  return h('section', { class: 'panel', 'aria-labelledby': 'panel-heading' }, h('h2', { id: 'panel-heading', class: 'visually-hidden' }, 'Coverage at a glance'), ...sections);
}

function renderTimeline(insights: Insights, state: PageState, navigate: (next: PageState) => void): HTMLElement {
  const buckets = insights.timeline;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const width = 600;
  const height = 80;
  const gap = buckets.length > 60 ? 0 : 1;
  const barWidth = width / buckets.length;
  const chart = svg('svg', { class: 'timeline-chart', viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', role: 'group', 'aria-label': `Matching articles per ${insights.interval}` });
  buckets.forEach((b, i) => {
    const barHeight = b.count === 0 ? 0 : Math.max(2, (b.count / max) * (height - 2));
    const next: PageState = { ...state, from: b.start, to: b.end, page: 1, article: null };
    const label = `${bucketLabel(b, insights.interval)}: ${plural(b.count, 'article')}`;
    const link = svg(
      'a',
      { href: `/${toQueryString(next)}`, class: 'bar', 'aria-label': label, 'data-start': b.start, 'data-end': b.end },
      svg('title', {}, label),
      // The whole column is the target; the bar is what shows.
      svg('rect', { x: i * barWidth, y: 0, width: barWidth, height, class: 'bar-hit' }),
      svg('rect', { x: i * barWidth + gap / 2, y: height - barHeight, width: Math.max(0.5, barWidth - gap), height: barHeight, class: 'bar-fill' }),
    );
    link.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(next);
    });
    chart.append(link);
  });
  const first = buckets[0]!;
  const last = buckets.at(-1)!;
  return h(
    'figure',
    { class: 'timeline' },
    h('figcaption', {}, `Articles per ${insights.interval}, ${bucketLabel(first, insights.interval).replace('Week of ', '')} – ${bucketLabel(last, insights.interval).replace('Week of ', '')}${insights.undated ? ` (${plural(insights.undated, 'article')} undated)` : ''}. Choose a bar to narrow the dates.`),
    chart,
  );
}

function renderEntityChart(facet: EntityFacet, insights: Insights, state: PageState): HTMLElement {
  const values = insights.entities[facet].filter((e) => !e.selected).slice(0, 5);
  const max = Math.max(1, ...values.map((e) => e.count));
  return h(
    'div',
    { class: 'entity-chart' },
    h('h4', {}, FACET_TITLES[facet]),
    h(
      'ul',
      {},
      ...values.map((e) =>
        h(
          'li',
          {},
          h(
            'a',
            { href: `/${toQueryString(withFilter(state, facet, e.value))}`, 'data-nav': '', class: 'entity-bar', 'data-facet': facet, 'data-value': e.value },
            h('span', { class: 'entity-name' }, e.value),
            h('span', { class: 'entity-count' }, ` ${e.count.toLocaleString('en-GB')}`, h('span', { class: 'visually-hidden' }, ` ${e.count === 1 ? 'article' : 'articles'}; add as a filter`)),
            svg('svg', { class: 'entity-meter', viewBox: '0 0 100 6', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' }, svg('rect', { x: 0, y: 0, width: (e.count / max) * 100, height: 6 })),
          ),
        ),
      ),
    ),
  );
}

/** "Related coverage" under an article: other stories on the subject. */
export function renderRelated(related: RelatedArticle[], state: PageState): HTMLElement | null {
  if (related.length === 0) return null;
  return h(
    'section',
    { class: 'related', 'aria-labelledby': 'related-heading' },
    h('h3', { id: 'related-heading' }, 'Related coverage'),
    h(
      'ul',
      {},
      ...related.map((r) => {
        const date = r.publishedAt ? dayFormat.format(new Date(r.publishedAt)) : null;
        const meta = [date, r.source].filter(Boolean).join(' · ');
        return h('li', {}, h('a', { href: `/${toQueryString({ ...state, article: r.articleId })}`, 'data-nav': '' }, r.title), meta ? h('span', { class: 'hit-meta' }, ` — ${meta}`) : null);
      }),
    ),
  );
}

/** A request whose failure leaves its part of the page out (the results still show). */
export async function optional<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (isAbort(error)) throw error;
    return null;
  }
}
