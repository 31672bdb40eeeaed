/**
 * Keeps the search service's copy of the index synonyms current, so matches through them are
 * marked. They are read with the admin key (settings are not readable with a search key) at
 * start-up and then every minute, off the request path; a re-index that changes the alias table
 * is picked up without a restart. A failed read keeps the last copy.
 */
import type { Meilisearch } from 'meilisearch';
import type { Logger } from '../../log.js';
import { refreshPeriodically } from './periodic.js';
import type { SearchService } from './service.js';

export const SYNONYM_REFRESH_MS = 60_000;

export async function keepSynonymsFresh(options: {
  service: SearchService;
  admin: Meilisearch;
  indexUid: string;
  log?: Logger;
  everyMs?: number;
}): Promise<{ stop(): void }> {
  let last = '';
  const refresh = async () => {
    try {
      const synonyms = await options.admin.index(options.indexUid).getSynonyms();
      const text = JSON.stringify(synonyms);
      if (text !== last) {
        options.service.setSynonyms(synonyms);
        last = text;
      }
    } catch (error) {
      // No index yet, or the engine is away: keep what we have and try again later.
      options.log?.debug({ err: error }, 'could not read the index synonyms');
    }
  };
  return refreshPeriodically(refresh, options.everyMs ?? SYNONYM_REFRESH_MS);
}
