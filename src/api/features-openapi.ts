/**
 * OpenAPI paths and schemas of issue 17's routes (the feed, related coverage, insights), kept apart
 * so openapi.ts only spreads them in. The search parameters are copied from `/api/search`'s own.
 */

type Parameter = { name: string; in: string; [key: string]: unknown };

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const nullableString = { type: ['string', 'null'] } as const;

/** The paths, given `/api/search`'s parameters (so the three stay the same list). */
export function featurePaths(searchParameters: readonly Parameter[]) {
  const without = (names: string[]) => searchParameters.filter((p) => !names.includes(p.name));
  return {
    '/api/search.atom': {
      get: {
        summary: 'A search as an Atom 1.0 feed: the newest matching articles (sort is always newest first; 20 entries unless perPage says)',
        parameters: without(['sort', 'page']),
        responses: {
          '200': { description: 'Atom 1.0 (RFC 4287)', content: { 'application/atom+xml': { schema: { type: 'string' } } } },
          '400': errorResponse('A parameter is invalid; `error.param` names it.'),
          '503': errorResponse('Meilisearch is unreachable.'),
        },
      },
    },
    '/api/articles/{id}/related': {
      get: {
        summary: "Related coverage: the articles most like this one, from its distinctive terms and its entities (never a version of the same story: its cluster is left out)",
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,511}$' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 20, default: 5 } },
        ],
        responses: {
          '200': { description: 'Related articles, best first', content: { 'application/json': { schema: { $ref: '#/components/schemas/Related' } } } },
          '400': errorResponse('A parameter is invalid.'),
          '404': errorResponse('No such article.'),
          '503': errorResponse('Meilisearch is unreachable.'),
        },
      },
    },
    '/api/insights': {
      get: {
        summary: 'The entity panel of a search: the entities that appear most in the matching articles (counted per article) and a timeline of matching articles per week or month',
        parameters: [
          ...without(['sort', 'page', 'perPage', 'group', 'cluster']),
          { name: 'interval', in: 'query', description: 'Timeline buckets; `auto` picks weeks when the matching articles span under a year.', schema: { type: 'string', enum: ['auto', 'week', 'month'], default: 'auto' } },
          { name: 'limit', in: 'query', description: 'Entities per type.', schema: { type: 'integer', minimum: 1, maximum: 50, default: 10 } },
        ],
        responses: {
          '200': { description: 'Co-occurring entities and the timeline', content: { 'application/json': { schema: { $ref: '#/components/schemas/Insights' } } } },
          '400': errorResponse('A parameter is invalid; `error.param` names it.'),
          '503': errorResponse('Meilisearch is unreachable.'),
        },
      },
    },
  };
}

const entityCounts = {
  type: 'array',
  items: {
    type: 'object',
    required: ['value', 'count', 'selected'],
    properties: { value: { type: 'string' }, count: { type: 'integer', minimum: 0, description: 'Matching articles that mention it' }, selected: { type: 'boolean' } },
    additionalProperties: false,
  },
} as const;

export const featureSchemas = {
  Versions: {
    type: 'array',
    description: 'The other versions of the same story (its cluster), oldest first',
    items: {
      type: 'object',
      required: ['articleId', 'title', 'publishedAt', 'source', 'url'],
      properties: { articleId: { type: 'string' }, title: { type: 'string' }, publishedAt: nullableString, source: nullableString, url: nullableString },
      additionalProperties: false,
    },
  },
  Related: {
    type: 'object',
    required: ['id', 'related'],
    properties: {
      id: { type: 'string' },
      related: {
        type: 'array',
        items: {
          type: 'object',
          required: ['articleId', 'title', 'publishedAt', 'source', 'url', 'cluster'],
          properties: { articleId: { type: 'string' }, title: { type: 'string' }, publishedAt: nullableString, source: nullableString, url: nullableString, cluster: { type: 'string' } },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
  Insights: {
    type: 'object',
    required: ['query', 'totalHits', 'interval', 'timeline', 'entities', 'undated'],
    properties: {
      query: { type: 'string' },
      totalHits: { type: 'integer', minimum: 0, description: 'Matching articles' },
      interval: { type: 'string', enum: ['week', 'month'] },
      undated: { type: 'integer', minimum: 0, description: 'Matching articles without a date (not on the timeline)' },
      timeline: {
        type: 'array',
        items: {
          type: 'object',
          required: ['start', 'end', 'count'],
          properties: { start: { type: 'string', description: 'First day (ISO date)' }, end: { type: 'string', description: 'Last day (ISO date)' }, count: { type: 'integer', minimum: 0 } },
          additionalProperties: false,
        },
      },
      entities: {
        type: 'object',
        required: ['people', 'organizations', 'places', 'countries'],
        properties: { people: entityCounts, organizations: entityCounts, places: entityCounts, countries: entityCounts },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
} as const;
