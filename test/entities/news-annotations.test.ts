/**
 * lede's annotated news (resources/ner/news-annotations.jsonl), which the tagger trains on: the markup
 * reader, the file's consistency, and that no article or paragraph of the BBC evaluation samples is
 * among them (a sample trained on would measure nothing).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { annotatedArticles, parseMarkup, type AnnotatedParagraph } from '../../scripts/lib/news-annotations.js';
import { TAGS } from '../../src/ingest/entities/tagger/decode.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const file = join(root, 'resources/ner/news-annotations.jsonl');
const shared = join(root, '../shared');
const records = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as AnnotatedParagraph);

describe('the annotation markup', () => {
  it('gives the plain text and each mention as a character range', () => {
    const { text, entities } = parseMarkup('Mr [[PER Elgindy]] told the [[ORG Associated Press]] in [[LOC New York]].');
    expect(text).toBe('Mr Elgindy told the Associated Press in New York.');
    expect(entities).toEqual([
      [3, 10, 'PER', 'Elgindy'],
      [20, 36, 'ORG', 'Associated Press'],
      [40, 48, 'LOC', 'New York'],
    ]);
    for (const [start, end, , mention] of entities) expect(text.slice(start, end)).toBe(mention);
  });

  it('refuses a tag it does not know, rather than keeping brackets in the text', () => {
    expect(() => parseMarkup('the [[COMPANY Fiat]] deal')).toThrow(/malformed markup/);
  });
});

describe('the annotated news file', () => {
  it('holds hundreds of paragraphs of BBC articles and news-site pages, each entity a range with its text', () => {
    expect(records.length).toBeGreaterThan(1000);
    expect(records.some((r) => r.source.startsWith('bbc/'))).toBe(true);
    expect(records.some((r) => r.source.startsWith('web/'))).toBe(true);
    const bad = records.flatMap((r) => r.entities.filter(([start, end, type, mention]) => end - start !== mention.length || !['PER', 'ORG', 'LOC', 'MISC'].includes(type)).map((e) => `${r.source}#${r.paragraph} ${JSON.stringify(e)}`));
    expect(bad).toEqual([]);
  });

  it('shares no article and no paragraph with the BBC evaluation samples', () => {
    const fixtures = join(root, 'test/fixtures/entities');
    const files = new Set<string>();
    const sha1s = new Set<string>();
    for (const name of readdirSync(fixtures).filter((n) => n.startsWith('bbc-'))) {
      for (const p of (JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as { paragraphs: Array<{ file: string; textSha1: string }> }).paragraphs) {
        files.add(`bbc/${p.file}`);
        sha1s.add(p.textSha1);
      }
    }
    expect(files.size).toBeGreaterThan(200);
    expect(records.filter((r) => files.has(r.source))).toEqual([]);
    expect(records.filter((r) => sha1s.has(r.sha1))).toEqual([]);
  });

  it.skipIf(!existsSync(join(shared, 'corpus/bbc')) || !existsSync(join(shared, 'web/pages.jsonl')))('reads back from ../shared as the text annotated, with BIO tags on lede\'s tokens', () => {
    const articles = annotatedArticles(file, shared);
    expect(articles.length).toBe(new Set(records.map((r) => r.source)).size);
    const fbi = articles.find((a) => a.source === 'bbc/business/497.txt');
    expect(fbi).toBeDefined();
    const first = fbi!.sentences[2]!; // body paragraph 1: "A New York court ruled that former FBI man Jeffrey Royer, …"
    const tagged = first.tokens.map((t, i) => `${t.text}/${TAGS[first.tags[i]!]}`).slice(0, 10);
    expect(tagged).toEqual(['A/O', 'New/B-LOC', 'York/I-LOC', 'court/O', 'ruled/O', 'that/O', 'former/O', 'FBI/B-ORG', 'man/O', 'Jeffrey/B-PER']);
  });
});
