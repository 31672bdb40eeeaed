/**
 * The reading edge of the pipeline: walks the paths named on the command line and yields articles
 * (or the inputs it had to skip, with path, line and reason). JSONL is streamed line by line so a
 * large file never sits in memory; other files are read whole, up to a size limit.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { articleIdFromPath } from '../article-id.js';
import { decodeText } from '../decode.js';
import { InputError } from '../input-error.js';
import { isUrl } from '../url.js';
import { parseMarkdown } from './markdown.js';
import { recordToArticle } from './record.js';
import type { ReadItem, SourceFile } from './source.js';
import { parsePlainText } from './text.js';

export type { ReadItem, SourceFile };

type Format = 'text' | 'markdown' | 'json' | 'jsonl' | 'html' | 'feed';
const FORMATS: Record<string, Format> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.html': 'html',
  '.htm': 'html',
  // Feeds (feed-source.ts); `.xml` is read as one when its root element says so.
  '.rss': 'feed',
  '.atom': 'feed',
  '.rdf': 'feed',
  '.xml': 'feed',
};

/** Files above this size are refused, except JSONL, which is streamed. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** One JSONL line above this is refused (and the rest of the file still read). */
const MAX_LINE_CHARS = 16 * 1024 * 1024;

/** Files a corpus folder carries beside its articles (the BBC folder has a README.TXT). */
const NOT_ARTICLES = /^(readme|licen[cs]e|copying|changelog|notice)(\.[a-z]+)?$/i;

export function formatOf(file: string): Format | undefined {
  return FORMATS[path.extname(file).toLowerCase()];
}

export interface WalkResult {
  files: SourceFile[];
  /** Paths that cannot be read at all (missing, permission denied, unsupported type named explicitly). */
  problems: Array<{ path: string; reason: string }>;
  /** Files in walked folders that are not articles (README.pdf, images): counted, not read. */
  ignored: number;
}

export interface ListOptions {
  /**
   * Follow symbolic links that lead out of the folder being walked. Off by default: a link in an
   * indexed folder must not get a file from elsewhere on the machine indexed and served.
   */
  followSymlinks?: boolean;
}

/**
 * Lists the article files under `roots`, sorted, so ids and order are the same on every run.
 * A file named explicitly is its own root (its id is its base name). A symbolic link inside a
 * walked folder is followed when its target is inside that folder too (or with `followSymlinks`);
 * one that leads out is reported as a problem with the reason. Links to folders are not walked.
 */
export async function listSources(roots: string[], options: ListOptions = {}): Promise<WalkResult> {
  const result: WalkResult = { files: [], problems: [], ignored: 0 };
  const seen = new Set<string>();
  for (const root of roots) {
    // A feed URL (`lede index https://…/feed`) is a source of its own, fetched when read.
    if (isUrl(root)) {
      if (!seen.has(root)) result.files.push({ path: root, relativePath: root, size: 0 });
      seen.add(root);
      continue;
    }
    const absolute = path.resolve(root);
    let info;
    try {
      info = await stat(absolute);
    } catch (error) {
      result.problems.push({ path: root, reason: describeFsError(error) });
      continue;
    }
    if (info.isFile()) {
      if (!formatOf(absolute)) {
        result.problems.push({ path: root, reason: `unsupported file type "${path.extname(absolute) || '(none)'}"; expected .txt, .md, .json, .jsonl, .html, .rss, .atom or .xml` });
      } else if (!seen.has(absolute)) {
        seen.add(absolute);
        result.files.push({ path: absolute, relativePath: path.basename(absolute), size: info.size });
      }
      continue;
    }
    let realRoot = absolute;
    try {
      realRoot = await realpath(absolute);
    } catch {
      // Read as named; the walk reports what cannot be read.
    }
    await walk(absolute, { root: absolute, realRoot, follow: options.followSymlinks === true }, result, seen);
  }
  return result;
}

interface WalkRoot {
  root: string;
  /** The root with its own links resolved, to tell whether a link's target is inside it. */
  realRoot: string;
  follow: boolean;
}

async function walk(dir: string, walkRoot: WalkRoot, result: WalkResult, seen: Set<string>): Promise<void> {
  const { root } = walkRoot;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    result.problems.push({ path: dir, reason: describeFsError(error) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      await walk(full, walkRoot, result, seen);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      if (!formatOf(full) || NOT_ARTICLES.test(entry.name)) {
        result.ignored++;
        continue;
      }
      if (seen.has(full)) continue;
      if (entry.isSymbolicLink() && !walkRoot.follow) {
        let target: string;
        try {
          target = await realpath(full);
        } catch (error) {
          seen.add(full);
          result.problems.push({ path: full, reason: describeFsError(error) });
          continue;
        }
        const inside = path.relative(walkRoot.realRoot, target);
        if (inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
          seen.add(full);
          result.problems.push({ path: full, reason: `symbolic link to ${target}, outside ${root}: not followed (pass --follow-symlinks to index it)` });
          continue;
        }
      }
      seen.add(full);
      let size = 0;
      try {
        size = (await stat(full)).size;
      } catch (error) {
        result.problems.push({ path: full, reason: describeFsError(error) });
        continue;
      }
      result.files.push({ path: full, relativePath: path.relative(root, full), size });
    }
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; check the file mode or run as a user who can read it';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Reads one file or feed and yields its articles, or the reasons it (or a line of it) was skipped.
 * The HTML and feed readers (a DOM, Readability, dates in many languages, an XML parser: ~50 MB of
 * memory) are loaded on the first page or feed, so a run over text or JSONL never carries them.
 */
export async function* readSource(file: SourceFile): AsyncGenerator<ReadItem> {
  const format = isUrl(file.path) ? 'feed' : formatOf(file.path)!;
  if (format === 'feed') {
    yield* (await import('./feed-source.js')).readFeedSource(file);
    return;
  }
  const pathId = articleIdFromPath(file.relativePath);
  if (format === 'jsonl') {
    yield* readJsonLines(file, pathId);
    return;
  }
  const origin = { path: file.path };
  let text: string;
  const warnings: string[] = [];
  try {
    if (file.size > MAX_FILE_BYTES) {
      throw new InputError(`file is ${(file.size / 1048576).toFixed(0)} MB, over the ${MAX_FILE_BYTES / 1048576} MB limit`, 'Split it, or convert it to JSONL (one article per line), which is streamed.');
    }
    const bytes = await readFile(file.path);
    if (bytes.length === 0) throw new InputError('empty file');
    const decoded = decodeText(bytes);
    if (decoded.warning) warnings.push(decoded.warning);
    text = decoded.text;
    if (text.trim() === '') throw new InputError('file holds only whitespace');
  } catch (error) {
    yield { kind: 'skip', origin, reason: reasonOf(error) };
    return;
  }
  try {
    switch (format) {
      case 'text':
        yield { kind: 'article', article: parsePlainText(text, pathId, origin), warnings };
        return;
      case 'markdown':
        yield { kind: 'article', article: parseMarkdown(text, pathId, origin), warnings };
        return;
      case 'html':
        yield { kind: 'article', article: (await import('./html.js')).parseHtml(text, pathId, origin), warnings };
        return;
      case 'json': {
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          throw new InputError(`invalid JSON: ${(error as Error).message}`);
        }
        const records = Array.isArray(value) ? value : [value];
        for (const [i, record] of records.entries()) {
          const recordOrigin = { path: file.path };
          try {
            const fallback = Array.isArray(value) ? `${pathId}-${i}` : pathId;
            yield { kind: 'article', article: recordToArticle(record, fallback, recordOrigin), warnings };
          } catch (error) {
            yield { kind: 'skip', origin: recordOrigin, reason: Array.isArray(value) ? `record ${i}: ${reasonOf(error)}` : reasonOf(error) };
          }
        }
        return;
      }
    }
  } catch (error) {
    yield { kind: 'skip', origin, reason: reasonOf(error) };
  }
}

async function* readJsonLines(file: SourceFile, pathId: string): AsyncGenerator<ReadItem> {
  const stream = createReadStream(file.path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const raw of lines) {
      line++;
      const origin = { path: file.path, line };
      const bytes = Buffer.byteLength(raw) + 1;
      const trimmed = raw.trim();
      if (trimmed === '') continue;
      try {
        if (trimmed.length > MAX_LINE_CHARS) throw new InputError(`line is over ${MAX_LINE_CHARS / 1048576} MB`);
        let value: unknown;
        try {
          value = JSON.parse(trimmed);
        } catch (error) {
          throw new InputError(`invalid JSON: ${(error as Error).message}`);
        }
        yield { kind: 'article', article: recordToArticle(value, `${pathId}-L${line}`, origin), warnings: [], bytes };
      } catch (error) {
        yield { kind: 'skip', origin, reason: reasonOf(error), bytes };
      }
    }
  } catch (error) {
    yield { kind: 'skip', origin: { path: file.path, line: line || undefined }, reason: describeFsError(error) };
  } finally {
    lines.close();
    stream.destroy();
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof InputError) return error.message;
  if ((error as NodeJS.ErrnoException)?.code) return describeFsError(error);
  return error instanceof Error ? error.message : String(error);
}
