import { describe, expect, it } from 'vitest';
import { searchParamsSchema } from '../params.js';
import { planArticleSearch, RERANK_WINDOW } from './article-search.js';

const indexes = { articles: 'x_articles', paragraphs: 'x_paragraphs' };
const plan = (query: Record<string, string | string[]>) => planArticleSearch(searchParamsSchema.parse(query), indexes);

describe('planArticleSearch', () => {
  it('asks the article index for the page, the exact total and the unselected facets in one query', () => {
    const { queries, rerank } = plan({ q: 'oil', page: '2', sort: 'newest' });
    expect(Object.keys(queries)).toEqual(['articles']);
    expect(Object.keys(plan({ q: 'oil' }).queries)).toEqual(['articles']);
    expect(rerank).toBe(false);
    expect(queries.articles).toMatchObject({
      indexUid: 'x_articles',
      q: 'oil',
      matchingStrategy: 'all',
      sort: ['publishedAt:desc'],
      page: 2,
      hitsPerPage: 10,
      facets: ['people', 'organizations', 'places', 'countries', 'authors', 'section'],
    });
  });

  it('counts each selected facet without its own filter, named by the facet', () => {
    const { queries } = plan({ q: 'oil', people: 'A', countries: ['C', 'D'] });
    expect(Object.keys(queries).sort()).toEqual(['articles', 'facet:countries', 'facet:people']);
    expect(queries.articles!.filter).toBe('(people = "A") AND (countries = "C" OR countries = "D")');
    expect(queries.articles!.facets).toEqual(['organizations', 'places', 'authors', 'section']);
    expect(queries['facet:people']).toMatchObject({ filter: '(countries = "C" OR countries = "D")', facets: ['people'], limit: 0 });
    expect(queries['facet:countries']).toMatchObject({ filter: '(people = "A")', facets: ['countries'], limit: 0 });
  });

  it('counts authors and section like the entity facets: disjunctive, each without its own filter', () => {
    const { queries } = plan({ q: 'port', authors: ['Ana Ruiz', 'Tom Becker'], section: 'Business', people: 'A' });
    expect(Object.keys(queries).sort()).toEqual(['articles', 'facet:authors', 'facet:people', 'facet:section']);
    expect(queries.articles!.filter).toBe('(people = "A") AND (authors = "Ana Ruiz" OR authors = "Tom Becker") AND (section = "Business")');
    expect(queries.articles!.facets).toEqual(['organizations', 'places', 'countries']);
    expect(queries['facet:authors']).toMatchObject({ filter: '(people = "A") AND (section = "Business")', facets: ['authors'], limit: 0 });
    expect(queries['facet:section']).toMatchObject({ filter: '(people = "A") AND (authors = "Ana Ruiz" OR authors = "Tom Becker")', facets: ['section'], limit: 0 });
  });

  it('reads the re-ranking window from the top by relevance, and pages past it in the engine order', () => {
    const first = plan({ q: 'oil', page: '3' });
    expect(first.rerank).toBe(true);
    expect(first.pageStart).toBe(20);
    expect(first.queries.articles).toMatchObject({ page: 1, hitsPerPage: RERANK_WINDOW, showRankingScore: true });
    const wide = plan({ q: 'oil', perPage: '100' });
    expect(wide.queries.articles).toMatchObject({ page: 1, hitsPerPage: 100 });
    const deep = plan({ q: 'oil', page: String(RERANK_WINDOW / 10 + 1) });
    expect(deep.rerank).toBe(false);
    expect(deep.pageStart).toBe(0);
    expect(deep.queries.articles).toMatchObject({ page: RERANK_WINDOW / 10 + 1, hitsPerPage: 10 });
    // Nothing to re-rank without words.
    expect(plan({}).rerank).toBe(false);
  });
});
