/**
 * Index settings as code: one typed constant per index, applied idempotently (only what differs is
 * sent) and read back from the server in the integration tests.
 */
import type { Meilisearch, Settings } from 'meilisearch';
import { meili, runTask } from './client.js';

import { ENTITY_FACETS, SEARCH_FACETS } from './facets.js';

export { ARTICLE_FIELD_FACETS, ENTITY_FACETS, SEARCH_FACETS, type ArticleFieldFacet, type EntityFacet, type SearchFacet } from './facets.js';

/**
 * Results a search can count and page through. `totalHits` stops at `maxTotalHits`, so it is set
 * above any corpus lede is meant for: totals are exact, not capped. Paging stays bounded by the
 * API (`MAX_RESULT_WINDOW` in api/search/params.ts).
 */
export const MAX_TOTAL_HITS = 10_000_000;

/** Typo tolerance of the two searched indexes: one typo from 5 letters, two from 9, none on numbers. */
export const TYPO_TOLERANCE = {
  enabled: true,
  minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
  // Numbers and tickers must match exactly: "1987" is not "1986".
  disableOnNumbers: true,
} as const;

/**
 * Facet values a search returns per facet, most frequent first, per searched index: more than the
 * API lists (20), so that selected values are usually among them and need no query of their own.
 * Counting costs the engine more the more values it returns: on the article index (whose
 * documents carry all their paragraphs' values) 200 made the six facet counts of a search ~2.5×
 * as costly as 60 (bench:search). 60 is what the insights panel reads there: 50 entities per
 * type, and a year of weekly buckets (at most 54).
 */
export const MAX_VALUES_PER_FACET = { paragraphs: 200, articles: 60 } as const;

/**
 * Paragraph index: passages (the paragraphs an article hit shows) and paragraph mode. Ranking, in words:
 * - searchable attributes in this order: the entity facets (a query naming an entity ranks
 *   paragraphs tagged with it above paragraphs that only contain the words), then the headline,
 *   then the paragraph text;
 * - ranking rules: Meilisearch's defaults, then `position:asc`, so lead paragraphs win ties.
 */
export const PARAGRAPH_SETTINGS = {
  searchableAttributes: ['people', 'organizations', 'places', 'countries', 'title', 'text'],
  displayedAttributes: ['*'],
  // `id` so the API can read back chosen paragraphs (`id IN [...]`) with match positions.
  filterableAttributes: [...SEARCH_FACETS, 'source', 'publishedAt', 'articleId', 'position', 'id'],
  sortableAttributes: ['publishedAt', 'position'],
  // `sort` right after `words`: with sort=newest every result has all the words, then dates decide.
  rankingRules: ['words', 'sort', 'typo', 'proximity', 'attribute', 'exactness', 'position:asc'],
  typoTolerance: TYPO_TOLERANCE,
  faceting: { maxValuesPerFacet: MAX_VALUES_PER_FACET.paragraphs, sortFacetValuesBy: { '*': 'count' } },
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
  proximityPrecision: 'byWord',
  searchCutoffMs: 1_500,
} as const satisfies Settings;

/**
 * Article index: one document per article, holding its paragraphs' text (`text`, one array item
 * per paragraph, so a phrase never spans two paragraphs) and the union of their entity facets.
 * Article-mode search runs on it, so totals, facet counts (articles that mention a value) and the
 * article ranking are Meilisearch's own and exact. It also serves `/api/articles/:id`, title
 * suggestions (`attributesToSearchOn: ['title']`) and change detection (`hash`, `textHash`;
 * `textHash` is filterable so that a push finds an article of the same text without reading all).
 *
 * Ranking: whole words before prefixes of longer ones (`exactness` before `attribute`: "gold" is
 * about gold before it is a headline's "Goldsmith"), then the headline (an article whose headline
 * has the words is about them), the entity facets, the text; date as the last tie-break.
 */
export const ARTICLE_SETTINGS = {
  searchableAttributes: ['title', ...ENTITY_FACETS, 'text'],
  displayedAttributes: ['*'],
  // `cluster`: one hit per story (`distinct`), its versions, related coverage outside it (issue 17).
  // `week`, `month`: the insights timeline's buckets, listed in date order (issue 17).
  filterableAttributes: [...SEARCH_FACETS, 'source', 'publishedAt', 'id', 'cluster', 'week', 'month', 'textHash'],
  sortableAttributes: ['publishedAt', 'paragraphCount'],
  rankingRules: ['words', 'sort', 'typo', 'proximity', 'exactness', 'attribute', 'publishedAt:desc'],
  typoTolerance: TYPO_TOLERANCE,
  faceting: { maxValuesPerFacet: MAX_VALUES_PER_FACET.articles, sortFacetValuesBy: { '*': 'count', week: 'alpha', month: 'alpha' } },
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
  // By word, although by attribute indexes articles in 40% of the time: by attribute, a phrase
  // matches any article with its words in one field ("hostile takeover": 39 articles, against 26
  // with a paragraph that has the phrase), and split words loosen too ("said" as "s aid").
  proximityPrecision: 'byWord',
  searchCutoffMs: 1_500,
} as const satisfies Settings;

/**
 * Entity index: one document per facet value (the four entity facets, and since issue 15 the
 * byline's authors and the sections, typed `author` and `section`). Meilisearch matches a prefix on
 * any word of `value` and `aliases` ("put" → Vladimir Putin, "nato" → NATO via its alias list,
 * "ruiz" → Ana Ruiz), which facet search cannot do (it matches a value's first word only).
 * More-mentioned values rank first.
 */
export const ENTITY_SETTINGS = {
  searchableAttributes: ['value', 'aliases'],
  displayedAttributes: ['*'],
  filterableAttributes: ['type'],
  sortableAttributes: ['count'],
  rankingRules: ['sort', 'words', 'typo', 'count:desc', 'proximity', 'attribute', 'exactness'],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  pagination: { maxTotalHits: 1_000 },
} as const satisfies Settings;

/** The paragraph settings with synonyms (from the alias table) added. */
export function paragraphSettings(synonyms: Record<string, string[]>): Settings {
  return { ...PARAGRAPH_SETTINGS, synonyms };
}

/** The article settings with the same synonyms: both searched indexes match the same words. */
export function articleSettings(synonyms: Record<string, string[]>): Settings {
  return { ...ARTICLE_SETTINGS, synonyms };
}

/** Stable comparison of settings values: key order and array order of set-like lists do not matter to us. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, normalise(v)]),
    );
  }
  return value;
}

const SET_LIKE = new Set(['filterableAttributes', 'sortableAttributes']);

function same(key: string, wanted: unknown, actual: unknown): boolean {
  if (SET_LIKE.has(key) && Array.isArray(wanted) && Array.isArray(actual)) {
    return JSON.stringify([...wanted].sort()) === JSON.stringify([...actual].sort());
  }
  if (key === 'synonyms' && wanted && actual) {
    const sortLists = (s: Record<string, string[]>) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, [...v].sort()]));
    return JSON.stringify(normalise(sortLists(wanted as Record<string, string[]>))) === JSON.stringify(normalise(sortLists(actual as Record<string, string[]>)));
  }
  // The server fills in defaults for nested fields we leave out; compare only what we set.
  if (wanted && actual && typeof wanted === 'object' && !Array.isArray(wanted)) {
    return Object.entries(wanted as Record<string, unknown>).every(([k, v]) => same(k, v, (actual as Record<string, unknown>)[k]));
  }
  return JSON.stringify(normalise(wanted)) === JSON.stringify(normalise(actual));
}

/** The settings that differ between what we want and what the server has. */
export function settingsDiff(wanted: Settings, actual: Settings): Settings {
  const diff: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wanted)) {
    if (!same(key, value, (actual as Record<string, unknown>)[key])) diff[key] = value;
  }
  return diff as Settings;
}

/**
 * Creates the index if needed and brings its settings to `wanted`, waiting for the tasks.
 * Returns the names of the settings it had to change (empty when already up to date).
 */
export async function applySettings(client: Meilisearch, indexUid: string, wanted: Settings): Promise<string[]> {
  await ensureIndex(client, indexUid);
  const actual = await meili(() => client.index(indexUid).getSettings());
  const diff = settingsDiff(wanted, actual);
  const changed = Object.keys(diff);
  if (changed.length > 0) await runTask(client, () => client.index(indexUid).updateSettings(diff));
  return changed;
}

export async function ensureIndex(client: Meilisearch, indexUid: string): Promise<void> {
  const exists = await indexExists(client, indexUid);
  if (!exists) await runTask(client, () => client.createIndex(indexUid, { primaryKey: 'id' }));
}

export async function indexExists(client: Meilisearch, indexUid: string): Promise<boolean> {
  try {
    await meili(() => client.getRawIndex(indexUid));
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'index_not_found') return false;
    throw error;
  }
}

/**
 * Phrase index: key phrases for query completions. A phrase that starts with what was typed ranks
 * first (`attribute` looks at word position), then phrases used by more (and more recent) articles.
 */
export const PHRASE_SETTINGS = {
  searchableAttributes: ['phrase'],
  displayedAttributes: ['*'],
  filterableAttributes: [],
  sortableAttributes: [],
  rankingRules: ['words', 'typo', 'attribute', 'score:desc', 'proximity', 'exactness'],
  typoTolerance: { enabled: true, minWordSizeForTypos: TYPO_TOLERANCE.minWordSizeForTypos },
  pagination: { maxTotalHits: 1_000 },
} as const satisfies Settings;
