import type { RequestHandler } from 'express';
import type { SearchService } from '../search/service.js';

/** `GET /health`: 200 when Meilisearch answers, 503 with Retry-After otherwise. */
export function healthRoute(service: SearchService): RequestHandler {
  return async (_req, res) => {
    const { meilisearch, documents } = await service.health();
    const ok = meilisearch === 'available';
    if (!ok) res.setHeader('Retry-After', '5');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', service: 'lede', meilisearch, documents });
  };
}
