/**
 * How many articles of the whole index carry each entity value, kept in memory for estimating
 * facet counts of broad searches (see `estimateArticles` in response-adapter.ts).
 *
 * Read with the admin key, off the request path, by `readEntityTotals` (the numbers the entities
 * index is built from), at start-up and then every minute when the articles index has changed
 * since; a re-index is picked up without a restart. A failed read keeps the last copy. Memory: a
 * map entry per distinct value (about 60,000 values on the shared corpus).
 */
import type { Meilisearch } from 'meilisearch';
import { readEntityTotals, type EntityTotals } from '../../indexer/derived-indexes.js';
import type { Logger } from '../../log.js';
import { refreshPeriodically } from './periodic.js';

export { readEntityTotals, type EntityTotals };

export const ENTITY_TOTALS_REFRESH_MS = 60_000;

export async function keepEntityTotalsFresh(options: {
  apply: (totals: EntityTotals) => void;
  admin: Meilisearch;
  indexUid: string;
  log?: Logger;
  everyMs?: number;
}): Promise<{ stop(): void }> {
  let lastUpdate = '';
  const refresh = async () => {
    try {
      const { updatedAt } = await options.admin.index(options.indexUid).getRawInfo();
      if (updatedAt === lastUpdate) return;
      options.apply(await readEntityTotals(options.admin, options.indexUid));
      lastUpdate = updatedAt;
    } catch (error) {
      // No index yet, or the engine is away: keep what we have and try again later.
      options.log?.debug({ err: error }, 'could not read the entity totals');
    }
  };
  return refreshPeriodically(refresh, options.everyMs ?? ENTITY_TOTALS_REFRESH_MS);
}
