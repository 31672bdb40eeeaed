/**
 * The OpenAPI 3.1 description of every route, served at `/api/openapi.json`. Nothing in it is
 * written by hand but words: the parameters are generated (z.toJSONSchema) from the zod schemas
 * that validate the requests (search/params.ts), and the bodies from the zod schemas whose types
 * the service builds and the web page reads (search/responses.ts, schemas.ts, admin/schemas.ts).
 * The API tests validate real answers against the result (JSON Schema 2020-12).
 *
 * A new route registers with one entry in ROUTES (and its body schemas in COMPONENTS, if other
 * routes or clients refer to them by name):
 *   { method: 'get', path: '/api/x', summary: '…', query: xParamsSchema, responses: { 200: ok('X', xSchema) } }
 */
import { z } from 'zod';
import { deletedSchema, jobBodySchema, jobSchema, pushArticleSchema, pushResultSchema } from './admin/schemas.js';
import { insightsParamsSchema } from './insights/params.js';
import { relatedParamsSchema } from './related/params.js';
import { errorBodySchema, healthSchema } from './schemas.js';
import { articleParamsSchema, articlePathSchema, entitiesParamsSchema, feedParamsSchema, searchParamsSchema, suggestParamsSchema } from './search/params.js';
import {
  articleSchema,
  entityValuesSchema,
  facetValueSchema,
  insightsSchema,
  relatedSchema,
  searchHitSchema,
  searchResultSchema,
  snippetSchema,
  suggestionsSchema,
  versionSchema,
} from './search/responses.js';

/** Schemas referred to by name (`#/components/schemas/<name>`), wherever they appear. */
const COMPONENTS: Record<string, z.ZodType> = {
  Error: errorBodySchema,
  Health: healthSchema,
  FacetValue: facetValueSchema,
  Snippet: snippetSchema,
  SearchHit: searchHitSchema,
  Version: versionSchema,
  SearchResult: searchResultSchema,
  Suggestions: suggestionsSchema,
  EntityValues: entityValuesSchema,
  Article: articleSchema,
  Related: relatedSchema,
  Insights: insightsSchema,
  PushArticle: pushArticleSchema,
  PushResult: pushResultSchema,
  Job: jobSchema,
};

interface Answer {
  description: string;
  /** The body; `null`: any JSON (documented in words). */
  body?: z.ZodType | null;
  /** The body's media type, when not JSON. */
  mediaType?: string;
  headers?: Record<string, { description: string; schema: z.ZodType }>;
}

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI path template: `/api/articles/{id}`. */
  path: string;
  summary: string;
  /** Path parameters, one per `{name}`. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Request bodies by media type. */
  body?: Record<string, z.ZodType>;
  /** Behind the push API's bearer token. */
  admin?: boolean;
  responses: Record<number, Answer>;
}

const ok = (description: string, body: z.ZodType): Answer => ({ description, body });
const error = (description: string): Answer => ({ description, body: errorBodySchema });
const unavailable = error('Meilisearch is unreachable; retry after the `Retry-After` seconds.');
const badToken = error('No bearer token, or the wrong one.');

export const ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/search',
    summary: 'Search paragraphs, grouped by article by default',
    query: searchParamsSchema,
    responses: { 200: ok('Results', searchResultSchema), 400: error('A parameter is invalid; `error.param` names it.'), 429: error('Rate limit exceeded.'), 503: unavailable },
  },
  {
    method: 'get',
    path: '/api/suggest',
    summary: 'Typeahead: entities, query completions and article titles for a typed prefix',
    query: suggestParamsSchema,
    responses: {
      200: {
        description: 'Suggestions. Answers are cached for `LEDE_SUGGEST_CACHE_MS` (30 s by default), case-insensitively.',
        body: suggestionsSchema,
        headers: { 'X-Lede-Cache': { description: 'Whether the answer came from the typeahead cache.', schema: z.enum(['hit', 'miss']) } },
      },
      400: error('A parameter is invalid.'),
      503: unavailable,
    },
  },
  {
    method: 'get',
    path: '/api/entities',
    summary: "Search one facet's values (prefix on any word or alias), with article counts",
    query: entitiesParamsSchema,
    responses: { 200: ok('Values', entityValuesSchema), 400: error('A parameter is invalid.'), 503: unavailable },
  },
  {
    method: 'get',
    path: '/api/articles/{id}',
    summary: 'One article with its paragraphs and entities; paragraphs matching `q` are flagged and marked',
    params: articlePathSchema,
    query: articleParamsSchema,
    responses: { 200: ok('The article', articleSchema), 400: error('The id is not a valid article id.'), 404: error('No such article.'), 503: unavailable },
  },
  {
    method: 'get',
    path: '/api/search.atom',
    summary: 'A search as an Atom 1.0 feed: the newest matching articles (sort is always newest first; 20 entries unless perPage says)',
    query: feedParamsSchema,
    responses: {
      200: { description: 'Atom 1.0 (RFC 4287)', mediaType: 'application/atom+xml', body: z.string() },
      400: error('A parameter is invalid; `error.param` names it.'),
      503: unavailable,
    },
  },
  {
    method: 'get',
    path: '/api/articles/{id}/related',
    summary: 'Related coverage: the articles most like this one, from its distinctive terms and its entities (never a version of the same story: its cluster is left out)',
    params: articlePathSchema,
    query: relatedParamsSchema,
    responses: { 200: ok('Related articles, best first', relatedSchema), 400: error('A parameter is invalid.'), 404: error('No such article.'), 503: unavailable },
  },
  {
    method: 'get',
    path: '/api/insights',
    summary: 'The entity panel of a search: the entities that appear most in the matching articles (counted per article) and a timeline of matching articles per week or month',
    query: insightsParamsSchema,
    responses: { 200: ok('Co-occurring entities and the timeline', insightsSchema), 400: error('A parameter is invalid; `error.param` names it.'), 503: unavailable },
  },
  {
    method: 'post',
    path: '/api/admin/articles',
    summary: 'Push articles (push API; only when LEDE_ADMIN_TOKEN is set, else 404). Waits for the Meilisearch tasks; more than 100 articles are answered 202 with a job',
    admin: true,
    body: {
      'application/json': z.union([pushArticleSchema, z.array(pushArticleSchema)]),
      'application/x-ndjson': z.string().meta({ description: 'One article (JSON object) per line' }),
    },
    responses: {
      200: ok('What happened to each article; rejected ones with the field and reason, the others went in', pushResultSchema),
      202: ok('A large batch, being indexed: poll the job (also in Location)', jobBodySchema),
      400: { description: 'Every article was rejected (PushResult), or the body is not JSON/NDJSON (Error)', body: null },
      401: badToken,
      404: error('The push API is off (LEDE_ADMIN_TOKEN unset).'),
      503: unavailable,
    },
  },
  {
    method: 'put',
    path: '/api/admin/articles/{id}',
    summary: 'Add or correct one article under this id (push API)',
    admin: true,
    params: articlePathSchema,
    body: { 'application/json': pushArticleSchema },
    responses: {
      200: ok('Added, updated or unchanged', pushResultSchema),
      400: { description: 'The article was rejected (PushResult with the field and reason), or the id is invalid', body: null },
      401: badToken,
      404: error('The push API is off.'),
    },
  },
  {
    method: 'delete',
    path: '/api/admin/articles/{id}',
    summary: 'Take an article down: gone from search, typeahead and /api/articles/:id when the call returns (push API)',
    admin: true,
    params: articlePathSchema,
    responses: { 200: ok('Deleted', deletedSchema), 400: error('The id is not a valid article id.'), 401: badToken, 404: error('No such article, or the push API is off.') },
  },
  {
    method: 'get',
    path: '/api/admin/jobs/{id}',
    summary: 'A large push batch: running, done (with its PushResult) or failed',
    admin: true,
    params: z.object({ id: z.string() }),
    responses: { 200: ok('The job', jobBodySchema), 401: badToken, 404: error('No such job (jobs are kept in memory, the last 1,000), or the push API is off.') },
  },
  {
    method: 'get',
    path: '/health',
    summary: 'Service and Meilisearch status',
    responses: { 200: ok('Healthy', healthSchema), 503: ok('Meilisearch is unreachable', healthSchema) },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document',
    responses: { 200: ok('OpenAPI 3.1 document', z.looseObject({})) },
  },
];

const REF = '#/components/schemas/';
type JsonSchema = Record<string, unknown>;

/** `$schema` and `$id` belong to whole documents, not to schemas inside this one. */
function embedded({ $schema: _schema, $id: _id, ...rest }: JsonSchema): JsonSchema {
  return rest;
}

function generate(routes: readonly RouteDoc[], components: Record<string, z.ZodType>) {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(components)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `${REF}${id}`, io: 'output' });
  const named = new Map(Object.entries(components).map(([id, schema]) => [schema, id]));
  // A named schema by reference; any other inline (bodies as sent: output; parameters as received: input).
  const json = (schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema =>
    named.has(schema) ? { $ref: `${REF}${named.get(schema)}` } : embedded(z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema);

  const parameters = (object: z.ZodObject | undefined, where: 'query' | 'path') =>
    Object.entries(object?.shape ?? {}).map(([name, field]) => {
      const { description, ...schema } = json(field as z.ZodType, 'input');
      const required = where === 'path' || !(field as z.ZodType).safeParse(undefined).success;
      return {
        name,
        in: where,
        ...(required && { required }),
        ...(description !== undefined && { description }),
        ...(schema.type === 'array' && { style: 'form', explode: true }),
        schema,
      };
    });

  const operation = (route: RouteDoc) => ({
    summary: route.summary,
    ...(route.admin && { security: [{ adminToken: [] }] }),
    ...((route.params || route.query) && { parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')] }),
    ...(route.body && {
      requestBody: { required: true, content: Object.fromEntries(Object.entries(route.body).map(([type, schema]) => [type, { schema: json(schema) }])) },
    }),
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, answer]) => [
        status,
        {
          description: answer.description,
          ...(answer.headers && { headers: Object.fromEntries(Object.entries(answer.headers).map(([name, h]) => [name, { description: h.description, schema: json(h.schema) }])) }),
          ...(answer.body !== undefined && { content: { [answer.mediaType ?? 'application/json']: { schema: answer.body === null ? {} : json(answer.body) } } }),
        },
      ]),
    ),
  });

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method] = operation(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'lede search API',
      version: '0.1.0',
      description: 'Full-text search over news articles indexed as paragraphs, with entity facets, safe highlighting and typeahead.',
    },
    paths,
    components: {
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'LEDE_ADMIN_TOKEN' } },
      schemas: Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, embedded(schema as JsonSchema)])),
    },
  };
}

/** The document served at `/api/openapi.json`. */
export const openApiDocument = generate(ROUTES, COMPONENTS);
