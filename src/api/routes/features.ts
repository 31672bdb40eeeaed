/** Routes of issue 17 beside the feed: related coverage and the entity panel's insights. */
import { Router } from 'express';
import { invalidParameter } from '../../errors.js';
import { insightsParamsSchema } from '../insights/params.js';
import { relatedParamsSchema } from '../related/params.js';
import { articleIdSchema, parseQuery } from '../search/params.js';
import type { SearchService } from '../search/service.js';

export function featureRoutes(service: SearchService): Router {
  const router = Router();
  router.get('/articles/:id/related', async (req, res) => {
    const id = articleIdSchema.safeParse(req.params.id);
    if (!id.success) throw invalidParameter('id', `"id" ${id.error.issues[0]!.message}.`);
    const { limit } = parseQuery(relatedParamsSchema, req);
    res.json(await service.related(id.data, limit));
  });
  router.get('/insights', async (req, res) => {
    res.json(await service.insights(parseQuery(insightsParamsSchema, req)));
  });
  return router;
}
