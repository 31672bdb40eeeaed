import { describe, expect, it } from 'vitest';
import { clusterQueries } from './search.js';

describe('clusterQueries', () => {
  const articles = () => ({ articles: { indexUid: 'x_articles', q: 'oil', page: 2, hitsPerPage: 10, facets: ['people'], attributesToRetrieve: ['id'] } });

  it('lists the page from `stories` by offset and limit (no exhaustive total under distinct) and counts in `articles`', () => {
    const queries = clusterQueries(articles(), 'x_articles', true);
    expect(queries.stories).toEqual({ indexUid: 'x_articles', q: 'oil', offset: 10, limit: 10, distinct: 'cluster', attributesToRetrieve: ['id', 'cluster'] });
    expect(queries.articles).toMatchObject({ page: 2, hitsPerPage: 0, facets: ['people'], attributesToRetrieve: ['id'] });
  });

  it('leaves the queries as they are when not folding, but for asking their cluster', () => {
    const queries = clusterQueries(articles(), 'x_articles', false);
    expect(queries.stories).toBeUndefined();
    expect(queries.articles).toMatchObject({ page: 2, hitsPerPage: 10, attributesToRetrieve: ['id', 'cluster'] });
  });
});
