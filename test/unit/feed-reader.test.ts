/**
 * The feed reader on the 23 real feeds of ../shared/feeds (skipped with a message where absent),
 * checked against the set's INDEX.tsv and rss-parser's own expected parses, and on small RDF and
 * encoding cases.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFeed, htmlToParagraphs, isFeedText, parseFeed } from '../../src/ingest/readers/feed.js';
import { listSources, readSource } from '../../src/ingest/readers/index.js';
import type { RawArticle } from '../../src/ingest/types.js';

const feedsDir = path.resolve(__dirname, '../../../shared/feeds');
const haveFeeds = existsSync(path.join(feedsDir, 'INDEX.tsv'));
if (!haveFeeds) console.warn(`feed tests on real feeds skipped: ${feedsDir} not found (the shared feeds live in ../shared/feeds)`);

interface IndexRow {
  path: string;
  format: string;
  items: number;
  wellFormed: boolean;
}

function indexRows(): IndexRow[] {
  const [, ...lines] = readFileSync(path.join(feedsDir, 'INDEX.tsv'), 'utf8').trim().split('\n');
  return lines.map((line) => {
    const cells = line.split('\t');
    return { path: cells[0]!, format: cells[1]!, items: Number(cells[3]), wellFormed: cells[6] === 'yes' };
  });
}

describe.skipIf(!haveFeeds)('feeds of ../shared/feeds', () => {
  it('reads every item of every well-formed feed, and reports the malformed one with its path and reason', async () => {
    const walk = await listSources([path.join(feedsDir, 'files')]);
    const rows = indexRows();
    expect(walk.files).toHaveLength(rows.length);
    const items = new Map<string, RawArticle[]>();
    const skipped: Array<{ path: string; reason: string }> = [];
    for (const file of walk.files) {
      for await (const item of readSource(file)) {
        if (item.kind === 'skip') skipped.push({ path: item.origin.path, reason: item.reason });
        else items.set(file.path, [...(items.get(file.path) ?? []), item.article]);
      }
    }
    for (const row of rows) {
      const file = path.join(feedsDir, row.path);
      if (row.wellFormed) {
        expect(items.get(file)?.length, row.path).toBe(row.items);
      } else {
        expect(skipped).toContainEqual({ path: file, reason: expect.stringMatching(/not well-formed XML: .*not UTF-8/) });
      }
    }
    expect(skipped).toHaveLength(rows.filter((r) => !r.wellFormed).length);
    const all = [...items.values()].flat();
    // Every item is an article: an id, a headline and a body; nearly all have a date.
    for (const article of all) {
      expect(article.id).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(article.title.length).toBeGreaterThan(0);
      expect(article.paragraphs.length).toBeGreaterThan(0);
    }
    expect(all.filter((a) => a.publishedAt).length / all.length).toBeGreaterThan(0.95);
    expect(all.filter((a) => a.authors?.length).length).toBeGreaterThan(100);
  });

  it.each(['guardian', 'heise'])('%s: title, link, date, author and categories as rss-parser parses them', async (name) => {
    const row = indexRows().find((r) => r.path.includes(`/${name}.`))!;
    const expected = JSON.parse(readFileSync(path.join(feedsDir, 'expected', `${name}.json`), 'utf8')).feed as { items: Array<Record<string, unknown>> };
    const file = path.join(feedsDir, row.path);
    const { articles } = await parseFeed(decodeFeed(readFileSync(file)), { path: file });
    expect(articles).toHaveLength(expected.items.length);
    const withCreator = expected.items.filter((item) => typeof item.creator === 'string' && item.creator !== '').length;
    expect(articles.filter((a) => a.authors?.length).length).toBeGreaterThanOrEqual(Math.floor(withCreator * 0.75));
    expected.items.forEach((want, i) => {
      const got = articles[i]!;
      expect(got.title).toBe(String(want.title).replace(/\s+/g, ' ').trim());
      expect(got.url).toBe(want.link);
      expect(got.publishedAt).toBe(want.isoDate);
      // Names from the byline, without the desk or the agency ("Reuters in New York" has none).
      if (got.authors) expect(String(want.creator)).toContain(got.authors[0]!);
      const categories = ((want.categories as unknown[]) ?? []).map((c) => (typeof c === 'string' ? c : (c as { _: string })._));
      if (categories.length) {
        expect(got.section).toBe(categories[0]);
        expect(got.metadata?.tags).toEqual([...new Set(categories)]);
      }
      const snippet = String(want.contentSnippet ?? '').split('\n')[0]!.trim().slice(0, 40);
      if (snippet) expect(got.paragraphs.join(' ').replace(/\s+/g, ' ')).toContain(snippet.replace(/\s+/g, ' '));
    });
  });
});

describe('feed formats', () => {
  it('reads RSS 1.0 (RDF) items, with dc:date and dc:creator', async () => {
    const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.org/"><title>Example Wire</title><link>https://example.org/</link></channel>
  <item rdf:about="https://example.org/a"><title>Port reopens after storm</title><link>https://example.org/a</link>
    <description>The port reopened on Monday after three days of closure.</description><dc:date>2024-03-04T08:00:00Z</dc:date><dc:creator>Ann Lee</dc:creator></item>
</rdf:RDF>`;
    expect(isFeedText(rdf)).toBe(true);
    const { articles } = await parseFeed(rdf, { path: 'wire.rdf' });
    expect(articles).toEqual([
      expect.objectContaining({ id: 'https___example_org_a-' + articles[0]!.id.split('-').pop(), title: 'Port reopens after storm', url: 'https://example.org/a', publishedAt: '2024-03-04T08:00:00.000Z', authors: ['Ann Lee'], source: 'Example Wire', paragraphs: ['The port reopened on Monday after three days of closure.'] }),
    ]);
  });

  it('uses the guid as the id, content:encoded as the body, and keeps a summary-only item', async () => {
    const rss = `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>
      <item><guid isPermaLink="false">story-1</guid><title>Full story</title><description>Short.</description><content:encoded><![CDATA[<p>First paragraph.</p><p>Second paragraph.</p>]]></content:encoded></item>
      <item><title>Summary only</title><link>https://x.example/2</link><description>Just a summary of it.</description></item>
      <item><title>Headline only</title><link>https://x.example/3</link></item>
    </channel></rss>`;
    const { articles } = await parseFeed(rss, { path: 'f.rss' });
    expect(articles.map((a) => [a.id, a.paragraphs])).toEqual([
      ['story-1', ['First paragraph.', 'Second paragraph.']],
      [expect.stringMatching(/^https___x_example_2-/), ['Just a summary of it.']],
      [expect.stringMatching(/^https___x_example_3-/), ['Headline only']],
    ]);
  });

  it('refuses what is no feed, and bytes that are not UTF-8 without a declaration', async () => {
    await expect(parseFeed('<html><body>hi</body></html>', { path: 'x.xml' })).rejects.toThrow(/not a feed/);
    await expect(parseFeed('<rss><channel><item><title>x</title></channel></rss>', { path: 'x.rss' })).rejects.toThrow(/not well-formed XML/);
    const latin1 = Buffer.from('<rss version="2.0"><channel><title>S\xe3o Paulo</title></channel></rss>', 'latin1');
    expect(() => decodeFeed(latin1)).toThrow(/byte 36 \(line 1\) is not UTF-8/);
    const declared = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?>'), latin1]);
    expect(decodeFeed(declared)).toContain('São Paulo');
  });

  it('reads an item body block by block, dropping "Continue reading…"', () => {
    expect(htmlToParagraphs('<p>One.</p><p>Two.</p> <a href="/x">Continue reading...</a>')).toEqual(['One.', 'Two.']);
    expect(htmlToParagraphs('Plain summary<br>with a break')).toEqual(['Plain summarywith a break']);
  });
});
