import { describe, expect, it } from 'vitest';
import { compileQuery, compileSynonyms, parseQuery, typoDistance } from '../../src/api/search/query-matcher.js';

/** The marked parts of `text` for query `q`. */
function marked(q: string, text: string, synonyms: Record<string, string[]> = {}): string[] {
  return compileQuery(q, compileSynonyms(synonyms))
    .spans(text)
    .map((s) => text.slice(s.start, s.end));
}

describe('query matcher (marks what Meilisearch matches)', () => {
  it('marks exact words case- and accent-insensitively', () => {
    expect(marked('kyiv talks ', 'Talks in KYIV and Kyiv’s mayor')).toEqual(['Talks', 'KYIV', 'Kyiv']);
    expect(marked('deja ', 'Déjà vu')).toEqual(['Déjà']);
  });

  it('marks only the typed part of the last word, unless the query ends with a space', () => {
    expect(marked('ukr', 'Ukraine and Ukrainians')).toEqual(['Ukr', 'Ukr']);
    expect(marked('ukr ', 'Ukraine and Ukrainians')).toEqual([]);
  });

  it('marks typo matches by word length: none under 5 letters, one from 5, two from 9', () => {
    expect(marked('goverment spending', 'The government is spending')).toEqual(['government', 'spending']);
    expect(marked('bnak ', 'the bank')).toEqual([]);
    expect(marked('parliment ', 'parliament')).toEqual(['parliament']);
    expect(marked('sanctoins ', 'new sanctions')).toEqual(['sanctions']);
  });

  it('counts a typo on the first letter twice, and allows none on numbers', () => {
    expect(typoDistance('kanada', 'canada', 2)).toBe(2);
    expect(marked('kanada ', 'Canada')).toEqual([]);
    expect(marked('1987 ', 'in 1986 and 1987')).toEqual(['1987']);
  });

  it('matches a typo in a prefix: the closest prefix is marked', () => {
    expect(marked('ukrian', 'Ukrainian forces')).toEqual(['Ukrain']);
  });

  it('marks phrases only as the words in order, and never excluded words', () => {
    expect(marked('"interest rates"', 'rates of interest; interest rates rose')).toEqual(['interest rates']);
    expect(marked('bank -england', 'Bank of England')).toEqual(['Bank']);
    expect(parseQuery('nato "air defence" -drill kyi')).toEqual({
      words: [
        { text: 'nato', prefix: false, typos: 0 },
        { text: 'kyi', prefix: true, typos: 0 },
      ],
      phrases: [['air', 'defence']],
    });
  });

  it('marks synonym matches as whole word sequences', () => {
    const synonyms = { us: ['united states', 'u.s.'], nato: ['north atlantic treaty organization'] };
    expect(marked('us sanctions', 'United States and U.S. sanctions', synonyms)).toEqual(['United States', 'U.S', 'sanctions']);
    expect(marked('nato ', 'the North Atlantic Treaty Organization', synonyms)).toEqual(['North Atlantic Treaty Organization']);
  });

  it("follows Meilisearch's word splitting and joining", () => {
    expect(marked('its ', "It's over")).toEqual(["It's"]);
    expect(marked('2936 ', 'profit of 2,936 dlrs')).toEqual(['2,936']);
    expect(marked('air port ', 'the airport')).toEqual(['airport']);
    expect(marked('taxs ystem ', 'a tax system')).toEqual(['tax system']);
  });

  it('marks nothing for an empty query or one of only exclusions', () => {
    expect(marked('', 'anything')).toEqual([]);
    expect(marked('-war', 'war and peace')).toEqual([]);
  });
});
