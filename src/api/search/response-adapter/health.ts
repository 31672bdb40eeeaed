/** The engine's part of `/health`: reachable, and how many paragraphs it holds. */
import { isLedeError } from '../../../errors.js';
import type { Answers } from '../request-adapter/queries.js';

export interface EngineHealth {
  meilisearch: 'available' | 'unavailable';
  documents: number | null;
}

/** planHealth's answers → available, with the paragraph count. */
export function toHealth(found: Answers): EngineHealth {
  return { meilisearch: 'available', documents: found.size?.estimatedTotalHits ?? null };
}

/** A failed health query: an engine without lede's indexes yet is up; anything else is not. */
export function healthOfFailure(error: unknown): EngineHealth {
  return { meilisearch: isLedeError(error) && error.code === 'index_not_found' ? 'available' : 'unavailable', documents: null };
}
