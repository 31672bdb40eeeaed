/**
 * The committed model with the canonical layer, end to end on short inline texts: behaviour a user
 * of the facets relies on. (Quality as a whole is measured by `npm run eval:entities` and held by
 * the floors in regression.test.ts; the canonical layer alone is tested in canonical.test.ts.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { extractEntities, loadEntityResources, synonymsFromAliases, type EntityResources } from '../../src/ingest/entities/index.js';
import type { CleanArticle, ParagraphEntities } from '../../src/ingest/types.js';

let resources: EntityResources;
beforeAll(() => {
  resources = loadEntityResources();
});

function article(paragraphs: string[], metadata?: Record<string, unknown>): CleanArticle {
  return { id: 'test', title: '', paragraphs, origin: { path: 'inline' }, ...(metadata ? { metadata } : {}) };
}

function extract(...paragraphs: string[]): ParagraphEntities[] {
  return extractEntities(article(paragraphs), resources);
}

function all(entities: ParagraphEntities[], facet: 'people' | 'organizations' | 'places' | 'countries'): string[] {
  return [...new Set(entities.flatMap((e) => e[facet]))];
}

describe('surnames and titles', () => {
  it('maps "Mr Trump" to the full name used earlier in the article', () => {
    const [first, second] = extract('President Donald Trump pledged help.', 'Mr Trump said more later.');
    expect(first!.people).toEqual(['Donald Trump']);
    expect(second!.people).toEqual(['Donald Trump']);
    const mention = second!.mentions.find((m) => m.type === 'person')!;
    expect('Mr Trump said more later.'.slice(mention.start, mention.end)).toBe('Trump');
  });

  it('leaves a surname alone when two full names share it', () => {
    const e = extract('George Bush met Jeb Bush in Texas.', 'Mr Bush said no.');
    expect(e[1]!.people).toEqual(['Bush']);
  });

  it('splits job titles off names ("US Air Force General Alexus Grynkewich")', () => {
    const [e] = extract('US Air Force General Alexus Grynkewich will brief the chiefs.');
    expect(e!.people).toEqual(['Alexus Grynkewich']);
    expect(e!.organizations).toEqual(['US Air Force']);
  });

  it('keeps the demonym of a title as a country, not as part of the name', () => {
    const [e] = extract('He met Ukrainian President Volodymyr Zelenskiy in February.');
    expect(e!.people).toEqual(['Volodymyr Zelenskiy']);
    expect(e!.countries).toEqual(['Ukraine']);
    expect(e!.places).toEqual([]);
  });

  it('finds the name after a title that follows "of the" ("Chancellor of the Exchequer Nigel Lawson")', () => {
    const [e] = extract('The U.K. Chancellor of the Exchequer Nigel Lawson said growth was strong.');
    expect(e!.people).toEqual(['Nigel Lawson']);
    expect(e!.organizations).toEqual([]);
    expect(e!.countries).toEqual(['United Kingdom']);
  });
});

describe('aliases and acronyms', () => {
  it('maps aliases to one value (Nato → NATO; US, U.S., America → United States)', () => {
    const [e] = extract('Nato and the U.S. agreed, as did America and the US.');
    expect(e!.organizations).toEqual(['NATO']);
    expect(e!.countries).toEqual(['United States']);
  });

  it('maps spelling variants of a name (Zelensky → Volodymyr Zelenskiy)', () => {
    expect(extract('Zelensky spoke to reporters in Kyiv.')[0]!.people).toEqual(['Volodymyr Zelenskiy']);
  });

  it('does not read the pronoun "us" or "Who" as an acronym', () => {
    const [e] = extract('Who told us? He asked us to wait.');
    expect(e!.countries).toEqual([]);
    expect(e!.organizations).toEqual([]);
  });

  it('maps an acronym to the organisation it stands for in the article', () => {
    const e = extract('The Lunar Research Agency (LRA) launched a probe.', 'LRA officials were pleased.');
    expect(e[1]!.organizations).toEqual(['Lunar Research Agency']);
  });
});

describe('organisations', () => {
  it('keeps possessive country context ("Russia\'s Foreign Ministry" → Russian Foreign Ministry)', () => {
    const [e] = extract("Russia's Foreign Ministry has ruled out the deployment of troops.");
    expect(e!.organizations).toEqual(['Russian Foreign Ministry']);
    expect(e!.countries).toEqual(['Russia']);
  });

  it('strips company suffixes and resolves the short name later ("Texaco Inc" … "Texaco")', () => {
    const e = extract('Texaco Inc said it would appeal.', 'Shares of Texaco fell.');
    expect(e[0]!.organizations).toEqual(['Texaco']);
    expect(e[1]!.organizations).toEqual(['Texaco']);
  });

  it('does not join two companies across "and" ("Dixie Yarns Inc and Ti-Caro Inc")', () => {
    const [e] = extract('Dixie Yarns Inc and Ti-Caro Inc signed a merger agreement.');
    expect(e!.organizations).toEqual(['Dixie Yarns', 'Ti-Caro']);
  });

  it('keeps "of" inside an organisation name ("Bank of England")', () => {
    expect(extract('Governor of the Bank of England spoke.')[0]!.organizations).toEqual(['Bank of England']);
  });
});

describe('never entities', () => {
  it('ignores sentence-initial capitals ("Smoke rises", "Sign up", "Officials told")', () => {
    const [e] = extract('Smoke rises from the site. Sign up now. Officials told reporters nothing.');
    expect(e).toMatchObject({ people: [], organizations: [], places: [], countries: [] });
  });

  it('ignores months, weekdays and nationality words alone', () => {
    const [e] = extract('On Monday, August 18, European and Western officials met.');
    expect(e).toMatchObject({ people: [], organizations: [], places: [], countries: [] });
  });

  it('ignores text in capitals ("ATTENTION EDITORS - THIS IMAGE HAS BEEN SUPPLIED")', () => {
    const [e] = extract('ATTENTION EDITORS - THIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY.');
    expect(e!.organizations).toEqual([]);
  });

  it('does not take a town that shares a surname for a place ("Geordan Murphy")', () => {
    const [e] = extract('The full-back Geordan Murphy was named in the side.');
    expect(e!.places).toEqual([]);
    expect(e!.people).toEqual(['Geordan Murphy']);
  });
});

describe('places and countries', () => {

  it('puts a named country in both places and countries, a demonym only in countries', () => {
    const [e] = extract('The Spanish central bank lent to Portugal.');
    expect(e!.places).toEqual(['Portugal']);
    expect(e!.countries).toEqual(['Spain', 'Portugal']);
  });


  it('adds the dateline place to the first paragraph ("CHATTANOOGA, Tenn., March 9")', () => {
    const e = extractEntities(article(['The companies said they signed.', 'Nothing else.'], { dateline: 'CHATTANOOGA, Tenn., March 9' }), resources);
    expect(e[0]!.countries).toEqual(['United States']);
    expect(e[1]!.countries).toEqual([]);
  });

  it('gives UTF-16 offsets of each mention with its canonical value', () => {
    const text = 'Troops left Ukraine for Russia.';
    const [e] = extract(text);
    expect(e!.mentions.map((m) => [text.slice(m.start, m.end), m.type, m.value])).toEqual([
      ['Ukraine', 'country', 'Ukraine'],
      ['Russia', 'country', 'Russia'],
    ]);
  });
});

describe('synonymsFromAliases', () => {
  it('links every variant and its canonical name both ways', () => {
    const synonyms = synonymsFromAliases(resources);
    expect(synonyms['nato']).toContain('north atlantic treaty organization');
    expect(synonyms['north atlantic treaty organization']).toContain('nato');
    expect(synonyms['u.s.']).toContain('united states');
  });
});

describe('organisations, clubs and venues from context (BBC sample pitfalls)', () => {
  it('does not make an organisation of a lone capitalised word with no cue ("Christmas", "Othello")', () => {
    const e = extract('Sales were below a normal Christmas, he said.', 'Amanda Harris won for Othello at the theatre. Othello ran for months.');
    expect(all(e, 'organizations')).toEqual([]);
  });



  it('reads a city next to a club word as its club ("the former Rangers and Liverpool boss")', () => {
    const [e] = extract('The former Rangers and Liverpool boss wants new players.');
    expect(e!.organizations).toEqual(['Rangers', 'Liverpool']);
    expect(e!.places).toEqual([]);
    expect(e!.countries).toEqual([]);
  });

  it('keeps a national team as its country ("Ireland coach")', () => {
    const [e] = extract('The Ireland coach was pleased.');
    expect(e!.organizations).toEqual([]);
    expect(e!.countries).toEqual(['Ireland']);
  });

  it('joins a company name across "&" but not across "and" ("Cable & Wireless and NTL")', () => {
    expect(all(extract('Cable & Wireless and NTL have announced investments.'), 'organizations')).toEqual(['Cable & Wireless', 'NTL']);
  });


  it('keeps a place that opens an organisation\'s name inside it ("San Francisco Ballet")', () => {
    const [e] = extract('The San Francisco Ballet won an award.');
    expect(e!.organizations).toEqual(['San Francisco Ballet']);
    expect(e!.places).toEqual([]);
  });

});

describe('organisations named by their head, cue or short name (BBC reading pitfalls)', () => {

  it('separates two titles joined by "and the", and keeps a weekday that opens a newspaper ("the Sunday Times and the Guardian")', () => {
    const [e] = extract('He wrote in the Sunday Times and the Guardian last week.');
    expect(e!.organizations).toEqual(['The Sunday Times', 'The Guardian']);
    expect(extract('The Department of Trade and Industry agreed.')[0]!.organizations).toEqual(['Department of Trade and Industry']);
    // The weekday does not join the name after it: Parliament (alias table), not "Sunday Parliament".
    expect(all(extract('On Sunday Parliament met.'), 'organizations')).toEqual(['Parliament']);
  });





  it('maps an acronym written in lower case through the alias table ("Asia Pacific Economic Co-operation (Apec)")', () => {
    expect(extract('Bush told the Asia Pacific Economic Co-operation (Apec) summit.', 'Apec leaders met.').map((p) => p.organizations)).toEqual([
      ['Asia-Pacific Economic Cooperation'],
      ['Asia-Pacific Economic Cooperation'],
    ]);
  });
});

describe('places: districts, abbreviations, languages', () => {
  // Known miss of the model trained with lede's annotated news (it did this before): `it.fails` passes
  // while the model gets it wrong, and fails, to be moved back, once a retrained model gets it right.
  it.fails('needs a locative for a district of a city ("Brent crude" but "in Brent")', () => {
    expect(all(extract('In London, Brent crude fell 32 cents.'), 'places')).toEqual(['London']);
    expect(all(extract('Voters in Brent were asked.'), 'places')).toEqual(['Brent']);
  });

  it('does not read a state abbreviation without its full stop ("La Manga" is not Louisiana)', () => {
    expect(all(extract('Speaking from La Manga, he praised the coaches.'), 'places')).not.toContain('Louisiana');
  });


  it('still reads a state abbreviation in a dateline ("DEARBORN, MICH.", "MARTINSVILLE, Va.")', () => {
    for (const dateline of ['DEARBORN, MICH., Feb 26', 'MARTINSVILLE, Va., Feb 26']) {
      const [e] = extractEntities(article(['The company said it would pay.'], { dateline }), resources);
      expect(e!.countries).toEqual(['United States']);
    }
  });

});

describe('rules tuned on bbc-dev2.json', () => {


  it('ends a title at an organisation head word ("Home Office Minister Ann Widdecombe")', () => {
    const [e] = extract('The register shows former Home Office Minister Ann Widdecombe declaring an advance.');
    expect(e!.organizations).toEqual(['Home Office']);
    expect(e!.people).toEqual(['Ann Widdecombe']);
  });


  // Known miss of the model trained with lede's annotated news (it did this before): `it.fails` passes
  // while the model gets it wrong, and fails, to be moved back, once a retrained model gets it right.
  it.fails('leaves out streets, squares and events, and what is inside them ("Madison Avenue", "the US Open", "Uefa Cup")', () => {
    const [e] = extract('I just did a tour of Madison Avenue, where the big brands are.');
    expect(e!.people).toEqual([]);
    const [f] = extract('She lost at the US Open in September and will play in the Uefa Cup.');
    expect(f!.places).toEqual([]);
    expect(f!.organizations).toEqual([]);
  });

  it('keeps an unknown word before a given name in the name ("Shani Rhys James")', () => {
    expect(extract('Shani Rhys James is worried about the review.')[0]!.people).toEqual(['Shani Rhys James']);
  });

  it('reads a name opening with an acronym of three letters or more as an organisation ("ABN Amro"), not "JK Rowling"', () => {
    const [e] = extract('ABN Amro, the largest bank, is to cut 2,850 jobs.');
    expect(e!.organizations).toEqual(['ABN Amro']);
    expect(e!.people).toEqual([]);
    expect(extract('The author JK Rowling wrote it.')[0]!.people).toEqual(['JK Rowling']);
  });

  it('does not make a club of a nationality word before a club noun ("Four African players"), but keeps "Rangers and Liverpool boss"', () => {
    expect(extract('Four African players are ready to play for the club.')[0]!.organizations).toEqual([]);
    expect(extract('The former Rangers and Liverpool boss spoke.')[0]!.organizations).toEqual(['Rangers', 'Liverpool']);
  });


  it('takes an owner noun before "for" or a sentence-opening owner as company evidence ("consultant for Sophos", "Profits at Barclaycard")', () => {
    expect(extract('It is risky, said Graham Cluley, senior consultant for Sophos.')[0]!.organizations).toEqual(['Sophos']);
    expect(extract('Profits at Barclaycard rose by 5%.')[0]!.organizations).toEqual(['Barclaycard']);
  });


  it('resolves a surname that is also a word, capitalised mid-sentence, to the article\'s person ("Shepherd", "Curry")', () => {
    const e = extract('Chairman Freddy Shepherd spoke to the paper.', 'The claim was strongly denied by Shepherd, who was angry.');
    expect(e[1]!.people).toEqual(['Freddy Shepherd']);
  });

  it('takes a vocabulary word mid-sentence as the organisation the article shows it to be ("Arsenal manager" … "if Arsenal fail")', () => {
    const e = extract('Arsene Wenger is the Arsenal manager.', 'Henry believes he will be blamed if Arsenal fail to qualify.');
    expect(e[1]!.organizations).toEqual(['Arsenal']);
  });

  it('does not read "MacWorld" as a Mac surname', () => {
    expect(extract('He showed the machine at the annual MacWorld speech.')[0]!.people).toEqual([]);
  });

  it('maps an acronym to a name containing an acronym ("UK Independence Party" … "UKIP")', () => {
    const e = extract('Mike Nattrass is an MEP for the UK Independence Party.', 'A UKIP spokesman defended him.');
    expect(e[1]!.organizations).toEqual(['UK Independence Party']);
  });



  it('reads one unknown word owned by a country as a company ("Germany\'s Siemens"), or as the article\'s person of that surname', () => {
    const [e] = extract("A group led by Germany's Siemens won the contract to build the airport.");
    expect(e!.organizations).toEqual(['Siemens']);
    expect(e!.countries).toEqual(['Germany']);
    const f = extract('Tim Henman lost in Paris.', "Britain's Henman will play again.");
    expect(f[1]!.people).toEqual(['Tim Henman']);
    expect(f[1]!.organizations).toEqual([]);
  });


  it('resolves the short form of a name given in full ("Circuit City Stores" … "Circuit City\'s shares")', () => {
    const e = extract('Circuit City Stores, the second-largest retailer, got an offer.', "The firm owns 6.7% of Circuit City's shares.");
    expect(e[1]!.organizations).toEqual(['Circuit City Stores']);
  });

  it('takes "House" as an organisation head ("the House of Lords Economic Affairs Committee")', () => {
    expect(extract('It follows criticism from the House of Lords Economic Affairs Committee, which said so.')[0]!.organizations).toEqual(['House of Lords Economic Affairs Committee']);
  });

  // Known miss of the model trained with lede's annotated news (it did this before): `it.fails` passes
  // while the model gets it wrong, and fails, to be moved back, once a retrained model gets it right.
  it.fails('does not take a code with digits for an organisation ("MP3 files", "the NM2 team")', () => {
    expect(extract('It sends MP3 files to players, and the NM2 team will make more.')[0]!.organizations).toEqual([]);
  });
});


describe('club names need a town or a cue (whole-BBC scan)', () => {

  // Known miss of the model trained with lede's annotated news (it did this before): `it.fails` passes
  // while the model gets it wrong, and fails, to be moved back, once a retrained model gets it right.
  it.fails('reads a club head after a town, or the short name of one, as a club ("Leeds United", "Bristol City", "Hull City", "Stoke City", "FC Barcelona")', () => {
    const [e] = extract('Leeds United lost, Bristol City lost, Hull City lost, while Stoke City drew and FC Barcelona won.');
    expect(e!.organizations).toEqual(['Leeds United', 'Bristol City', 'Hull City', 'Stoke City', 'FC Barcelona']);
  });

  it('ends a club\'s name at its head word before "and" ("Manchester United and Chelsea", "Bristol City and Hull City")', () => {
    expect(extract('Manchester United and Chelsea are level.')[0]!.organizations[0]).toBe('Manchester United');
    expect(extract('It was Bristol City and Hull City who lost.')[0]!.organizations).toEqual(['Bristol City', 'Hull City']);
  });

});

describe('events named after a given name', () => {
  it('does not read "the Olivier Awards" or "the Sydney International" as a person, but keeps "the George W Bush administration"', () => {
    const e = extract('The Producers won at the Olivier Awards.', 'She will come back in the Sydney International from 10-16 January.', 'Critics of the Tony Blair government spoke.', 'Critics of the George W Bush administration spoke.');
    expect(all(e, 'people')).toEqual(['Tony Blair', 'George W Bush']);
  });
});

describe('organisations and people named once or by a short form (bbc-dev3)', () => {












  it('does not take a product ending in an acronym for a person ("the Sony PSP and the Nintendo DS")', () => {
    expect(extract('Make games for handhelds like the Sony PSP and the Nintendo DS.')[0]!.people).toEqual([]);
  });

});


describe('work titles and coordinated clubs', () => {

  it('ends a club that opens with its head at "and", and reads the name after it as a club ("FC Cologne and Bayer Leverkusen")', () => {
    const [e] = extract('He joined from FC Cologne and Bayer Leverkusen last year.');
    expect(e!.organizations).toEqual(['FC Cologne', 'Bayer Leverkusen']);
    expect(e!.people).toEqual([]);
    expect(extract('Manchester United and Chelsea are level.')[0]!.organizations).toEqual(['Manchester United', 'Chelsea']);
  });
});


describe('wire copy: firms, suffixes, time zones and tables (junk among the commonest Reuters facet values)', () => {

  it('reads "and" before one word and a suffix as part of the name ("Rochester Gas and Electric Co"), not "Electric"', () => {
    expect(all(extract('Rochester Gas and Electric Co said it now estimates a delay.'), 'organizations')).toEqual(['Rochester Gas and Electric']);
    // Two firms, each with a name of its own, stay two.
    expect(all(extract('IBM and Apple Computer Inc said they would cooperate.'), 'organizations')).toEqual(['IBM', 'Apple Computer']);
  });

  it('keys "and" like "&", so wire copy\'s spelling finds the alias ("Cable and Wireless" → Cable & Wireless)', () => {
    expect(all(extract('Shares in Cable and Wireless firmed in morning trading.'), 'organizations')).toEqual(['Cable & Wireless']);
  });

  it('reads a firm named with its partners and a comma as one firm ("Goldman, Sachs and Co")', () => {
    expect(all(extract('Underwriters may include Salomon Brothers Inc and Goldman, Sachs and Co.'), 'organizations')).toEqual(['Salomon Brothers', 'Goldman Sachs']);
  });


  it('keeps a place that opens a firm\'s name in the name ("Atlantic City Electric Co"), and a weekday\'s short form too ("Sun Chemical Corp")', () => {
    expect(all(extract('Atlantic City Electric Co said it will redeem its stock.'), 'organizations')).toEqual(['Atlantic City Electric']);
    expect(all(extract('An agreement for Sun Chemical Corp to study the technology.'), 'organizations')).toEqual(['Sun Chemical']);
  });


  it('does not read a time zone or a lone letter as an organisation ("at 1430 GMT", "0900 EDT", "S and P said" without the alias)', () => {
    expect(all(extract('The Bank of England offered facilities at 1430 GMT.', 'Trading opens at 0900 EDT, officials said.'), 'organizations')).toEqual(['Bank of England']);
    expect(all(extract('Then P said nothing and S left.'), 'organizations')).toEqual([]);
  });

  it('ends a name at a line break ("Six Mths\\nShr 85 cts" in an earnings table)', () => {
    expect(all(extract('Shr 67 cts vs 23 cts\nSix Mths\nShr 85 cts vs 59 cts'), 'people')).toEqual([]);
  });



  it('reads words of the vocabulary, "and" and a headed name as one body ("the Food and Drug Administration"), not "Drug Administration"', () => {
    expect(all(extract('The Food and Drug Administration said it approved the drug.'), 'organizations')).toEqual(['Food and Drug Administration']);
    // CoNLL-2003's convention, which the annotated wire copy follows: the administration is not a
    // name, the president in it is ("[[PER Reagan]] Administration").
    expect(all(extract('Officials of the Reagan Administration said so.'), 'people')).toEqual(['Reagan']);
    expect(all(extract('Officials of the Reagan Administration said so.'), 'organizations')).toEqual([]);
  });


  it('does not read "the General Election" as a person named Election', () => {
    expect(all(extract('The Budget is likely to be the last before the General Election.'), 'people')).toEqual([]);
    expect(all(extract('General Colin Powell said the plan was sound.'), 'people')).toEqual(['Colin Powell']);
  });
});

describe('loadEntityResources', () => {
  it('merges a user alias file, whose entries win over the shipped table', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const file = join(mkdtempSync(join(tmpdir(), 'lede-aliases-')), 'aliases.json');
    writeFileSync(file, JSON.stringify([{ canonical: 'North Atlantic Alliance', type: 'organization', aliases: ['Nato', 'NATO'] }]));
    const custom = loadEntityResources({ aliasFile: file });
    expect(extractEntities(article(['Nato met.']), custom)[0]!.organizations).toEqual(['North Atlantic Alliance']);
  });

  it('names the bad entry of a malformed alias file', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const file = join(mkdtempSync(join(tmpdir(), 'lede-aliases-')), 'aliases.json');
    writeFileSync(file, JSON.stringify([{ canonical: 'X', type: 'planet', aliases: [] }]));
    expect(() => loadEntityResources({ aliasFile: file })).toThrow(/entry 0/);
  });
});

describe('long articles', () => {
  it('reads an article of thousands of paragraphs in passes, with the same facets per paragraph', () => {
    const paragraph = 'Mr Smith of Acme Corp flew from London to Paris on Monday.';
    const many = extractEntities(article(Array.from({ length: 1_000 }, () => paragraph)), resources);
    const one = extractEntities(article([paragraph]), resources)[0]!;
    expect(many).toHaveLength(1_000);
    expect(many[999]!.places).toEqual(one.places);
    expect(many[999]!.countries).toEqual(one.countries);
  });
});
