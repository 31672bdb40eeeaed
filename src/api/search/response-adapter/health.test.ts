import { describe, expect, it } from 'vitest';
import { LedeError } from '../../../errors.js';
import { healthOfFailure, toHealth } from './health.js';

describe('health', () => {
  it('reads the paragraph count from the size query', () => {
    expect(toHealth({ size: { hits: [], estimatedTotalHits: 42, processingTimeMs: 0, query: '' } as never })).toEqual({ meilisearch: 'available', documents: 42 });
    expect(toHealth({})).toEqual({ meilisearch: 'available', documents: null });
  });

  it('calls an engine without the indexes available, and any other failure unavailable', () => {
    expect(healthOfFailure(new LedeError({ code: 'index_not_found', message: 'x' }))).toEqual({ meilisearch: 'available', documents: null });
    expect(healthOfFailure(new LedeError({ code: 'search_unavailable', message: 'x' }))).toEqual({ meilisearch: 'unavailable', documents: null });
    expect(healthOfFailure(new Error('boom'))).toEqual({ meilisearch: 'unavailable', documents: null });
  });
});
