/**
 * The canonical layer on hand-made spans: what it does with the tagger's output does not depend on
 * the model, so these tests hold whatever the model tags.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { articleNames, cleanSpans, initials, ParagraphFacets, resolveMention, type SpanMention } from '../../src/ingest/entities/canonical.js';
import { loadEntityResources, synonymsFromAliases, type EntityResources } from '../../src/ingest/entities/index.js';
import { CORPORATE_SUFFIXES, HONORIFICS, MIDDLE_INITIALS, NATIONAL_BODY_HEADS, SPELLING_VARIANTS, TITLES, TRAILING_TITLES, ATTRIBUTIVE_TAILS } from '../../src/ingest/entities/rules.js';
import type { EntityLabel } from '../../src/ingest/entities/tagger/decode.js';
import { tokenize } from '../../src/ingest/entities/tokenize.js';
import type { ParagraphEntities } from '../../src/ingest/types.js';

let resources: EntityResources;
beforeAll(() => {
  resources = loadEntityResources();
});

/** Spans given as [label, words]: each is found in the paragraph's text, in order. */
function spansOf(text: string, spans: Array<[EntityLabel, string]>): Array<{ label: EntityLabel; first: number; last: number }> {
  const tokens = tokenize(text);
  let from = 0;
  return spans.map(([label, words]) => {
    const start = text.indexOf(words, from);
    if (start < 0) throw new Error(`"${words}" is not in "${text}"`);
    const end = start + words.length;
    from = end;
    const first = tokens.findIndex((t) => t.start >= start);
    let last = first;
    while (last + 1 < tokens.length && tokens[last + 1]!.start < end) last++;
    return { label, first, last };
  });
}

/** An article of paragraphs with their spans, through the canonical layer (as extract.ts runs it). */
function canonical(paragraphs: Array<[string, Array<[EntityLabel, string]>]>): ParagraphEntities[] {
  const tokens = paragraphs.map(([text]) => tokenize(text));
  const mentions = paragraphs.map(([text, spans], i) => cleanSpans(i, text, tokens[i]!, spansOf(text, spans)));
  const names = articleNames(mentions.flat(), (i) => tokens[i]!, resources.gazetteer);
  return mentions.map((list) => {
    const facets = new ParagraphFacets(undefined);
    let previous: SpanMention | undefined;
    for (const m of list) {
      const resolved = resolveMention(m, previous, names, resources.gazetteer);
      if (resolved) facets.add(resolved, m);
      previous = m;
    }
    return facets.toEntities();
  });
}

const all = (result: ParagraphEntities[], facet: 'people' | 'organizations' | 'places' | 'countries'): string[] => [...new Set(result.flatMap((p) => p[facet]))];

describe('the rule tables hold their own examples', () => {
  it('drops legal-form suffixes, titles and honorifics as their examples say', () => {
    for (const [written, expected] of CORPORATE_SUFFIXES.examples) expect(all(canonical([[`${written} said.`, [['ORG', written]]]]), 'organizations')).toEqual([expected]);
    for (const [written, expected] of [...TITLES.examples, ...HONORIFICS.examples]) expect(all(canonical([[`${written} said.`, [['PER', written]]]]), 'people')).toEqual([expected]);
    expect(all(canonical([['Mr Trump said.', [['ORG', 'Mr Trump']]]]), 'people')).toEqual(['Trump']);
    for (const [written, expected] of TRAILING_TITLES.examples) {
      const result = canonical([[`${written} Dan Caine said.`, [['ORG', written]]]]);
      expect([...all(result, 'organizations'), ...all(result, 'places')].map((v) => (v === 'United States' ? 'US' : v))).toEqual([expected]);
    }
  });

  it('keeps the name before an attributive tail ("Boston-based")', () => {
    for (const [written, expected] of ATTRIBUTIVE_TAILS.examples) {
      for (const label of ['LOC', 'ORG'] as const) {
        const result = canonical([[`a ${written} firm said.`, [[label, written]]]]);
        expect([...all(result, 'organizations'), ...all(result, 'places')]).toEqual([expected]);
      }
    }
    expect(all(canonical([['Coca-Cola said.', [['ORG', 'Coca-Cola']]]]), 'organizations')).toEqual(['Coca-Cola']);
  });

  it('folds spelling variants and middle initials', () => {
    for (const [written, expected] of SPELLING_VARIANTS.examples) expect(all(canonical([[`the ${written} said.`, [['ORG', written]]]]), 'organizations')).toEqual([expected]);
    for (const [written, expected] of MIDDLE_INITIALS.examples) expect(all(canonical([[`${written} said.`, [['PER', written]]]]), 'people')).toEqual([expected]);
  });

  it('names a national body by its country\'s adjective', () => {
    for (const [written, expected] of NATIONAL_BODY_HEADS.examples) {
      const [country, body] = written.split("'s ") as [string, string];
      expect(all(canonical([[`${written} said.`, [['LOC', country], ['ORG', body]]]]), 'organizations')).toEqual([expected]);
    }
  });
});

describe('the article as a whole', () => {
  it('maps a surname to the one full name the article gives it', () => {
    const result = canonical([
      ['President Donald Trump met Vladimir Putin.', [['PER', 'Donald Trump'], ['PER', 'Vladimir Putin']]],
      ['Mr Trump said Putin agreed.', [['PER', 'Trump'], ['PER', 'Putin']]],
    ]);
    expect(result[1]!.people).toEqual(['Donald Trump', 'Vladimir Putin']);
  });

  it('leaves a surname as written when two full names share it', () => {
    const result = canonical([
      ['Ed Miliband and David Miliband spoke.', [['PER', 'Ed Miliband'], ['PER', 'David Miliband']]],
      ['Miliband said so.', [['PER', 'Miliband']]],
    ]);
    expect(result[1]!.people).toEqual(['Miliband']);
  });

  it('expands an acronym given in brackets, or made of the initials of a name in the article', () => {
    const result = canonical([
      ['The European Space Agency (ESA) and General Motors said.', [['ORG', 'European Space Agency'], ['ORG', 'ESA'], ['ORG', 'General Motors']]],
      ['ESA and GM agreed.', [['ORG', 'ESA'], ['ORG', 'GM']]],
    ]);
    expect(result[1]!.organizations).toEqual(['European Space Agency', 'General Motors']);
    expect(initials('UK Independence Party')).toBe('UKIP');
  });

  it('resolves the short form of a name the article gave in full', () => {
    const result = canonical([
      ['Circuit City Stores said.', [['ORG', 'Circuit City Stores']]],
      ["Circuit City's shares fell.", [['ORG', 'Circuit City']]],
    ]);
    expect(result[1]!.organizations).toEqual(['Circuit City Stores']);
  });
});

describe('the alias table and the gazetteers', () => {
  it('gives the alias table\'s canonical value and type, whatever the tagger\'s type', () => {
    const result = canonical([['Nato and the Kremlin met in Washington.', [['ORG', 'Nato'], ['LOC', 'Kremlin'], ['LOC', 'Washington']]]]);
    expect(result[0]!.organizations).toEqual(['NATO', 'Kremlin']);
    expect(result[0]!.places).toEqual(['Washington']);
  });

  it('puts a country in places and countries, a city\'s country in countries, a nationality in countries only', () => {
    const result = canonical([['Ukraine said Kharkiv was shelled, German officials said.', [['LOC', 'Ukraine'], ['LOC', 'Kharkiv'], ['MISC', 'German']]]]);
    expect(result[0]!.places).toEqual(['Ukraine', 'Kharkiv']);
    expect(result[0]!.countries).toEqual(['Ukraine', 'Germany']);
  });

  it('drops MISC that is no nationality (events, works)', () => {
    expect(canonical([['He won the US Open.', [['MISC', 'US Open']]]])[0]!.organizations).toEqual([]);
  });

  it('keeps a place unknown to the gazetteers as written, with no country', () => {
    const result = canonical([['It rained in Upper Snodbury.', [['LOC', 'Upper Snodbury']]]]);
    expect(result[0]!.places).toEqual(['Upper Snodbury']);
    expect(result[0]!.countries).toEqual([]);
  });

  it('does not read the pronoun "us" as the alias "US"', () => {
    expect(canonical([['He told us.', [['LOC', 'us']]]])[0]!.countries).toEqual([]);
  });
});

describe('spans', () => {
  it('cuts a span at a line break: a table\'s rows are not one name', () => {
    const result = canonical([['Mths\nShr profit', [['PER', 'Mths\nShr']]]]);
    expect(result[0]!.people).toEqual(['Mths', 'Shr']);
  });

  it('gives UTF-16 offsets of each mention, over the span the tagger found', () => {
    const text = 'Texaco Inc said Kyiv was calm.';
    const [entities] = canonical([[text, [['ORG', 'Texaco Inc'], ['LOC', 'Kyiv']]]]);
    expect(entities!.mentions.map((m) => [text.slice(m.start, m.end), m.type, m.value])).toEqual([
      ['Texaco Inc', 'organization', 'Texaco'],
      ['Kyiv', 'place', 'Kyiv'],
    ]);
  });
});

describe('synonymsFromAliases', () => {
  it('links every variant and its canonical name both ways', () => {
    const synonyms = synonymsFromAliases(resources);
    expect(synonyms['nato']).toContain('north atlantic treaty organization');
    expect(synonyms['north atlantic treaty organization']).toContain('nato');
  });
});
