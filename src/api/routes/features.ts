/** Routes of issue 17 beside the feed: related coverage and the entity panel's insights. */
import { Router } from 'express';
import { z } from 'zod';
import { invalidParameter } from '../../errors.js';
import { RELATED_DEFAULT, RELATED_MAX } from '../related/related.js';
import { insightsParamsSchema } from '../insights/params.js';
import { articleIdSchema, parseQuery } from '../search/params.js';
import type { SearchService } from '../search/service.js';

const relatedQuerySchema = z
  .object({
    limit: z.preprocess(
      (v) => (Array.isArray(v) && v.length === 1 ? v[0] : v),
      z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(1, 'must be at least 1').max(RELATED_MAX, `must be at most ${RELATED_MAX}`)).optional(),
    ),
  })
  .strict();

export function featureRoutes(service: SearchService): Router {
  const router = Router();
  router.get('/articles/:id/related', async (req, res) => {
    const id = articleIdSchema.safeParse(req.params.id);
    if (!id.success) throw invalidParameter('id', `"id" ${id.error.issues[0]!.message}.`);
    const { limit } = parseQuery(relatedQuerySchema, req);
    res.json(await service.related(id.data, limit ?? RELATED_DEFAULT));
  });
  router.get('/insights', async (req, res) => {
    res.json(await service.insights(parseQuery(insightsParamsSchema, req)));
  });
  return router;
}
