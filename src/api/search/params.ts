/**
 * Query-parameter schemas of the API: the edge where HTTP input is validated. A failure is a 400
 * naming the parameter and the reason.
 */
import type { Request } from 'express';
import { z } from 'zod';
import { invalidParameter } from '../../errors.js';
import { ENTITY_FACETS, type EntityFacet } from '../../meili/contract.js';

export const MAX_QUERY_CHARS = 500;
export const MAX_VALUES_PER_FACET = 20;
/**
 * Entity facet values selected in all (people, organizations, places, countries). Each selected
 * value the facet counts do not return costs a query of its own, so this bounds a search's work:
 * at most 1 + 4 + MAX_SELECTED_VALUES queries for the counts.
 */
export const MAX_SELECTED_VALUES = 20;
export const MAX_FACET_VALUE_CHARS = 200;
/**
 * Results a search can page through (page × perPage): deep pages cost the engine more the deeper
 * they are. Totals are counted past it (MAX_TOTAL_HITS in meili/settings.ts).
 */
export const MAX_RESULT_WINDOW = 10_000;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A string parameter: bounded, printable, valid UTF-8. */
export const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), 'must not contain control characters')
    .refine((s) => !s.includes('\uFFFD'), 'must be valid UTF-8');

/** One value or a repeated parameter (`people=A&people=B`) → an array. */
const list = (max: number, valueMax: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(
      z
        .array(text(valueMax).transform((s) => s.trim()))
        .max(max, `at most ${max} values`)
        .transform((values) => [...new Set(values.filter(Boolean))]),
    );

const single = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (Array.isArray(v) ? (v.length === 1 ? v[0] : v) : v), schema);

const int = (min: number, max: number, fallback: number) =>
  single(
    z
      .string()
      .regex(/^-?\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
      .optional()
      .transform((v) => v ?? fallback),
  );

/**
 * ISO date or date-time. `to` as a bare date means the end of that day.
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
  );

const facetParams = Object.fromEntries(ENTITY_FACETS.map((f) => [f, list(MAX_VALUES_PER_FACET, MAX_FACET_VALUE_CHARS)])) as Record<
  EntityFacet,
  ReturnType<typeof list>
>;

export const searchParamsSchema = z
  .object({
    q: single(text(MAX_QUERY_CHARS).optional().transform((s) => (s ?? '').trim())),
    ...facetParams,
    source: list(MAX_VALUES_PER_FACET, MAX_FACET_VALUE_CHARS),
    authors: list(MAX_VALUES_PER_FACET, MAX_FACET_VALUE_CHARS),
    section: list(MAX_VALUES_PER_FACET, MAX_FACET_VALUE_CHARS),
    from: isoDate(false),
    to: isoDate(true),
    sort: single(z.enum(['relevance', 'newest', 'oldest']).optional().transform((s) => s ?? 'relevance')),
    page: int(1, MAX_RESULT_WINDOW, 1),
    perPage: int(1, 100, 10),
    group: single(z.enum(['article', 'paragraph']).optional().transform((g) => g ?? 'article')),
    /** One hit per story cluster (near-duplicates folded, issue 17); `cluster=false` shows every version. */
    cluster: single(z.enum(['true', 'false']).optional().transform((c) => c !== 'false')),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.from !== undefined && p.to !== undefined && p.from > p.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after "to"' });
    let selected = 0;
    for (const facet of ENTITY_FACETS) {
      selected += p[facet].length;
      if (selected > MAX_SELECTED_VALUES) {
        ctx.addIssue({ code: 'custom', path: [facet], message: `takes the selected facet values past ${MAX_SELECTED_VALUES} in all (${ENTITY_FACETS.join(', ')}); select fewer` });
        break;
      }
    }
    if (p.page * p.perPage > MAX_RESULT_WINDOW) {
      ctx.addIssue({ code: 'custom', path: ['page'], message: `page × perPage must not exceed ${MAX_RESULT_WINDOW}; narrow the query instead` });
    }
  });

export type SearchParams = z.output<typeof searchParamsSchema>;

export const suggestParamsSchema = z
  .object({
    q: single(text(100).optional().transform((s) => (s ?? '').trim())),
    limit: int(1, 10, 8),
  })
  .strict();
export type SuggestParams = z.output<typeof suggestParamsSchema>;

export const entitiesParamsSchema = z
  .object({
    type: single(z.enum(['person', 'organization', 'place', 'country'])),
    q: single(text(100).optional().transform((s) => (s ?? '').trim())),
    limit: int(1, 100, 20),
  })
  .strict();
export type EntitiesParams = z.output<typeof entitiesParamsSchema>;

export const articleIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,511}$/, 'must be an article id (letters, digits, - and _)');

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
