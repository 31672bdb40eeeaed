import { describe, expect, it } from 'vitest';
import { entitiesParamsSchema, suggestParamsSchema } from '../params.js';
import { planArticleView, planEntityValues, planPopularEntities, planSuggest } from './lookups.js';

const indexes = { articles: 'x_articles', paragraphs: 'x_paragraphs', entities: 'x_entities', phrases: 'x_phrases' };

describe('lookups', () => {
  it('asks for entities, twice the completions and a few titles, by name', () => {
    const queries = planSuggest(suggestParamsSchema.parse({ q: 'ukr', limit: '4' }), indexes);
    expect(Object.keys(queries)).toEqual(['entities', 'phrases', 'titles']);
    expect(queries.entities).toMatchObject({ indexUid: 'x_entities', q: 'ukr', limit: 4 });
    expect(queries.phrases).toMatchObject({ indexUid: 'x_phrases', limit: 8 });
    expect(queries.titles).toMatchObject({ indexUid: 'x_articles', attributesToSearchOn: ['title'] });
  });

  it('filters entity values by type, most mentioned first when nothing is typed', () => {
    expect(planEntityValues(entitiesParamsSchema.parse({ type: 'person' }), indexes).values).toMatchObject({ filter: 'type = "person"', sort: ['count:desc'], limit: 20 });
    expect(planEntityValues(entitiesParamsSchema.parse({ type: 'place', q: 'ky' }), indexes).values!.sort).toBeUndefined();
    expect(planEntityValues(entitiesParamsSchema.parse({ type: 'author', q: 'ruiz' }), indexes).values).toMatchObject({ filter: 'type = "author"', q: 'ruiz' });
  });

  it('lists the most mentioned entities as popular, not authors or sections', () => {
    expect(planPopularEntities(indexes).popular).toMatchObject({ filter: 'type IN ["person", "organization", "place", "country"]', sort: ['count:desc'] });
  });

  it("reads one article's paragraphs in order, and which match, with the id quoted", () => {
    const queries = planArticleView('a"1', 'oil', indexes);
    expect(Object.keys(queries)).toEqual(['article', 'paragraphs', 'matching']);
    expect(queries.article!.filter).toBe('id = "a\\"1"');
    expect(queries.paragraphs).toMatchObject({ filter: 'articleId = "a\\"1"', sort: ['position:asc'] });
    expect(queries.matching).toMatchObject({ q: 'oil', matchingStrategy: 'all', attributesToRetrieve: ['id'] });
    expect(Object.keys(planArticleView('a1', '', indexes))).toEqual(['article', 'paragraphs']);
  });
});
