/**
 * The facets, in one place that imports nothing: the index settings, the API and the web page's
 * bundle all read them from here (so the page carries no server code).
 */

/** Facet attributes users filter by; also the facet lists in the API. */
export const ENTITY_FACETS = ['people', 'organizations', 'places', 'countries'] as const;
export type EntityFacet = (typeof ENTITY_FACETS)[number];
/** Article fields users filter by and count (issue 15): the byline's names and the newsroom's section. */
export const ARTICLE_FIELD_FACETS = ['authors', 'section'] as const;
export type ArticleFieldFacet = (typeof ARTICLE_FIELD_FACETS)[number];
/**
 * The counted facets of a search, in the API's order: the entity facets, then the article fields.
 * Each is filterable on both searched indexes and counted the same way (disjunctive, exact).
 */
export const SEARCH_FACETS = [...ENTITY_FACETS, ...ARTICLE_FIELD_FACETS] as const;
export type SearchFacet = (typeof SEARCH_FACETS)[number];

export const ENTITY_KINDS = ['person', 'organization', 'place', 'country'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/**
 * What a value of the entity index is: an entity, or (issue 15) an author or a section. Typeahead
 * suggests all of them, typed; `/api/entities?type=` lists one kind.
 */
export const FACET_VALUE_KINDS = [...ENTITY_KINDS, 'author', 'section'] as const;
export type FacetValueKind = (typeof FACET_VALUE_KINDS)[number];

/** A facet → the kind of its values: `people` → `person`. */
export const KIND_OF_FACET: Record<SearchFacet, FacetValueKind> = {
  people: 'person',
  organizations: 'organization',
  places: 'place',
  countries: 'country',
  authors: 'author',
  section: 'section',
};

/** A value's kind → the facet (and search parameter) that filters by it: `person` → `people`. */
export const FACET_OF_KIND = Object.fromEntries(Object.entries(KIND_OF_FACET).map(([facet, kind]) => [kind, facet])) as Record<FacetValueKind, SearchFacet>;
