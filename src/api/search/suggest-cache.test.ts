import { describe, expect, it } from 'vitest';
import { SuggestCache, suggestCacheKey } from './suggest-cache.js';

describe('the typeahead cache', () => {
  it('keys answers by limit and case-folded prefix, keeping a trailing space', () => {
    expect(suggestCacheKey({ q: 'NaTo', limit: 8 })).toBe(suggestCacheKey({ q: 'nato', limit: 8 }));
    expect(suggestCacheKey({ q: 'nato', limit: 8 })).not.toBe(suggestCacheKey({ q: 'nato', limit: 5 }));
    expect(suggestCacheKey({ q: 'nato ', limit: 8 })).not.toBe(suggestCacheKey({ q: 'nato', limit: 8 }));
  });

  it('forgets an answer past its life', () => {
    const cache = new SuggestCache(-1);
    cache.set('k', { query: 'k', suggestions: [] });
    expect(cache.get('k')).toBeUndefined();
    const lasting = new SuggestCache(60_000);
    lasting.set('k', { query: 'k', suggestions: [] });
    expect(lasting.get('k')).toEqual({ query: 'k', suggestions: [] });
  });
});
