/**
 * The search API's response bodies, written once: the response adapter builds these types, the
 * OpenAPI document is generated from these schemas (openapi.ts), the API tests validate real
 * answers against it, and the web page (src/web/api.ts) imports the same types.
 *
 * Kept free of server-only imports (Express, Node), so that the page's type check can read it.
 */
import { z } from 'zod';
import { ENTITY_FACETS, FACET_VALUE_KINDS, SEARCH_FACETS, type EntityFacet, type SearchFacet } from '../../meili/contract.js';
import { MAX_OTHER_MATCHES, MAX_PER_PAGE, MAX_SUGGESTIONS } from './limits.js';

const stringList = z.array(z.string());
const entityLists = z.strictObject(Object.fromEntries(ENTITY_FACETS.map((f) => [f, stringList])) as Record<EntityFacet, typeof stringList>);
const nullableString = z.string().nullable();
/** What a facet value is: an entity's kind, or `author` / `section` (the article fields counted as facets). */
const valueKind = z.enum(FACET_VALUE_KINDS);
/** Escaped HTML: `<mark>` around matches, `<mark class="entity" data-type data-value>` around entity mentions. */
const markedHtml = (description: string) => z.string().meta({ description });

export const facetValueSchema = z.strictObject({
  value: z.string(),
  count: z.int().min(0).meta({ description: 'What the same search returns with this value selected (alone in its facet): articles, or paragraphs in paragraph mode' }),
  selected: z.boolean(),
});

export const snippetSchema = z.strictObject({
  id: z.string(),
  position: z.int(),
  snippet: markedHtml('Escaped HTML with <mark> around matches'),
});

/** Another version of a hit's story (a near-duplicate folded into it, issue 17). */
export const versionSchema = z.strictObject({
  articleId: z.string(),
  title: z.string(),
  publishedAt: nullableString,
  source: nullableString,
  url: nullableString,
});

export const searchHitSchema = z.strictObject({
  id: z.string(),
  articleId: z.string(),
  title: z.string().meta({ description: 'Plain text: escape it before display' }),
  position: z.int().min(0),
  snippet: markedHtml('About 30 words around the best match; escaped HTML, matches in <mark>, entity mentions in <mark class="entity" data-type data-value>'),
  text: markedHtml('The whole paragraph, escaped and marked like the snippet'),
  publishedAt: nullableString,
  source: nullableString,
  url: nullableString,
  authors: stringList.meta({ description: "The byline's names" }),
  section: nullableString,
  entities: entityLists,
  matchCount: z.int().min(1),
  otherMatches: z.array(snippetSchema).max(MAX_OTHER_MATCHES),
  cluster: z.string().optional().meta({ description: 'The story cluster (article mode)' }),
  versions: z.array(versionSchema).optional().meta({ description: "When folded (cluster=true): the story's other versions" }),
});

export const searchResultSchema = z.strictObject({
  query: z.string(),
  page: z.int().min(1),
  perPage: z.int().min(1).max(MAX_PER_PAGE),
  totalHits: z.int().min(0).meta({ description: 'Articles in article mode, paragraphs in paragraph mode; exact' }),
  totalPages: z.int().min(0),
  processingTimeMs: z.number(),
  group: z.enum(['article', 'paragraph']),
  facetCountsExact: z.literal(true).meta({ description: 'Always true: totals and facet counts are counted, never estimated' }),
  hits: z.array(searchHitSchema),
  facets: z
    .strictObject(Object.fromEntries(SEARCH_FACETS.map((f) => [f, z.array(facetValueSchema)])) as Record<SearchFacet, z.ZodArray<typeof facetValueSchema>>)
    .meta({ description: 'Every counted facet: the entity facets, the authors and the section; counts exact and disjunctive' }),
});

export const suggestionSchema = z.strictObject({
  kind: z.enum(['entity', 'query', 'article']).meta({ description: 'entity: a facet value to filter by (an entity, an author or a section: `type` says which); query: a completion; article: a title' }),
  value: z.string(),
  label: markedHtml('Escaped HTML with the typed part in <mark>'),
  type: valueKind.optional(),
  count: z.int().min(0).optional(),
  articleId: z.string().optional(),
});

export const suggestionsSchema = z.strictObject({
  query: z.string(),
  suggestions: z.array(suggestionSchema).max(MAX_SUGGESTIONS),
});

export const entityValueSchema = z.strictObject({
  value: z.string(),
  type: valueKind,
  count: z.int(),
  label: markedHtml('Escaped HTML with the typed part in <mark>; a matching alias in brackets'),
  aliases: stringList,
});

export const entityValuesSchema = z.strictObject({
  type: valueKind,
  query: z.string(),
  values: z.array(entityValueSchema),
});

export const articleParagraphSchema = z.strictObject({
  id: z.string(),
  position: z.int(),
  html: markedHtml('The paragraph as escaped HTML, matches and entity mentions marked'),
  matches: z.boolean(),
  entities: entityLists,
});

export const articleSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  publishedAt: nullableString,
  source: nullableString,
  url: nullableString,
  authors: stringList,
  section: nullableString,
  language: nullableString.meta({ description: 'BCP 47 tag, declared by the page or detected from its text' }),
  modified: nullableString.meta({ description: 'Last correction (ISO 8601), where the source says' }),
  entities: entityLists,
  paragraphs: z.array(articleParagraphSchema),
});

/** A related article, as `GET /api/articles/:id/related` lists it. */
export const relatedArticleSchema = versionSchema.extend({ cluster: z.string().meta({ description: 'Its story cluster (never the asked article\'s own)' }) });

export const relatedSchema = z.strictObject({
  id: z.string(),
  related: z.array(relatedArticleSchema).meta({ description: 'The articles most like this one, best first' }),
});

export const timelineBucketSchema = z.strictObject({
  start: z.string().meta({ description: 'First day (ISO date)' }),
  end: z.string().meta({ description: 'Last day (ISO date)' }),
  count: z.int().min(0),
});

const panelEntitySchema = z.strictObject({
  value: z.string(),
  count: z.int().min(0).meta({ description: 'Matching articles that mention it' }),
  selected: z.boolean(),
});

/** The entity panel of a search (`GET /api/insights`). */
export const insightsSchema = z.strictObject({
  query: z.string(),
  totalHits: z.int().min(0).meta({ description: 'Matching articles' }),
  interval: z.enum(['week', 'month']),
  timeline: z.array(timelineBucketSchema),
  undated: z.int().min(0).meta({ description: 'Matching articles without a date (not on the timeline)' }),
  entities: z.strictObject(Object.fromEntries(ENTITY_FACETS.map((f) => [f, z.array(panelEntitySchema)])) as Record<EntityFacet, z.ZodArray<typeof panelEntitySchema>>),
});

export type FacetValue = z.output<typeof facetValueSchema>;
export type Snippet = z.output<typeof snippetSchema>;
export type SearchHit = z.output<typeof searchHitSchema>;
export type Version = z.output<typeof versionSchema>;
export type SearchResult = z.output<typeof searchResultSchema>;
export type Suggestion = z.output<typeof suggestionSchema>;
export type SuggestResult = z.output<typeof suggestionsSchema>;
export type EntityValue = z.output<typeof entityValueSchema>;
export type EntityValues = z.output<typeof entityValuesSchema>;
export type ArticleParagraph = z.output<typeof articleParagraphSchema>;
export type ArticleView = z.output<typeof articleSchema>;
export type RelatedArticle = z.output<typeof relatedArticleSchema>;
export type Related = z.output<typeof relatedSchema>;
export type Bucket = z.output<typeof timelineBucketSchema>;
export type Insights = z.output<typeof insightsSchema>;
/** The names the page uses. */
export type Article = ArticleView;
export type Suggestions = SuggestResult;
