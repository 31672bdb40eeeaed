import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanArticle, normaliseText, normaliseWhitespace } from '../../src/ingest/clean.js';
import { parsePlainText } from '../../src/ingest/readers/text.js';
import type { RawArticle } from '../../src/ingest/types.js';
import { repoRoot } from '../helpers/meili.js';

function raw(paragraphs: string[], title = 'T'): RawArticle {
  return { id: 'a', title, paragraphs, origin: { path: 'a.txt' } };
}

describe('cleaning the seed article', () => {
  const seed = readFileSync(path.join(repoRoot, 'seeds/000_736e09f0b2d7f6d7.txt'), 'utf8');
  const article = cleanArticle(parsePlainText(seed, 'seed', { path: 'seed.txt' }));

  it('keeps the headline as the title', () => {
    expect(article.title).toBe('US, Nato planners start to craft Ukraine security guarantee options');
  });

  it('yields exactly the body paragraphs, in order, without boilerplate', () => {
    // Each entry is the start of one kept paragraph; the full list is the contract.
    const starts = [
      'US and European military planners have begun exploring post-conflict security guarantees for Ukraine',
      'Ukraine and its European allies have been buoyed by Mr Trump\'s promise',
      'Officials told Reuters that the Pentagon is carrying out planning exercises',
      'But they cautioned that it would take time',
      'One option was sending European forces to Ukraine',
      'The Pentagon and Nato did not immediately respond',
      'In a press briefing, the White House said',
      'Russia\'s Foreign Ministry has ruled out the deployment of troops',
      'Mr Trump has publicly ruled out deploying US troops in Ukraine',
      'In an interview with Fox News',
      '"When it comes to security, (Europeans) are willing',
      'He did not provide further details.',
      'US air support could come in a variety of ways',
      'Since Russia\'s full-scale invasion of its neighbour in 2022',
      'The Trump administration briefly halted those weapons shipments',
      'Shipments have resumed and Mr Trump has pledged',
      'Nato military chiefs will focus on Ukraine',
      'US Air Force General Alexus Grynkewich',
      'A US official, speaking on condition of anonymity',
      'The official added that Mr Caine would meet',
      'Mr Trump has pressed for a quick end to Europe\'s deadliest war',
      'Russia says it is engaged in a "special military operation"',
    ];
    expect(article.paragraphs).toHaveLength(starts.length);
    article.paragraphs.forEach((paragraph, i) => expect(paragraph.startsWith(starts[i]!), `paragraph ${i}: ${paragraph}`).toBe(true));
  });

  it('drops the newsletter plug, caption, photo credit, "Follow topic" and "See more on"', () => {
    const all = article.paragraphs.join('\n');
    for (const junk of ['Sign up now', 'ATTENTION EDITORS', 'PHOTO: REUTERS', 'Follow topic', 'See more on', 'Smoke rises']) {
      expect(all).not.toContain(junk);
    }
  });

  it('strips the trailing wire sign-off but keeps "told Reuters" in the text', () => {
    expect(article.paragraphs.at(-1)).toMatch(/imperial-style land grab\.$/);
    expect(article.paragraphs[2]).toContain('told Reuters');
  });

  it('normalises curly quotes', () => {
    expect(article.paragraphs.join(' ')).not.toMatch(/[\u2018\u2019\u201C\u201D]/);
  });
});

describe('cleanArticle rules', () => {
  it('keeps an exact duplicate paragraph once', () => {
    expect(cleanArticle(raw(['Same text here.', 'Other.', 'Same text here.'])).paragraphs).toEqual(['Same text here.', 'Other.']);
  });

  it('drops the Reuters-21578 sign-off, alone or after the last sentence ("REUTER^M")', () => {
    expect(cleanArticle(raw(['Roberts will become chairman. REUTER^M'])).paragraphs).toEqual(['Roberts will become chairman.']);
    expect(cleanArticle(raw(['Prices rose.', 'REUTER^M'])).paragraphs).toEqual(['Prices rose.']);
  });

  it('unwraps Reuters <Company> markup and drops ticker tags', () => {
    const article = cleanArticle(raw(['&lt;Texaco Inc> said it would sell <Getty Petroleum Corp> assets.'], 'WALT DISNEY <DIS> SETS SPLIT'));
    expect(article.paragraphs[0]).toBe('Texaco Inc said it would sell Getty Petroleum Corp assets.');
    expect(article.title).toBe('WALT DISNEY SETS SPLIT');
  });

  it('leaves HTML-like text such as <script> as written, to be escaped on output', () => {
    expect(cleanArticle(raw(['A <script>alert(1)</script> paragraph.'])).paragraphs[0]).toBe('A <script>alert(1)</script> paragraph.');
  });

  it('decodes HTML entities', () => {
    expect(normaliseText('AT&amp;T &quot;deal&quot; &eacute;')).toBe('AT&T "deal" é');
  });

  it('keeps wire tables line by line but joins wrapped prose', () => {
    expect(normaliseWhitespace('Wheat prev 39.9, Feb 48.7\nMaize Mar 48.0, total 48.0\nSorghum nil 12 (nil)')).toContain('\n');
    expect(normaliseWhitespace('The dry period means\nthe temporao will be late.')).toBe('The dry period means the temporao will be late.');
  });

  it('drops "Reuter" as a sign-off paragraph and an article of only boilerplate becomes empty', () => {
    expect(cleanArticle(raw(['Sign up now: Get our newsletters', 'Follow topic:', 'PHOTO: AFP', 'Reuter'])).paragraphs).toEqual([]);
  });
});
