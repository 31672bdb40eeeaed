/**
 * Views of the main column: the result list (one item per article), pagination, the filter chips,
 * the reader view of one article, and the states a reader meets — first visit, no results, service
 * unavailable. Views only build DOM: navigation is plain links marked `data-nav` (the page
 * intercepts them, so they also work opened in a new tab), entity mentions are `button.entity`.
 */
import { ENTITY_FACETS, FACETS, FACET_OF_TYPE, type Article, type Facet, type SearchHit, type SearchResult, type Suggestion } from './api.js';
import { dateElement, h, markedHtml, plural } from './dom.js';
import { emptyFilters, filterCount, toQueryString, withFilter, withoutFilter, type PageState } from './state.js';
import { renderVersions } from './versions.js';

export const FACET_LABELS: Record<Facet, { title: string; one: string }> = {
  people: { title: 'People', one: 'person' },
  organizations: { title: 'Organizations', one: 'organization' },
  places: { title: 'Places', one: 'place' },
  countries: { title: 'Countries', one: 'country' },
  authors: { title: 'Authors', one: 'author' },
  section: { title: 'Section', one: 'section' },
};

/** An internal link: the page handles the click with pushState. */
export /** The section and the byline's names, where the article has them (text nodes only: never HTML). */
function bylineElements(item: { authors?: string[]; section?: string | null }): Array<HTMLElement | null> {
  return [
    item.section ? h('span', { class: 'section' }, item.section) : null,
    item.authors?.length ? h('span', { class: 'authors' }, `By ${item.authors.join(', ')}`) : null,
  ];
}

function navLink(state: PageState, content: Node | string, attributes: Record<string, string> = {}): HTMLAnchorElement {
  return h('a', { href: `/${toQueryString(state)}`, 'data-nav': '', ...attributes }, content);
}

export function renderResults(result: SearchResult, state: PageState): Node {
  const first = (result.page - 1) * result.perPage + 1;
  return h(
    'div',
    { class: 'results' },
    h('ol', { class: 'hits', start: first }, ...result.hits.map((hit) => renderHit(hit, state))),
    renderPagination(result, state),
  );
}

function renderHit(hit: SearchHit, state: PageState): HTMLLIElement {
  const more = hit.matchCount - 1;
  const moreId = `more-${hit.id}`;
  const articleState: PageState = { ...state, article: hit.articleId };
  const meta = [dateElement(hit.publishedAt), hit.source ? h('span', { class: 'source' }, hit.source) : null, ...bylineElements(hit)].filter((n): n is HTMLElement => n !== null);
  return h(
    'li',
    { class: 'hit' },
    // The title is plain text from the data: textContent, never markup.
    h('h3', { class: 'hit-title' }, navLink(articleState, hit.title)),
    meta.length > 0 ? h('p', { class: 'hit-meta' }, ...meta.flatMap((n, i) => (i === 0 ? [n] : [' · ', n]))) : null,
    h('p', { class: 'snippet' }, markedHtml(hit.snippet, { entityButtons: true })),
    ...renderVersions(hit, state),
    more > 0
      ? h(
          'button',
          { type: 'button', class: 'more-matches', 'aria-expanded': 'false', 'aria-controls': moreId, 'data-toggle': moreId },
          `${plural(more, 'more match', 'more matches')} in this article`,
        )
      : null,
    more > 0
      ? h(
          'ul',
          { id: moreId, class: 'other-matches', hidden: true },
          ...hit.otherMatches.map((m) => h('li', { class: 'snippet' }, markedHtml(m.snippet, { entityButtons: true }))),
          more > hit.otherMatches.length ? h('li', { class: 'all-matches' }, navLink(articleState, `Read the article: all ${hit.matchCount} matching paragraphs`)) : null,
        )
      : null,
  );
}

/** Previous, the first page, a window around the current one, the last page, Next. */
export function pageNumbers(page: number, totalPages: number): Array<number | null> {
  const pages = new Set([1, totalPages, page - 1, page, page + 1].filter((p) => p >= 1 && p <= totalPages));
  const sorted = [...pages].sort((a, b) => a - b);
  const out: Array<number | null> = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p - sorted[i - 1]! > 1) out.push(null);
    out.push(p);
  });
  return out;
}

function renderPagination(result: SearchResult, state: PageState): Node | null {
  if (result.totalPages <= 1) return null;
  const at = (page: number) => ({ ...state, page, article: null });
  const items = pageNumbers(result.page, result.totalPages).map((p) =>
    h(
      'li',
      {},
      p === null
        ? h('span', { class: 'gap' }, '…')
        : p === result.page
          ? h('a', { href: `/${toQueryString(at(p))}`, 'aria-current': 'page', 'data-nav': '', 'aria-label': `Page ${p}` }, String(p))
          : navLink(at(p), String(p), { 'aria-label': `Page ${p}` }),
    ),
  );
  return h(
    'nav',
    { class: 'pagination', 'aria-label': 'Pages of results' },
    h(
      'ul',
      {},
      result.page > 1 ? h('li', { class: 'prev' }, navLink(at(result.page - 1), 'Previous', { rel: 'prev' })) : null,
      ...items,
      result.page < result.totalPages ? h('li', { class: 'next' }, navLink(at(result.page + 1), 'Next', { rel: 'next' })) : null,
    ),
  );
}

/** "12 articles for “nato”", for the status line (the API's totals are exact). */
export function summaryText(result: SearchResult, state: PageState): string {
  const what = state.q ? ` for “${state.q}”` : '';
  const filters = filterCount(state) > 0 || state.from || state.to ? ' with these filters' : '';
  if (result.totalHits === 0) return `No articles${what}${filters}.`;
  const page = result.totalPages > 1 ? ` — page ${result.page} of ${result.totalPages}` : '';
  return `${plural(result.totalHits, 'article')}${what}${filters}${page}.`;
}

/** The selected filters as removable chips, and "clear all". */
export function renderChips(state: PageState): Node | null {
  const chips: HTMLElement[] = [];
  for (const facet of FACETS) {
    for (const value of state.filters[facet]) {
      chips.push(
        h(
          'li',
          {},
          navLink(withoutFilter(state, facet, value), chipContent(FACET_LABELS[facet].one, value), { class: 'chip', 'data-facet': facet }),
        ),
      );
    }
  }
  for (const bound of ['from', 'to'] as const) {
    if (!state[bound]) continue;
    const label = bound === 'from' ? 'From' : 'Until';
    chips.push(
      h('li', {}, navLink({ ...state, [bound]: '', page: 1, article: null }, chipContent(label.toLowerCase(), state[bound]), { class: 'chip' })),
    );
  }
  if (chips.length === 0) return null;
  const cleared: PageState = { ...state, filters: emptyFilters(), from: '', to: '', page: 1, article: null };
  return h(
    'div',
    { class: 'chips' },
    h('h2', { class: 'visually-hidden' }, 'Active filters'),
    h('ul', { class: 'chip-list' }, ...chips),
    navLink(cleared, 'Clear all', { class: 'clear-all' }),
  );
}

/** Its accessible name is "Remove filter: person Tony Blair": the visible text, with what clicking does. */
function chipContent(kind: string, value: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(h('span', { class: 'visually-hidden' }, 'Remove filter: '), h('span', { class: 'chip-kind' }, kind), ' ', h('span', { class: 'chip-value' }, value), h('span', { class: 'chip-remove', 'aria-hidden': 'true' }, '×'));
  return fragment;
}

/** One suggestion as a link that does what choosing it in the typeahead does. */
export function suggestionLink(s: Suggestion, state: PageState): HTMLAnchorElement | null {
  const base: PageState = { ...state, page: 1, article: null };
  if (s.kind === 'entity' && s.type) {
    const link = navLink(withFilter(base, FACET_OF_TYPE[s.type], s.value), markedHtml(s.label), { class: 'suggestion-link', 'data-kind': s.type });
    link.append(h('span', { class: 'suggestion-meta' }, ` ${s.type}${s.count === undefined ? '' : ` · ${plural(s.count, 'article')}`}`));
    return link;
  }
  if (s.kind === 'query') return navLink({ ...base, q: s.value }, markedHtml(s.label), { class: 'suggestion-link', 'data-kind': 'query' });
  if (s.kind === 'article' && s.articleId) return navLink({ ...state, article: s.articleId }, markedHtml(s.label), { class: 'suggestion-link', 'data-kind': 'article' });
  return null;
}

export function renderFirstVisit(popular: Suggestion[], state: PageState): Node {
  const links = popular.map((s) => suggestionLink(s, state)).filter((a): a is HTMLAnchorElement => a !== null);
  return h(
    'section',
    { class: 'intro', 'aria-labelledby': 'intro-heading' },
    h('h2', { id: 'intro-heading' }, 'Search the news'),
    h(
      'p',
      {},
      'Type words to find articles: ',
      example(state, 'security guarantees'),
      ', an exact phrase in quotes, ',
      example(state, '"prime minister"'),
      ', or leave a word out with a minus, ',
      example(state, 'election -labour'),
      '. As you type, people, organizations, places, countries, authors and sections are suggested: choose one to filter by it.',
    ),
    links.length > 0 ? h('h3', {}, 'Often in the news') : null,
    links.length > 0 ? h('ul', { class: 'popular' }, ...links.map((a) => h('li', {}, a))) : null,
  );
}

/** An example query, typeset as typed, that runs when clicked. */
function example(state: PageState, q: string): HTMLAnchorElement {
  return navLink({ ...state, q, page: 1, article: null }, h('kbd', {}, q), { class: 'example' });
}

export function renderNoResults(state: PageState, nearest: Suggestion[]): Node {
  const links = nearest.map((s) => suggestionLink(s, state)).filter((a): a is HTMLAnchorElement => a !== null);
  const hasFilters = filterCount(state) > 0 || state.from !== '' || state.to !== '';
  return h(
    'section',
    { class: 'no-results', 'aria-labelledby': 'no-results-heading' },
    h('h2', { id: 'no-results-heading' }, state.q ? `Nothing found for “${state.q}”` : 'Nothing found'),
    h(
      'ul',
      { class: 'tips' },
      hasFilters ? h('li', {}, 'Remove a filter above, or ', navLink({ ...state, filters: emptyFilters(), from: '', to: '', page: 1 }, 'clear them all'), '.') : null,
      state.q ? h('li', {}, 'Check the spelling, or use fewer or more general words.') : null,
    ),
    links.length > 0 ? h('h3', {}, 'Perhaps you meant') : null,
    links.length > 0 ? h('ul', { class: 'nearest' }, ...links.map((a) => h('li', {}, a))) : null,
  );
}

export function renderUnavailable(retryInSeconds: number): Node {
  return h(
    'section',
    { class: 'notice notice-error', role: 'alert', 'aria-labelledby': 'unavailable-heading' },
    h('h2', { id: 'unavailable-heading' }, 'Search is unavailable right now'),
    h('p', {}, `The search engine is not answering. This page tries again every ${plural(retryInSeconds, 'second')} and shows your results as soon as it is back — no need to reload.`),
    h('button', { type: 'button', class: 'retry', 'data-retry': '' }, 'Try again now'),
  );
}

export function renderError(message: string): Node {
  return h('section', { class: 'notice notice-error', role: 'alert' }, h('h2', {}, 'Something went wrong'), h('p', {}, message));
}

/** The reader view: the whole article, matching paragraphs marked, its entities as filters. */
export function renderArticle(article: Article, state: PageState): Node {
  const back: PageState = { ...state, article: null };
  const entityLinks = ENTITY_FACETS.flatMap((facet) =>
    article.entities[facet].map((value) => h('li', {}, navLink(withFilter(back, facet, value), value, { class: 'entity-link', 'data-facet': facet }))),
  );
  const meta = [dateElement(article.publishedAt), article.source ? h('span', { class: 'source' }, article.source) : null, ...bylineElements(article)].filter((n): n is HTMLElement => n !== null);
  const matching = article.paragraphs.filter((p) => p.matches).length;
  return h(
    'article',
    { class: 'reader', 'aria-labelledby': 'article-title' },
    navLink(back, '← Back to results', { class: 'back', 'data-back': '' }),
    h('h2', { id: 'article-title', tabindex: -1 }, article.title),
    h(
      'p',
      { class: 'hit-meta' },
      ...meta.flatMap((n, i) => (i === 0 ? [n] : [' · ', n])),
      state.q && matching > 0 ? `${meta.length > 0 ? ' · ' : ''}${plural(matching, 'paragraph')} matching “${state.q}”` : '',
    ),
    article.url ? h('p', { class: 'original' }, h('a', { href: article.url, rel: 'noopener noreferrer', target: '_blank' }, 'Original article (opens in a new tab)')) : null,
    entityLinks.length > 0 ? h('div', { class: 'article-entities' }, h('h3', {}, 'In this article'), h('ul', {}, ...entityLinks)) : null,
    h(
      'div',
      { class: 'article-body' },
      ...article.paragraphs.map((p) => h('p', { class: p.matches ? 'paragraph match' : 'paragraph', id: `p-${p.position}` }, markedHtml(p.html, { entityButtons: true }))),
    ),
  );
}
