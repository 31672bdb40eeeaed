/**
 * The OpenAPI 3.1 description of every route, served at `/api/openapi.json`. Its schemas are JSON
 * Schema 2020-12, and the API tests validate real responses against them.
 */

import { featurePaths, featureSchemas } from './features-openapi.js';
import { MAX_FACET_VALUE_CHARS, MAX_SELECTED_VALUES, MAX_VALUES_PER_FACET } from './search/params.js';

const stringList = { type: 'array', items: { type: 'string' } } as const;
const entityLists = {
  type: 'object',
  required: ['people', 'organizations', 'places', 'countries'],
  properties: { people: stringList, organizations: stringList, places: stringList, countries: stringList },
  additionalProperties: false,
} as const;
const facetValues = {
  type: 'array',
  items: {
    type: 'object',
    required: ['value', 'count', 'selected'],
    properties: { value: { type: 'string' }, count: { type: 'integer', minimum: 0, description: 'What the same search returns with this value selected (alone in its facet): articles, or paragraphs in paragraph mode' }, selected: { type: 'boolean' } },
    additionalProperties: false,
  },
} as const;
const nullableString = { type: ['string', 'null'] } as const;
const entityType = { type: 'string', enum: ['person', 'organization', 'place', 'country'] } as const;

const repeated = (name: string, description: string) => ({
  name,
  in: 'query',
  description: `${description} Repeat for several values (OR within the facet; AND across facets). At most ${MAX_VALUES_PER_FACET}.`,
  style: 'form',
  explode: true,
  schema: { type: 'array', items: { type: 'string', maxLength: MAX_FACET_VALUE_CHARS }, maxItems: MAX_VALUES_PER_FACET },
});
const SELECTION = `In article mode a facet value selects the articles that mention it (in any paragraph); in paragraph mode, the paragraphs that do. At most ${MAX_SELECTED_VALUES} values of people, organizations, places and countries in all (a 400 names the parameter past it).`;

/** `/api/search`'s parameters; the feed and insights take the same (features-openapi.ts). */
const SEARCH_PARAMETERS = [
  { name: 'q', in: 'query', description: 'Words, "exact phrases", -excluded words. Typo-tolerant; the last word is a prefix.', schema: { type: 'string', maxLength: 500 } },
  repeated('people', `Filter by person. ${SELECTION}`),
  repeated('organizations', 'Filter by organization.'),
  repeated('places', 'Filter by place.'),
  repeated('countries', 'Filter by country.'),
  repeated('source', 'Filter by source.'),
  repeated('authors', 'Filter by author (a name of the byline).'),
  repeated('section', 'Filter by section.'),
  { name: 'from', in: 'query', description: 'Published on or after (ISO 8601 date or date-time).', schema: { type: 'string' } },
  { name: 'to', in: 'query', description: 'Published on or before (a bare date includes the whole day).', schema: { type: 'string' } },
  { name: 'sort', in: 'query', schema: { type: 'string', enum: ['relevance', 'newest', 'oldest'], default: 'relevance' } },
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
  { name: 'perPage', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 10 } },
  { name: 'group', in: 'query', schema: { type: 'string', enum: ['article', 'paragraph'], default: 'article' } },
  { name: 'cluster', in: 'query', description: 'Article mode: one hit per story (near-duplicate versions folded into `versions`); false shows every version.', schema: { type: 'string', enum: ['true', 'false'], default: 'true' } },
];

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'lede search API',
    version: '0.1.0',
    description: 'Full-text search over news articles indexed as paragraphs, with entity facets, safe highlighting and typeahead.',
  },
  paths: {
    '/api/search': {
      get: {
        summary: 'Search paragraphs, grouped by article by default',
        parameters: SEARCH_PARAMETERS,
        responses: {
          '200': { description: 'Results', content: { 'application/json': { schema: { $ref: '#/components/schemas/SearchResult' } } } },
          '400': errorResponse('A parameter is invalid; `error.param` names it.'),
          '429': errorResponse('Rate limit exceeded.'),
          '503': errorResponse('Meilisearch is unreachable; retry after the `Retry-After` seconds.'),
        },
      },
    },
    ...featurePaths(SEARCH_PARAMETERS),
    '/api/suggest': {
      get: {
        summary: 'Typeahead: entities, query completions and article titles for a typed prefix',
        parameters: [
          { name: 'q', in: 'query', schema: { type: 'string', maxLength: 100 } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10, default: 8 } },
        ],
        responses: {
          '200': {
            description: 'Suggestions. Answers are cached for `LEDE_SUGGEST_CACHE_MS` (30 s by default), case-insensitively.',
            headers: { 'X-Lede-Cache': { description: 'Whether the answer came from the typeahead cache.', schema: { type: 'string', enum: ['hit', 'miss'] } } },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Suggestions' } } },
          },
          '400': errorResponse('A parameter is invalid.'),
          '503': errorResponse('Meilisearch is unreachable.'),
        },
      },
    },
    '/api/entities': {
      get: {
        summary: "Search one facet's values (prefix on any word or alias), with article counts",
        parameters: [
          { name: 'type', in: 'query', required: true, schema: entityType },
          { name: 'q', in: 'query', schema: { type: 'string', maxLength: 100 } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
        ],
        responses: {
          '200': { description: 'Values', content: { 'application/json': { schema: { $ref: '#/components/schemas/EntityValues' } } } },
          '400': errorResponse('A parameter is invalid.'),
          '503': errorResponse('Meilisearch is unreachable.'),
        },
      },
    },
    '/api/articles/{id}': {
      get: {
        summary: 'One article with its paragraphs and entities; paragraphs matching `q` are flagged and marked',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,511}$' } },
          { name: 'q', in: 'query', schema: { type: 'string', maxLength: 500 } },
        ],
        responses: {
          '200': { description: 'The article', content: { 'application/json': { schema: { $ref: '#/components/schemas/Article' } } } },
          '400': errorResponse('The id is not a valid article id.'),
          '404': errorResponse('No such article.'),
          '503': errorResponse('Meilisearch is unreachable.'),
        },
      },
    },
    '/api/admin/articles': {
      post: {
        summary: 'Push articles (push API; only when LEDE_ADMIN_TOKEN is set, else 404). Waits for the Meilisearch tasks; more than 100 articles are answered 202 with a job',
        security: [{ adminToken: [] }],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/PushArticle' }, { type: 'array', items: { $ref: '#/components/schemas/PushArticle' } }] } },
            'application/x-ndjson': { schema: { type: 'string', description: 'One article (JSON object) per line' } },
          },
        },
        responses: {
          '200': { description: 'What happened to each article; rejected ones with the field and reason, the others went in', content: { 'application/json': { schema: { $ref: '#/components/schemas/PushResult' } } } },
          '202': { description: 'A large batch, being indexed: poll the job (also in Location)', content: { 'application/json': { schema: { type: 'object', required: ['job'], properties: { job: { $ref: '#/components/schemas/Job' } } } } } },
          '400': { description: 'Every article was rejected (PushResult), or the body is not JSON/NDJSON (Error)', content: { 'application/json': { schema: {} } } },
          '401': errorResponse('No bearer token, or the wrong one.'),
          '404': errorResponse('The push API is off (LEDE_ADMIN_TOKEN unset).'),
          '503': errorResponse('Meilisearch is unreachable.'),
        },
      },
    },
    '/api/admin/articles/{id}': {
      put: {
        summary: 'Add or correct one article under this id (push API)',
        security: [{ adminToken: [] }],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,511}$' } }],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/PushArticle' } } } },
        responses: {
          '200': { description: 'Added, updated or unchanged', content: { 'application/json': { schema: { $ref: '#/components/schemas/PushResult' } } } },
          '400': { description: 'The article was rejected (PushResult with the field and reason), or the id is invalid', content: { 'application/json': { schema: {} } } },
          '401': errorResponse('No bearer token, or the wrong one.'),
          '404': errorResponse('The push API is off.'),
        },
      },
      delete: {
        summary: 'Take an article down: gone from search, typeahead and /api/articles/:id when the call returns (push API)',
        security: [{ adminToken: [] }],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,511}$' } }],
        responses: {
          '200': { description: 'Deleted', content: { 'application/json': { schema: { type: 'object', required: ['deleted'], properties: { deleted: { type: 'string' } } } } } },
          '400': errorResponse('The id is not a valid article id.'),
          '401': errorResponse('No bearer token, or the wrong one.'),
          '404': errorResponse('No such article, or the push API is off.'),
        },
      },
    },
    '/api/admin/jobs/{id}': {
      get: {
        summary: 'A large push batch: running, done (with its PushResult) or failed',
        security: [{ adminToken: [] }],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The job', content: { 'application/json': { schema: { type: 'object', required: ['job'], properties: { job: { $ref: '#/components/schemas/Job' } } } } } },
          '401': errorResponse('No bearer token, or the wrong one.'),
          '404': errorResponse('No such job (jobs are kept in memory, the last 1,000), or the push API is off.'),
        },
      },
    },
    '/health': {
      get: {
        summary: 'Service and Meilisearch status',
        responses: {
          '200': { description: 'Healthy', content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } } },
          '503': { description: 'Meilisearch is unreachable', content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } } },
        },
      },
    },
    '/api/openapi.json': {
      get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } } } },
    },
  },
  components: {
    securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'LEDE_ADMIN_TOKEN' } },
    schemas: {
      ...featureSchemas,
      PushArticle: {
        type: 'object',
        description: 'The fields of a JSON record for `lede index`; others are kept as metadata',
        properties: {
          id: { type: ['string', 'integer'], description: 'Required unless `url` is given (the id is then derived from it)' },
          title: { type: 'string' },
          body: { type: 'string', description: 'Paragraphs separated by blank lines' },
          paragraphs: { type: 'array', items: { type: 'string' } },
          publishedAt: { type: ['string', 'number', 'null'], description: 'ISO 8601, or Unix seconds/ms' },
          url: nullableString,
          source: nullableString,
          authors: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
          section: nullableString,
        },
      },
      PushResult: {
        type: 'object',
        required: ['received', 'added', 'updated', 'unchanged', 'rejected'],
        properties: {
          received: { type: 'integer' },
          added: { type: 'array', items: { type: 'string' } },
          updated: { type: 'array', items: { type: 'string' } },
          unchanged: { type: 'array', items: { type: 'string' } },
          rejected: {
            type: 'array',
            items: {
              type: 'object',
              required: ['index', 'reason'],
              properties: { index: { type: 'integer', description: 'Position in the request' }, id: { type: 'string' }, field: { type: 'string' }, reason: { type: 'string' } },
            },
          },
        },
      },
      Job: {
        type: 'object',
        required: ['id', 'status', 'received', 'createdAt'],
        properties: {
          id: { type: 'string' },
          status: { enum: ['running', 'done', 'failed'] },
          received: { type: 'integer' },
          result: { $ref: '#/components/schemas/PushResult' },
          error: { type: 'string' },
          createdAt: { type: 'string' },
        },
      },
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string' },
              message: { type: 'string' },
              param: { type: 'string' },
              suggestion: { type: 'string' },
              details: {},
            },
            additionalProperties: false,
          },
        },
      },
      Snippet: {
        type: 'object',
        required: ['id', 'position', 'snippet'],
        properties: { id: { type: 'string' }, position: { type: 'integer' }, snippet: { type: 'string', description: 'Escaped HTML with <mark> around matches' } },
        additionalProperties: false,
      },
      SearchHit: {
        type: 'object',
        required: ['id', 'articleId', 'title', 'position', 'snippet', 'text', 'publishedAt', 'source', 'url', 'authors', 'section', 'entities', 'matchCount', 'otherMatches'],
        properties: {
          id: { type: 'string' },
          articleId: { type: 'string' },
          title: { type: 'string', description: 'Plain text: escape it before display' },
          position: { type: 'integer', minimum: 0 },
          snippet: { type: 'string', description: 'About 30 words around the best match; escaped HTML, matches in <mark>, entity mentions in <mark class="entity" data-type data-value>' },
          text: { type: 'string', description: 'The whole paragraph, escaped and marked like the snippet' },
          publishedAt: nullableString,
          source: nullableString,
          url: nullableString,
          authors: { type: 'array', items: { type: 'string' }, description: "The byline's names" },
          section: nullableString,
          entities: entityLists,
          matchCount: { type: 'integer', minimum: 1 },
          otherMatches: { type: 'array', maxItems: 2, items: { $ref: '#/components/schemas/Snippet' } },
          cluster: { type: 'string', description: 'Article mode: the story cluster (near-duplicate versions share it)' },
          versions: { $ref: '#/components/schemas/Versions' },
        },
        additionalProperties: false,
      },
      SearchResult: {
        type: 'object',
        required: ['query', 'page', 'perPage', 'totalHits', 'totalPages', 'processingTimeMs', 'group', 'facetCountsExact', 'hits', 'facets'],
        properties: {
          query: { type: 'string' },
          page: { type: 'integer', minimum: 1 },
          perPage: { type: 'integer', minimum: 1, maximum: 100 },
          totalHits: { type: 'integer', minimum: 0, description: 'Articles in article mode, paragraphs in paragraph mode; exact' },
          totalPages: { type: 'integer', minimum: 0 },
          processingTimeMs: { type: 'number' },
          group: { type: 'string', enum: ['article', 'paragraph'] },
          facetCountsExact: { type: 'boolean', const: true, description: 'Always true: totals and facet counts are counted, never estimated' },
          hits: { type: 'array', items: { $ref: '#/components/schemas/SearchHit' } },
          facets: {
            type: 'object',
            required: ['people', 'organizations', 'places', 'countries'],
            properties: { people: facetValues, organizations: facetValues, places: facetValues, countries: facetValues },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
      Suggestions: {
        type: 'object',
        required: ['query', 'suggestions'],
        properties: {
          query: { type: 'string' },
          suggestions: {
            type: 'array',
            maxItems: 10,
            items: {
              type: 'object',
              required: ['kind', 'value', 'label'],
              properties: {
                kind: { type: 'string', enum: ['entity', 'query', 'article'] },
                value: { type: 'string' },
                label: { type: 'string', description: 'Escaped HTML with the typed part in <mark>' },
                type: entityType,
                count: { type: 'integer', minimum: 0 },
                articleId: { type: 'string' },
              },
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
      EntityValues: {
        type: 'object',
        required: ['type', 'query', 'values'],
        properties: {
          type: entityType,
          query: { type: 'string' },
          values: {
            type: 'array',
            items: {
              type: 'object',
              required: ['value', 'type', 'count', 'label', 'aliases'],
              properties: { value: { type: 'string' }, type: entityType, count: { type: 'integer' }, label: { type: 'string' }, aliases: stringList },
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
      Article: {
        type: 'object',
        required: ['id', 'title', 'publishedAt', 'source', 'url', 'authors', 'section', 'language', 'modified', 'entities', 'paragraphs'],
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          publishedAt: nullableString,
          source: nullableString,
          url: nullableString,
          authors: { type: 'array', items: { type: 'string' } },
          section: nullableString,
          language: { ...nullableString, description: 'BCP 47 tag, declared by the page or detected from its text' },
          modified: { ...nullableString, description: 'Last correction (ISO 8601), where the source says' },
          entities: entityLists,
          paragraphs: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'position', 'html', 'matches', 'entities'],
              properties: { id: { type: 'string' }, position: { type: 'integer' }, html: { type: 'string' }, matches: { type: 'boolean' }, entities: entityLists },
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
      Health: {
        type: 'object',
        required: ['status', 'service', 'meilisearch', 'documents'],
        properties: {
          status: { type: 'string', enum: ['ok', 'unavailable'] },
          service: { type: 'string' },
          meilisearch: { type: 'string', enum: ['available', 'unavailable'] },
          documents: { type: ['integer', 'null'] },
        },
        additionalProperties: false,
      },
    },
  },
} as const;
