import { describe, expect, it } from 'vitest';
import { MAX_SELECTED_VALUES, searchParamsSchema } from './params.js';

describe('search parameters', () => {
  it('caps the selected values of every counted facet together, authors and section included, naming the one past the cap', () => {
    const people = Array.from({ length: MAX_SELECTED_VALUES - 1 }, (_, i) => `p${i}`);
    expect(searchParamsSchema.safeParse({ people, section: 'Sport' }).success).toBe(true);
    const past = searchParamsSchema.safeParse({ people, authors: 'Ana Ruiz', section: 'Sport' });
    expect(past.success).toBe(false);
    expect(past.error!.issues[0]).toMatchObject({ path: ['section'], message: expect.stringContaining('authors, section') });
    const authors = searchParamsSchema.safeParse({ people, authors: ['Ana Ruiz', 'Tom Becker'] });
    expect(authors.error!.issues[0]!.path).toEqual(['authors']);
  });

  it('takes authors and section as repeated, trimmed values', () => {
    expect(searchParamsSchema.parse({ authors: [' Ana Ruiz ', 'Ana Ruiz', ''], section: 'Business' })).toMatchObject({ authors: ['Ana Ruiz'], section: ['Business'] });
  });
});
