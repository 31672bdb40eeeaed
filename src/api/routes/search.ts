/** Thin routes: validate (params.ts), call the service, send JSON. */
import { Router } from 'express';
import { invalidParameter } from '../../errors.js';
import { articleIdSchema, articleParamsSchema, entitiesParamsSchema, parseQuery, searchParamsSchema, suggestParamsSchema } from '../search/params.js';
import type { SearchService } from '../search/service.js';

export function searchRoutes(service: SearchService): Router {
  const router = Router();
  router.get('/search', async (req, res) => {
    res.json(await service.search(parseQuery(searchParamsSchema, req)));
  });
  router.get('/suggest', async (req, res) => {
    const { cached, ...body } = await service.suggest(parseQuery(suggestParamsSchema, req));
    res.set('X-Lede-Cache', cached ? 'hit' : 'miss');
    res.json(body);
  });
  router.get('/entities', async (req, res) => {
    res.json(await service.entities(parseQuery(entitiesParamsSchema, req)));
  });
  router.get('/articles/:id', async (req, res) => {
    const id = articleIdSchema.safeParse(req.params.id);
    if (!id.success) throw invalidParameter('id', `"id" ${id.error.issues[0]!.message}.`);
    res.json(await service.article(id.data, parseQuery(articleParamsSchema, req).q));
  });
  return router;
}
