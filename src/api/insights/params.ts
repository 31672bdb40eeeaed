/**
 * `/api/insights` takes the search's parameters (those that do not apply to a panel — sort, page,
 * perPage, group, cluster — are accepted and ignored) plus `interval` and `limit`.
 */
import { z } from 'zod';
import { ignored, int, refineSearch, searchFieldsSchema, single } from '../search/params.js';

export const INSIGHTS_LIMIT_DEFAULT = 10;
export const INSIGHTS_LIMIT_MAX = 50;

export const insightsParamsSchema = searchFieldsSchema
  .extend({
    ...ignored(['sort', 'page', 'perPage', 'group', 'cluster'], 'the panel counts every matching article.'),
    interval: single(z.enum(['auto', 'week', 'month']).default('auto')).meta({ description: 'Timeline buckets; `auto` picks weeks when the matching articles span under a year.' }),
    limit: int(1, INSIGHTS_LIMIT_MAX, INSIGHTS_LIMIT_DEFAULT).meta({ description: 'Entities per type.' }),
  })
  .superRefine(refineSearch);

export type InsightsParams = z.output<typeof insightsParamsSchema>;
