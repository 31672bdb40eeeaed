/**
 * A feed as a source of the pipeline: a file (.rss, .atom, .rdf, or .xml whose root element is a
 * feed's) or a URL. Yields one article per item, or the one reason the feed was skipped.
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '../input-error.js';
import { isUrl } from '../url.js';
import { decodeFeed, fetchFeed, MAX_FEED_BYTES, parseFeed } from './feed.js';
import type { ReadItem, SourceFile } from './source.js';

export async function* readFeedSource(file: SourceFile): AsyncGenerator<ReadItem> {
  const origin = { path: file.path };
  let articles;
  try {
    let text: string;
    if (isUrl(file.path)) {
      text = (await fetchFeed(file.path)).text;
    } else {
      if (file.size > MAX_FEED_BYTES) throw new InputError(`feed is ${(file.size / 1048576).toFixed(0)} MB, over the ${MAX_FEED_BYTES / 1048576} MB limit`);
      const bytes = await readFile(file.path);
      if (bytes.length === 0) throw new InputError('empty file');
      text = decodeFeed(bytes);
    }
    articles = (await parseFeed(text, origin)).articles;
  } catch (error) {
    yield { kind: 'skip', origin, reason: error instanceof Error ? error.message : String(error) };
    return;
  }
  for (const article of articles) yield { kind: 'article', article, warnings: [] };
}
