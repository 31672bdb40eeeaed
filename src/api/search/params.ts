/**
 * Query-parameter schemas of the API: the edge where HTTP input is validated. A failure is a 400
 * naming the parameter and the reason.
 */
import type { Request } from 'express';
import { z } from 'zod';
import { invalidParameter } from '../../errors.js';
import { ENTITY_FACETS, FACET_VALUE_KINDS, SEARCH_FACETS, type EntityFacet } from '../../meili/contract.js';
import { FEED_DEFAULT_ENTRIES, MAX_FACET_VALUE_CHARS, MAX_PER_PAGE, MAX_QUERY_CHARS, MAX_RESULT_WINDOW, MAX_SELECTED_VALUES, MAX_SUGGESTIONS, MAX_VALUES_PER_FACET } from './limits.js';

export { MAX_FACET_VALUE_CHARS, MAX_PER_PAGE, MAX_QUERY_CHARS, MAX_RESULT_WINDOW, MAX_SELECTED_VALUES, MAX_SUGGESTIONS, MAX_VALUES_PER_FACET };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A string parameter: bounded, printable, valid UTF-8. */
export const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), 'must not contain control characters')
    .refine((s) => !s.includes('\uFFFD'), 'must be valid UTF-8');

/*
 * The parameter schemas below coerce HTTP strings *before* a typed schema (z.preprocess), never
 * after it (no trailing .transform): so z.toJSONSchema describes each parameter as it is typed
 * (an integer with its bounds, an array of strings, an enum with its default), and the OpenAPI
 * document (openapi.ts) is generated from these schemas rather than written beside them.
 *   page=3 → "3" → 3                  { type: integer, minimum: 1, maximum: 10000, default: 1 }
 *   people=A&people=B → ["A", "B"]    { type: array, items: { type: string, maxLength: 200 }, maxItems: 20 }
 */

/** One value or a repeated parameter (`people=A&people=B`) → an array, trimmed, without empty or repeated values. */
const list = (max: number, valueMax: number) =>
  z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(text(valueMax).trim())
      .max(max, `at most ${max} values`)
      .overwrite((values) => [...new Set(values.filter(Boolean))]),
  );

/** A parameter given once; a lone repeated value counts as given once. */
export const single = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (Array.isArray(v) && v.length === 1 ? v[0] : v), schema);

export const int = (min: number, max: number, fallback: number) =>
  z.preprocess(
    (v) => {
      const one = Array.isArray(v) && v.length === 1 ? v[0] : v;
      return typeof one === 'string' && /^-?\d{1,16}$/.test(one) ? Number(one) : one;
    },
    z
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(fallback),
  );

/** A free-text parameter, trimmed; absent means empty. */
const words = (max: number) => single(text(max).trim().default(''));

/**
 * ISO date or date-time, as Unix seconds. `to` as a bare date means the end of that day.
 *   from=2025-08-18 → 1755475200;  to=2025-08-18 → 1755561599
 */
const isoDate = (endOfDay: boolean) =>
  single(
    z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined || value === '') return undefined;
        const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
        if (!dateOnly && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value)) {
          ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 date (2025-08-18) or date-time' });
          return z.NEVER;
        }
        const ms = Date.parse(dateOnly ? `${value}T00:00:00Z` : /Z|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`);
        // Date.parse rolls impossible days over (2025-02-30 → 2025-03-02): the day must survive.
        const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
        const calendar = new Date(Date.UTC(year, month - 1, day));
        if (Number.isNaN(ms) || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
          ctx.addIssue({ code: 'custom', message: 'is not a valid date' });
          return z.NEVER;
        }
        return Math.floor(ms / 1000) + (dateOnly && endOfDay ? 86_399 : 0);
      }),
    // What is sent, for the OpenAPI document: the transform above is not expressible in JSON Schema.
  ).meta({ type: 'string' });

const SELECTION = `In article mode a facet value selects the articles that mention it (in any paragraph); in paragraph mode, the paragraphs that do. At most ${MAX_SELECTED_VALUES} values of ${SEARCH_FACETS.join(', ')} in all (a 400 names the parameter past it).`;
const repeated = (description: string) =>
  list(MAX_VALUES_PER_FACET, MAX_FACET_VALUE_CHARS).meta({ description: `${description} Repeat for several values (OR within the facet; AND across facets). At most ${MAX_VALUES_PER_FACET}.` });

const FACET_FILTERS: Record<EntityFacet, string> = {
  people: `Filter by person. ${SELECTION}`,
  organizations: 'Filter by organization.',
  places: 'Filter by place.',
  countries: 'Filter by country.',
};
const facetParams = Object.fromEntries(ENTITY_FACETS.map((f) => [f, repeated(FACET_FILTERS[f])])) as Record<EntityFacet, ReturnType<typeof repeated>>;

/** The search's parameters without the checks across them: other routes extend it (insights, the feed). */
export const searchFieldsSchema = z
  .object({
    q: words(MAX_QUERY_CHARS).meta({ description: 'Words, "exact phrases", -excluded words. Typo-tolerant; the last word is a prefix.' }),
    ...facetParams,
    source: repeated('Filter by source.'),
    authors: repeated('Filter by author (a name of the byline); a counted facet, like the entity facets.'),
    section: repeated("Filter by the newsroom's section; a counted facet, like the entity facets."),
    from: isoDate(false).meta({ description: 'Published on or after (ISO 8601 date or date-time).' }),
    to: isoDate(true).meta({ description: 'Published on or before (a bare date includes the whole day).' }),
    sort: single(z.enum(['relevance', 'newest', 'oldest']).default('relevance')),
    page: int(1, MAX_RESULT_WINDOW, 1),
    perPage: int(1, MAX_PER_PAGE, 10),
    group: single(z.enum(['article', 'paragraph']).default('article')).meta({ description: 'article: one hit per article, counts in articles; paragraph: one hit per paragraph, counts in paragraphs.' }),
    /** One hit per story cluster (near-duplicates folded, issue 17); `cluster=false` shows every version. */
    cluster: single(z.enum(['true', 'false']).optional().transform((c) => c !== 'false')).meta({ description: 'true (default): one hit per story, its other versions listed; false: every version.' }),
  })
  .strict();

type SearchFields = z.output<typeof searchFieldsSchema>;

/** The checks across parameters: `from` ≤ `to`, the selected values in all, the result window. */
export function refineSearch(p: SearchFields, ctx: z.RefinementCtx): void {
  if (p.from !== undefined && p.to !== undefined && p.from > p.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after "to"' });
  let selected = 0;
  for (const facet of SEARCH_FACETS) {
    selected += p[facet].length;
    if (selected > MAX_SELECTED_VALUES) {
      ctx.addIssue({ code: 'custom', path: [facet], message: `takes the selected facet values past ${MAX_SELECTED_VALUES} in all (${SEARCH_FACETS.join(', ')}); select fewer` });
      break;
    }
  }
  if (p.page * p.perPage > MAX_RESULT_WINDOW) {
    ctx.addIssue({ code: 'custom', path: ['page'], message: `page × perPage must not exceed ${MAX_RESULT_WINDOW}; narrow the query instead` });
  }
}

export const searchParamsSchema = searchFieldsSchema.superRefine(refineSearch);

export type SearchParams = z.output<typeof searchParamsSchema>;

type SearchField = keyof typeof searchFieldsSchema.shape;

/** Search parameters a route accepts and ignores (it fixes them), described as such in the OpenAPI document. */
export function ignored<K extends SearchField>(names: readonly K[], why: string): Pick<typeof searchFieldsSchema.shape, K> {
  return Object.fromEntries(names.map((name) => [name, searchFieldsSchema.shape[name].meta({ description: `Accepted and ignored: ${why}` })])) as Pick<typeof searchFieldsSchema.shape, K>;
}

/** `/api/search.atom`: the search's parameters; always the newest articles first, 20 entries unless `perPage` says. */
export const feedParamsSchema = searchFieldsSchema
  .extend({ ...ignored(['sort', 'page', 'group'], 'a feed lists the newest articles, first page.'), perPage: int(1, MAX_PER_PAGE, FEED_DEFAULT_ENTRIES).meta({ description: 'Entries.' }) })
  .superRefine(refineSearch);

export const suggestParamsSchema = z
  .object({
    q: words(100),
    limit: int(1, MAX_SUGGESTIONS, 8),
  })
  .strict();
export type SuggestParams = z.output<typeof suggestParamsSchema>;

export const entitiesParamsSchema = z
  .object({
    type: single(z.enum(FACET_VALUE_KINDS)).meta({ description: 'person, organization, place, country; or author, section (the article fields counted as facets)' }),
    q: words(100),
    limit: int(1, 100, 20),
  })
  .strict();
export type EntitiesParams = z.output<typeof entitiesParamsSchema>;

export const articleIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,511}$/, 'must be an article id (letters, digits, - and _)');

/** `/api/articles/:id`'s path and query parameters. */
export const articlePathSchema = z.object({ id: articleIdSchema });
export const articleParamsSchema = z.object({ q: words(MAX_QUERY_CHARS).meta({ description: 'Words whose matching paragraphs are flagged and marked.' }) }).strict();
export type ArticleParams = z.output<typeof articleParamsSchema>;

/** Parses `req.query` with `schema`, or throws a 400 naming the first bad parameter. */
export function parseQuery<S extends z.ZodTypeAny>(schema: S, req: Request): z.output<S> {
  const result = schema.safeParse(req.query);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys: string[] }).keys;
    throw invalidParameter(keys[0]!, `Unknown parameter${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}.`, 'See /api/openapi.json for the parameters of each route.');
  }
  const param = String(issue.path[0] ?? 'query');
  throw invalidParameter(param, `"${param}" ${issue.message}.`);
}
