/**
 * `/api/insights` takes the search's parameters (those that do not apply to a panel — sort, page,
 * perPage, group, cluster — are accepted and ignored) plus `interval` and `limit`.
 */
import { z } from 'zod';
import { searchParamsSchema, type SearchParams } from '../search/params.js';

export const INSIGHTS_LIMIT_DEFAULT = 10;
export const INSIGHTS_LIMIT_MAX = 50;

const single = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (Array.isArray(v) ? (v.length === 1 ? v[0] : v) : v), schema);

const extra = z.object({
  interval: single(z.enum(['auto', 'week', 'month']).optional().transform((v) => v ?? 'auto')),
  limit: single(
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(1, 'must be at least 1').max(INSIGHTS_LIMIT_MAX, `must be at most ${INSIGHTS_LIMIT_MAX}`))
      .optional()
      .transform((v) => v ?? INSIGHTS_LIMIT_DEFAULT),
  ),
});

export type InsightsParams = SearchParams & z.output<typeof extra>;

/** The search schema, with `interval` and `limit` taken out first and validated on their own. */
export const insightsParamsSchema = z.unknown().transform((query, ctx): InsightsParams => {
  const { interval, limit, ...rest } = (query ?? {}) as Record<string, unknown>;
  const own = extra.safeParse({ interval, limit });
  if (!own.success) {
    for (const issue of own.error.issues) ctx.addIssue(issue as never);
    return z.NEVER;
  }
  const search = searchParamsSchema.safeParse(rest);
  if (!search.success) {
    for (const issue of search.error.issues) ctx.addIssue(issue as never);
    return z.NEVER;
  }
  return { ...search.data, ...own.data };
});
