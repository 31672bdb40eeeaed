/**
 * The search page. The URL is the single source of truth: every action builds the next state,
 * pushes it to the history and renders it; back, forward and reload render the state in the URL.
 * Rendering asks the API for what the state needs (a search, an article, the popular entities),
 * each request aborting the one it replaces, and shows one of: first visit, loading, results,
 * no results, the article, or "unavailable" with an automatic retry.
 */
import './styles.css';
import { api, FACET_OF_TYPE, isAbort, ServiceUnavailableError, type Facet, type SearchResult, type Suggestion } from './api.js';
import { debounce, entityOfClick, h, markedHtml, plural } from './dom.js';
import { FacetSidebar } from './facets.js';
import { showFeed } from './feed-link.js';
import { optional, panelApi, renderPanel, renderRelated } from './panel.js';
import { renderArticle, renderChips, renderError, renderFirstVisit, renderNoResults, renderResults, renderUnavailable, summaryText } from './results.js';
import { filterCount, parseState, sameSearch, toQueryString, wantsResults, withFilter, withoutFilter, type PageState } from './state.js';
import { Typeahead, type OptionGroup } from './typeahead.js';

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from index.html`);
  return element as T;
}

const ui = {
  form: byId<HTMLFormElement>('search-form'),
  q: byId<HTMLInputElement>('q'),
  suggestions: byId('suggestions'),
  suggestStatus: byId('suggest-status'),
  main: byId('main'),
  summary: byId('summary'),
  toolbar: byId('toolbar'),
  sort: byId<HTMLSelectElement>('sort'),
  from: byId<HTMLInputElement>('from'),
  to: byId<HTMLInputElement>('to'),
  chips: byId('chips'),
  content: byId('content'),
  panel: byId('panel'),
  facets: byId('facets'),
  facetGroups: byId('facet-groups'),
  filtersToggle: byId<HTMLButtonElement>('filters-toggle'),
  facetsClose: byId<HTMLButtonElement>('facets-close'),
};

/** Recent search results by query string, so back and forward render at once. */
const cache = new Map<string, SearchResult>();
const CACHE_SIZE = 20;

let state = parseState(location.search);
let request: AbortController | undefined;
let retry: { timer: ReturnType<typeof setTimeout>; seconds: number } | undefined;

function navigate(next: PageState): void {
  const url = `${location.pathname}${toQueryString(next)}`;
  // Remember where an article was opened from, so "back to results" can be the browser's back.
  const entry: HistoryEntry = { openedFrom: next.article && !state.article ? toQueryString(state) : null };
  if (url !== `${location.pathname}${location.search}`) history.pushState(entry, '', url);
  const openedArticle = next.article !== null && next.article !== state.article;
  const closedArticle = next.article === null && state.article !== null;
  void render(next, { focus: openedArticle ? 'article' : closedArticle ? 'results' : null });
}

interface HistoryEntry {
  openedFrom: string | null;
}

function setFilter(facet: Facet, value: string, selected: boolean): void {
  navigate(selected ? withFilter(state, facet, value) : withoutFilter(state, facet, value));
}

// --- rendering ---------------------------------------------------------------------------------

async function render(next: PageState, options: { focus?: 'article' | 'results' | null; force?: boolean } = {}): Promise<void> {
  state = next;
  clearTimeout(retry?.timer);
  request?.abort();
  const controller = new AbortController();
  request = controller;
  // For scripts and tests: "loading" until this render shows its outcome ("ready", "unavailable", "error").
  ui.main.dataset.status = 'loading';
  syncControls();

  const loading = setTimeout(() => {
    ui.main.setAttribute('aria-busy', 'true');
    ui.main.classList.add('loading');
    if (!state.article) ui.summary.textContent = 'Searching…';
  }, 120);
  try {
    const show = await load(state, controller.signal, options);
    clearTimeout(loading);
    show();
    ui.main.dataset.status = 'ready';
  } catch (error) {
    if (isAbort(error)) return;
    showProblem(error);
  } finally {
    clearTimeout(loading);
    if (request === controller) {
      ui.main.removeAttribute('aria-busy');
      ui.main.classList.remove('loading');
    }
  }
}

/**
 * Fetches what a state needs; returns the function that shows it. Nothing on screen changes until
 * everything has arrived, so a view is never half old, half new.
 */
async function load(s: PageState, signal: AbortSignal, options: { focus?: 'article' | 'results' | null; force?: boolean }): Promise<() => void> {
  const searching = wantsResults(s) ? search(s, signal, options.force) : Promise.resolve(null);
  if (s.article) {
    const [article, result, related] = await Promise.all([api.article(s.article, s.q, signal), searching, optional(panelApi.related(s.article, signal))]);
    return () => {
      showFacets(result);
      ui.toolbar.hidden = true;
      ui.summary.textContent = '';
      ui.panel.replaceChildren();
      ui.content.replaceChildren(renderArticle(article, s), ...[related && renderRelated(related.related, s)].filter((n): n is HTMLElement => Boolean(n)));
      document.title = `${article.title} — lede`;
      if (options.focus === 'article') {
        byId('article-title').focus();
        ui.content.querySelector('.paragraph.match')?.scrollIntoView({ block: 'center' });
      }
    };
  }
  if (wantsResults(s)) {
    const [result, insights] = await Promise.all([searching, optional(panelApi.insights(s, signal))]);
    const suggestions = result!.hits.length === 0 ? await nearest(s.q, signal) : [];
    return () => {
      const panel = insights && result!.hits.length > 0 ? renderPanel(insights, s, navigate) : null;
      ui.panel.replaceChildren(...(panel ? [panel] : []));
      showFacets(result);
      ui.toolbar.hidden = false;
      showFeed(s);
      ui.summary.textContent = summaryText(result!, s);
      document.title = s.q ? `${s.q} — lede` : 'lede — search the news';
      ui.content.replaceChildren(result!.hits.length > 0 ? renderResults(result!, s) : renderNoResults(s, suggestions));
      if (options.focus === 'results') ui.summary.focus();
    };
  }
  const { suggestions } = await api.suggest('', signal, 8);
  return () => {
    showFacets(null);
    ui.panel.replaceChildren();
    ui.toolbar.hidden = true;
    ui.summary.textContent = '';
    document.title = 'lede — search the news';
    ui.content.replaceChildren(renderFirstVisit(suggestions, s));
  };
}

async function search(s: PageState, signal: AbortSignal, force = false): Promise<SearchResult> {
  const key = toQueryString({ ...s, article: null });
  const cached = cache.get(key);
  if (cached && !force) return cached;
  const result = await api.search(s, signal);
  cache.delete(key);
  cache.set(key, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}

/** The query's nearest suggestions, for the no-results state (none is fine). */
async function nearest(q: string, signal: AbortSignal): Promise<Suggestion[]> {
  if (q.length < 2) return [];
  try {
    return (await api.suggest(q, signal, 6)).suggestions;
  } catch (error) {
    if (isAbort(error)) throw error;
    return [];
  }
}

function showProblem(error: unknown): void {
  ui.toolbar.hidden = true;
  ui.panel.replaceChildren();
  // The sidebar's counts belong to a result this state does not have.
  showFacets(null);
  if (error instanceof ServiceUnavailableError) {
    const seconds = error.retryAfterSeconds;
    ui.summary.textContent = '';
    ui.content.replaceChildren(renderUnavailable(seconds));
    ui.main.dataset.status = 'unavailable';
    // Try again after what the server asked; the results replace this notice once it answers.
    retry = { seconds, timer: setTimeout(() => void render(state, { force: true }), seconds * 1000) };
    return;
  }
  ui.content.replaceChildren(renderError(error instanceof Error ? error.message : String(error)));
  ui.main.dataset.status = 'error';
}

function showFacets(result: SearchResult | null): void {
  ui.facets.classList.toggle('is-empty', result === null);
  if (result) sidebar.update(result.facets, state);
  const n = filterCount(state) + (state.from ? 1 : 0) + (state.to ? 1 : 0);
  ui.filtersToggle.textContent = n > 0 ? `Filters (${n})` : 'Filters';
  ui.facetsClose.textContent = result && !state.article ? `Show ${plural(result.totalHits, 'result')}` : 'Close';
}

/** Puts the state into the form controls and the chips. */
function syncControls(): void {
  if (document.activeElement !== ui.q) ui.q.value = state.q;
  ui.sort.value = state.sort;
  ui.from.value = state.from;
  ui.to.value = state.to;
  ui.to.min = state.from;
  ui.from.max = state.to;
  const chips = renderChips(state);
  ui.chips.replaceChildren(...(chips ? [chips] : []));
}

// --- the search box and its typeahead ----------------------------------------------------------

const KIND_LABELS: Record<Suggestion['kind'], string> = { entity: 'Filter by', query: 'Search for', article: 'Articles' };

function suggestionOption(s: Suggestion): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(h('span', { class: 'suggestion-label' }, markedHtml(s.label)));
  if (s.kind === 'entity' && s.type) {
    fragment.append(h('span', { class: 'suggestion-meta', 'data-kind': s.type }, `${s.type}${s.count === undefined ? '' : ` · ${plural(s.count, 'article')}`}`));
  } else if (s.kind === 'query' && s.count !== undefined) {
    fragment.append(h('span', { class: 'suggestion-meta' }, plural(s.count, 'article')));
  }
  return fragment;
}

const typeahead = new Typeahead<Suggestion>({
  input: ui.q,
  list: ui.suggestions,
  status: ui.suggestStatus,
  load: async (q, signal) => {
    const { suggestions } = await api.suggest(q, signal);
    return (['entity', 'query', 'article'] as const).map(
      (kind): OptionGroup<Suggestion> => ({
        label: KIND_LABELS[kind],
        options: suggestions.filter((s) => s.kind === kind).map((s) => ({ item: s, content: suggestionOption(s) })),
      }),
    );
  },
  onCommit: (s) => {
    if (s.kind === 'entity' && s.type) {
      // The typed text found the entity; the chip now says it, so the box goes back to the query.
      ui.q.value = state.q;
      navigate(withFilter({ ...state, article: null }, FACET_OF_TYPE[s.type], s.value));
    } else if (s.kind === 'article' && s.articleId) {
      ui.q.value = state.q;
      navigate({ ...state, article: s.articleId });
    } else {
      ui.q.value = s.value;
      navigate({ ...state, q: s.value, page: 1, article: null });
    }
  },
});

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  typeahead.close();
  const q = ui.q.value.trim();
  // Submitting the same query again re-runs it (e.g. to see fresh results).
  const next: PageState = { ...state, q, page: 1, article: null };
  if (sameSearch(next, state) && !state.article) void render(next, { force: true });
  else navigate(next);
});

// --- sort, dates, filters panel -------------------------------------------------------------------

ui.sort.addEventListener('change', () => navigate({ ...state, sort: ui.sort.value as PageState['sort'], page: 1, article: null }));

const dateChanged = debounce(() => {
  const valid = (input: HTMLInputElement) => (input.validity.valid ? input.value : '');
  navigate({ ...state, from: valid(ui.from), to: valid(ui.to), page: 1, article: null });
}, 400);
ui.from.addEventListener('change', dateChanged);
ui.to.addEventListener('change', dateChanged);

const sidebar = new FacetSidebar(ui.facetGroups, { setFilter });

/** On a phone the sidebar is a panel over the page, opened by the "Filters" button. */
function setPanel(open: boolean): void {
  ui.facets.classList.toggle('is-open', open);
  ui.filtersToggle.setAttribute('aria-expanded', String(open));
  document.body.classList.toggle('panel-open', open);
  if (open) byId('facets-heading').focus();
  else ui.filtersToggle.focus();
}
ui.filtersToggle.addEventListener('click', () => setPanel(!ui.facets.classList.contains('is-open')));
ui.facetsClose.addEventListener('click', () => setPanel(false));
ui.facets.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && ui.facets.classList.contains('is-open') && !event.defaultPrevented) setPanel(false);
});

// --- links, entity mentions, "more matches", retry ----------------------------------------------

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || !(event.target instanceof Element)) return;
  const entity = entityOfClick(event);
  if (entity) {
    setFilter(FACET_OF_TYPE[entity.type], entity.value, true);
    return;
  }
  const toggle = event.target.closest<HTMLButtonElement>('button[data-toggle]');
  if (toggle) {
    const target = document.getElementById(toggle.dataset.toggle!);
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    if (target) target.hidden = !open;
    return;
  }
  if (event.target.closest('button[data-retry]')) {
    void render(state, { force: true });
    return;
  }
  const link = event.target.closest<HTMLAnchorElement>('a[data-nav]');
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  const next = parseState(new URL(link.href).search);
  // "Back to results" right after opening the article is the browser's back: no new entry, scroll restored.
  const entry = history.state as HistoryEntry | null;
  if (link.hasAttribute('data-back') && entry?.openedFrom === toQueryString(next)) {
    history.back();
    return;
  }
  navigate(next);
});

window.addEventListener('popstate', () => {
  const next = parseState(location.search);
  const focus = next.article && next.article !== state.article ? 'article' : !next.article && state.article ? 'results' : null;
  typeahead.close();
  void render(next, { focus });
});

void render(state);
