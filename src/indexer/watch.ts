/**
 * `lede watch <paths|feed URLs…> [--every 5m]`: keeps the index in step with its sources.
 *   - Files: chokidar reports new, changed and deleted files under the paths; each burst of
 *     changes (debounced) runs `index --sync` over the paths, so new and changed articles go in
 *     (unchanged ones are skipped by their content hash) and those of deleted files come out.
 *   - Feeds: polled every `--every` with a conditional GET (If-None-Match / If-Modified-Since from
 *     the last answer's ETag / Last-Modified); a 304 costs nothing. Items are de-duplicated by
 *     guid (their id: an unchanged item is skipped by its hash) and by link (an item whose guid
 *     changed but whose link is one already indexed keeps the id it had).
 * One run at a time: changes that arrive during a run start one more run after it.
 */
import chokidar, { type FSWatcher } from 'chokidar';
import type { Logger } from 'pino';
import { fetchFeed, parseFeed } from '../ingest/readers/feed.js';
import { isUrl } from '../ingest/url.js';
import { readSource, type ReadItem, type SourceFile } from '../ingest/readers/index.js';
import { indexArticles, type IndexDeps, type IndexSummary } from './indexer.js';

export interface WatchOptions {
  paths: string[];
  /** Feed poll interval, ms. */
  everyMs: number;
  /** Quiet time after a file change before indexing, ms. */
  debounceMs?: number;
  /** Called after each run with what it did (and why it ran). */
  onRun?: (run: { reason: 'start' | 'files' | 'feeds'; summary: IndexSummary; notModified: string[] }) => void;
  onError?: (error: unknown) => void;
}

export interface Watcher {
  close(): Promise<void>;
  /** Resolves when the first run (everything once) is done and the file watcher is ready. */
  ready: Promise<void>;
}

interface FeedState {
  etag?: string;
  lastModified?: string;
  /** link → the id its item was indexed under. */
  idsByLink: Map<string, string>;
}

/** "5m", "30s", "1h", "90" (seconds) → ms. */
export function parseInterval(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(value.trim());
  if (!m) throw new Error(`not an interval: "${value}" (use 30s, 5m or 1h)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's').toLowerCase() as 'ms' | 's' | 'm' | 'h'];
  const ms = Number(m[1]) * unit;
  if (ms < 1000) throw new Error(`interval "${value}" is under one second`);
  return ms;
}

export function startWatch(deps: IndexDeps & { log: Logger }, options: WatchOptions): Watcher {
  const files = options.paths.filter((p) => !isUrl(p));
  const feeds = options.paths.filter(isUrl);
  const feedState = new Map<string, FeedState>(feeds.map((url) => [url, { idsByLink: new Map() }]));
  let notModified: string[] = [];

  /** Reads a feed URL conditionally and de-duplicates its items by link; files as usual. */
  async function* read(file: SourceFile): AsyncGenerator<ReadItem> {
    const state = feedState.get(file.path);
    if (!state) {
      yield* readSource(file);
      return;
    }
    let articles;
    try {
      const fetched = await fetchFeed(file.path, state);
      if (fetched.notModified) {
        notModified.push(file.path);
        return;
      }
      state.etag = fetched.etag;
      state.lastModified = fetched.lastModified;
      articles = (await parseFeed(fetched.text, { path: file.path })).articles;
    } catch (error) {
      yield { kind: 'skip', origin: { path: file.path }, reason: error instanceof Error ? error.message : String(error) };
      return;
    }
    const seenLinks = new Set<string>();
    for (const article of articles) {
      if (article.url) {
        if (seenLinks.has(article.url)) continue;
        seenLinks.add(article.url);
        const known = state.idsByLink.get(article.url);
        if (known) article.id = known;
        else state.idsByLink.set(article.url, article.id);
      }
      yield { kind: 'article', article, warnings: [] };
    }
  }

  let running: Promise<void> | undefined;
  let pending: 'files' | 'feeds' | undefined;
  let closed = false;

  async function run(reason: 'start' | 'files' | 'feeds', paths: string[]): Promise<void> {
    if (paths.length === 0) return;
    notModified = [];
    const summary = await indexArticles(deps, { paths, sync: files.length > 0 && reason !== 'feeds', read });
    options.onRun?.({ reason, summary, notModified });
  }

  function schedule(reason: 'files' | 'feeds'): void {
    if (closed) return;
    if (running) {
      pending = pending === 'files' || reason === 'files' ? 'files' : 'feeds';
      return;
    }
    const paths = reason === 'files' ? files : feeds;
    running = run(reason, paths)
      .catch((error) => (options.onError ?? ((e) => deps.log.error({ err: e }, 'watch: indexing failed')))(error))
      .finally(() => {
        running = undefined;
        const next = pending;
        pending = undefined;
        if (next) schedule(next);
      });
  }

  let debounce: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  let poll: NodeJS.Timeout | undefined;

  const ready = (async () => {
    await run('start', options.paths);
    if (files.length > 0) {
      watcher = chokidar.watch(files, { ignoreInitial: true, ignored: (p) => /(^|[/\\])\.[^/\\]/.test(p), awaitWriteFinish: { stabilityThreshold: 200, pollInterval: 50 } });
      watcher.on('all', () => {
        clearTimeout(debounce);
        debounce = setTimeout(() => schedule('files'), options.debounceMs ?? 300);
      });
      await new Promise<void>((resolve) => watcher!.once('ready', () => resolve()));
    }
    if (feeds.length > 0) poll = setInterval(() => schedule('feeds'), options.everyMs);
  })();

  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(debounce);
      clearInterval(poll);
      await watcher?.close();
      await running;
    },
  };
}
