/**
 * "N versions" under a result: the other filings of the same story (its cluster), with their
 * sources and dates, behind a disclosure button (the page's `data-toggle` handler opens it).
 */
import type { SearchHit } from './api.js';
import { dateElement, h, plural } from './dom.js';
import { toQueryString, type PageState } from './state.js';

export function renderVersions(hit: SearchHit, state: PageState): Node[] {
  const versions = hit.versions ?? [];
  if (versions.length === 0) return [];
  const id = `versions-${hit.id}`;
  const sources = [...new Set(versions.map((v) => v.source).filter((s): s is string => Boolean(s)))];
  return [
    h(
      'button',
      { type: 'button', class: 'versions-toggle', 'aria-expanded': 'false', 'aria-controls': id, 'data-toggle': id },
      `${plural(versions.length + 1, 'version')} of this story${sources.length ? ` (${sources.slice(0, 3).join(', ')}${sources.length > 3 ? ', …' : ''})` : ''}`,
    ),
    h(
      'ul',
      { id, class: 'versions', hidden: true },
      ...versions.map((v) => {
        const meta = [dateElement(v.publishedAt), v.source ? h('span', { class: 'source' }, v.source) : null].filter((n): n is HTMLElement => n !== null);
        return h(
          'li',
          { class: 'version' },
          h('a', { href: `/${toQueryString({ ...state, article: v.articleId })}`, 'data-nav': '' }, v.title),
          meta.length ? h('span', { class: 'hit-meta' }, ' — ', ...meta.flatMap((n, i) => (i === 0 ? [n] : [' · ', n]))) : null,
        );
      }),
    ),
  ];
}
