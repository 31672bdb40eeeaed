/**
 * `lede index`: reads the inputs, runs the pure pipeline on each article, and sends documents to
 * Meilisearch in batches while reading goes on (extraction overlaps indexing). Every task is waited
 * for and checked; article records (which hold the content hashes) are written only after their
 * paragraphs are in, so an interrupted run never marks an article done that is not.
 */
import type { Meilisearch } from 'meilisearch';
import type { EntityResources } from '../ingest/entities/index.js';
import { listSources, readSource, type ReadItem, type SourceFile } from '../ingest/readers/index.js';
import { deleteArticles, goneArticles } from './sync.js';
import { cleanAndSplit, pipelineFingerprint, prepare } from '../ingest/pipeline.js';
import type { ArticleRecord } from '../ingest/documents.js';
import type { RawArticle } from '../ingest/types.js';
import { synonymsFromAliases } from '../ingest/entities/index.js';
import type { Logger } from '../log.js';
import { meili, runTask, indexNames, type IndexNames } from '../meili/client.js';
import { quote } from '../meili/filter.js';
import { LedeError } from '../errors.js';
import { BatchSender } from './batches.js';
import { assignClusters, type ClusterSummary } from '../clusters/assign.js';
import { refreshEntityIndex, refreshPhraseIndex } from './derived-indexes.js';
import { articleSettings, applySettings, ensureIndex, ENTITY_SETTINGS, indexExists, paragraphSettings, PHRASE_SETTINGS } from '../meili/settings.js';

export interface IndexDeps {
  admin: Meilisearch;
  /** Index uid prefix; live indexes are `<prefix>_paragraphs` and `<prefix>_articles`. */
  prefix: string;
  resources: EntityResources;
  log: Logger;
}

export interface IndexOptions {
  paths: string[];
  /** Build fresh indexes and swap them in atomically. */
  rebuild?: boolean;
  /**
   * Send every article again, unchanged ones too (in place, under the same ids): after a change to
   * the alias table or the extractor, without building a second index.
   */
  force?: boolean;
  /** Paragraph documents per add-documents task. */
  batchSize?: number;
  /** Follow symbolic links that lead out of the folders named (`--follow-symlinks`); else they are skipped. */
  followSymlinks?: boolean;
  /** Also delete the articles whose source under `paths` is gone (sync.ts). */
  sync?: boolean;
  /**
   * Leave the derived entity and phrase indexes to the caller (the push API refreshes them once
   * after a burst of pushes, not on every call).
   */
  deferDerived?: boolean;
  /**
   * Leave story clusters to the caller too: clustering reads every article's signature (seconds on
   * a large index), which the push API does beside its calls, not within them.
   */
  deferClusters?: boolean;
  /**
   * The push API: the settings were applied by an earlier call (skip reading them back, four
   * round trips), and a staging index is left alone (a `--rebuild` may be running in another process).
   * With `sources`, only the records of the pushed ids and of articles of the same text are read
   * for change and copy detection, not every record.
   */
  incremental?: { settingsApplied: boolean };
  /** Sources to read instead of walking `paths` (the push API passes its articles as one). */
  sources?: SourceFile[];
  /** Reads one source (default: readSource); `lede watch` passes one that polls feeds conditionally. */
  read?: (file: SourceFile) => AsyncGenerator<ReadItem>;
  onProgress?: (progress: IndexProgress) => void;
}

export interface IndexProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  articles: number;
  paragraphs: number;
}

export interface Skipped {
  path: string;
  line?: number;
  reason: string;
}

/** The run's outcome. `articles.read` = added + updated + unchanged + empty + duplicate + copies + failed. */
export interface IndexSummary {
  files: { listed: number; unreadable: number; ignored: number };
  /**
   * `duplicate`: an id seen before in the run (an input mistake). `copies`: the same title and text
   * as another article, under another id (the same story filed twice), indexed once.
   */
  articles: { read: number; added: number; updated: number; unchanged: number; empty: number; duplicate: number; copies: number; failed: number };
  paragraphs: { indexed: number; staleDeleted: number };
  /** Distinct entity values among the articles indexed in this run. */
  entities: { people: number; organizations: number; places: number; countries: number };
  /** Entity values in the whole index after the run (the typeahead's entity index); null when untouched. */
  entityValues: number | null;
  /** Inputs not indexed, each with its reason: unreadable paths, bad files, bad lines, empty articles, failed documents. */
  skipped: Skipped[];
  /** Articles not indexed because another article of the same title and text was (`of`, found in `ofWhere`). */
  copies: Array<{ path: string; line?: number; of: string; ofWhere: string }>;
  warnings: Array<{ path: string; message: string }>;
  rebuilt: boolean;
  durationMs: number;
  /** Runs it took: more than 1 when Meilisearch went away and the command resumed. */
  attempts: number;
  /** With `sync`: the articles deleted because their source is gone, and their paragraphs. */
  deleted?: { articles: number; paragraphs: number; ids: string[] };
  /** Story clusters after the run (issue 17), when anything changed; with the time they took. */
  clusters?: ClusterSummary;
}

/** Paragraph documents per add-documents task, unless `batchSize` says otherwise. */
export const DEFAULT_BATCH = 4_000;
const STAGING_SUFFIX = '_next';

export async function indexArticles(deps: IndexDeps, options: IndexOptions): Promise<IndexSummary> {
  const started = Date.now();
  const { admin, resources, log } = deps;
  const live = indexNames(deps.prefix);
  const staging = indexNames(deps.prefix, STAGING_SUFFIX);
  const rebuild = options.rebuild ?? false;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;

  // A rebuild that was interrupted leaves staging indexes behind: remove them before anything else.
  for (const uid of options.incremental ? [] : [staging.paragraphs, staging.articles]) {
    if (await indexExists(admin, uid)) {
      log.warn({ index: uid }, 'removing a half-built index left by an interrupted --rebuild');
      await runTask(admin, () => admin.deleteIndex(uid));
    }
  }
  const target: IndexNames = rebuild ? staging : live;
  if (!options.incremental?.settingsApplied) {
    const synonyms = synonymsFromAliases(resources);
    await applySettings(admin, target.paragraphs, paragraphSettings(synonyms));
    await applySettings(admin, target.articles, articleSettings(synonyms));
    // Derived indexes are never staged; their settings are brought up to date on every run, so a
    // data dir made by an older version gets them too.
    await applySettings(admin, live.entities, ENTITY_SETTINGS);
    await applySettings(admin, live.phrases, PHRASE_SETTINGS);
  }

  const fingerprint = pipelineFingerprint(resources);
  let read = options.read ?? readSource;
  /** Articles already cleaned (the push API's, to find what the index holds of them). */
  const cleaned = new Map<RawArticle, ReturnType<typeof cleanAndSplit>>();
  let known: Map<string, KnownArticle>;
  if (rebuild) {
    known = new Map();
  } else if (options.incremental && options.sources) {
    // The push API: a few articles into an index of any size. Only their own records and the
    // articles of the same text are read, not every record (a read that grew with the index).
    // Each article is cleaned here once, and the loop below takes the result.
    const items = new Map<SourceFile, ReadItem[]>();
    const ids = new Set<string>();
    const textHashes = new Set<string>();
    for (const file of options.sources) {
      const list: ReadItem[] = [];
      for await (const item of read(file)) {
        list.push(item);
        if (item.kind !== 'article') continue;
        const result = cleanAndSplit(item.article, fingerprint);
        cleaned.set(item.article, result);
        ids.add(result.article.id);
        textHashes.add(result.textHash);
      }
      items.set(file, list);
    }
    known = await loadKnownArticles(admin, target.articles, { ids: [...ids], textHashes: [...textHashes] });
    read = async function* (file) {
      yield* items.get(file) ?? [];
    };
  } else {
    known = await loadKnownArticles(admin, target.articles);
  }
  // Whose words each text is: the articles already indexed, then each one this run indexes.
  const texts = new Map<string, { id: string; where: string }>();
  for (const [id, article] of known) if (article.textHash) texts.set(article.textHash, { id, where: 'the index' });

  const summary: IndexSummary = {
    files: { listed: 0, unreadable: 0, ignored: 0 },
    articles: { read: 0, added: 0, updated: 0, unchanged: 0, empty: 0, duplicate: 0, copies: 0, failed: 0 },
    paragraphs: { indexed: 0, staleDeleted: 0 },
    entities: { people: 0, organizations: 0, places: 0, countries: 0 },
    entityValues: null,
    skipped: [],
    copies: [],
    warnings: [],
    rebuilt: rebuild,
    durationMs: 0,
    attempts: 1,
  };
  const entitySets = { people: new Set<string>(), organizations: new Set<string>(), places: new Set<string>(), countries: new Set<string>() };

  const walk = options.sources ? { files: options.sources, problems: [], ignored: 0 } : await listSources(options.paths, { followSymlinks: options.followSymlinks });
  summary.files = { listed: walk.files.length, unreadable: walk.problems.length, ignored: walk.ignored };
  for (const problem of walk.problems) summary.skipped.push({ path: problem.path, reason: problem.reason });

  const progress: IndexProgress = {
    filesDone: 0,
    filesTotal: walk.files.length,
    bytesDone: 0,
    bytesTotal: walk.files.reduce((sum, f) => sum + f.size, 0),
    articles: 0,
    paragraphs: 0,
  };
  const seenIds = new Map<string, string>();
  const sender = new BatchSender({
    admin,
    target,
    log,
    batchSize,
    outcome: {
      indexed(record, staleDeleted) {
        summary.paragraphs.indexed += record.paragraphCount;
        summary.paragraphs.staleDeleted += staleDeleted;
        for (const key of ['people', 'organizations', 'places', 'countries'] as const) {
          for (const value of record[key]) entitySets[key].add(value);
        }
      },
      rejected(id, origin, reason) {
        summary.articles.failed++;
        if (updates.has(id)) summary.articles.updated--;
        else summary.articles.added--;
        summary.skipped.push({ ...origin, reason: `rejected by Meilisearch: ${reason}` });
      },
    },
  });
  const updates = new Set<string>();
  const readWhole = new Set<string>();

  try {
    let lastProgress = 0;
    for (const file of walk.files) {
      let bytesInFile = 0;
      let skippedPart = false;
      for await (const item of read(file)) {
        if (item.bytes) {
          bytesInFile += item.bytes;
          progress.bytesDone += item.bytes;
        }
        if (item.kind === 'skip') {
          summary.skipped.push({ path: item.origin.path, line: item.origin.line, reason: item.reason });
          skippedPart = true;
          continue;
        }
        summary.articles.read++;
        for (const message of item.warnings) summary.warnings.push({ path: item.article.origin.path, message });
        const { article, hash, textHash } = cleaned.get(item.article) ?? cleanAndSplit(item.article, fingerprint);
        const where = formatOrigin(article.origin);
        const firstSeen = seenIds.get(article.id);
        if (firstSeen !== undefined) {
          summary.articles.duplicate++;
          summary.skipped.push({ ...article.origin, reason: `duplicate article id "${article.id}" (first seen in ${firstSeen}); give each article a unique id` });
          continue;
        }
        seenIds.set(article.id, where);
        if (article.paragraphs.length === 0) {
          summary.articles.empty++;
          summary.skipped.push({ ...article.origin, reason: 'no body text left after removing boilerplate' });
          continue;
        }
        const previous = known.get(article.id);
        // The same story under another id is indexed once. An article the index already holds under
        // its own id keeps its place (an index built before copies were skipped keeps them until
        // `--rebuild`).
        const original = texts.get(textHash);
        if (original && original.id !== article.id && !previous) {
          summary.articles.copies++;
          summary.copies.push({ ...article.origin, of: original.id, ofWhere: original.where });
          continue;
        }
        if (!original) texts.set(textHash, { id: article.id, where });
        if (previous?.hash === hash && !options.force) {
          summary.articles.unchanged++;
          continue;
        }
        const prepared = prepare(article, { hash, textHash }, resources);
        let stale: { from: number; count: number } | undefined;
        if (previous) {
          summary.articles.updated++;
          updates.add(article.id);
          const shrunk = previous.paragraphCount - prepared.paragraphs.length;
          if (shrunk > 0) stale = { from: prepared.paragraphs.length, count: shrunk };
        } else {
          summary.articles.added++;
        }
        progress.articles++;
        progress.paragraphs += prepared.paragraphs.length;
        await sender.add(prepared, stale);
        if (options.onProgress && Date.now() - lastProgress > 100) {
          lastProgress = Date.now();
          options.onProgress({ ...progress });
        }
      }
      if (!skippedPart) readWhole.add(file.path);
      progress.filesDone++;
      progress.bytesDone += Math.max(0, file.size - bytesInFile);
      options.onProgress?.({ ...progress });
    }
    await sender.finish();
  } finally {
    sender.close();
  }

  // Near-duplicates are clustered over the whole index, new articles with old ones.
  if (rebuild || (!options.deferClusters && summary.articles.added + summary.articles.updated > 0)) summary.clusters = await assignClusters(admin, target);
  if (rebuild) await swapIn(admin, live, staging, log);
  if (options.sync && !rebuild) {
    // Seen ids include copies and duplicates: their articles are still in their sources.
    const ids = goneArticles(known, options.paths, new Set([...seenIds.keys(), ...summary.copies.map((c) => c.of)]), readWhole);
    const paragraphs = ids.length ? await deleteArticles(admin, live, ids) : 0;
    summary.deleted = { articles: ids.length, paragraphs, ids };
    if (ids.length) log.info({ articles: ids.length, paragraphs }, 'deleted articles whose source is gone');
  }
  const changed = rebuild || summary.articles.added + summary.articles.updated > 0 || summary.paragraphs.staleDeleted > 0 || (summary.deleted?.articles ?? 0) > 0;
  if (!options.deferDerived && (changed || (await isEmpty(admin, live.entities)) || (await isEmpty(admin, live.phrases)))) {
    // Independent of each other: their facet reads and document sends overlap.
    [summary.entityValues] = await Promise.all([refreshEntityIndex(admin, live, resources), refreshPhraseIndex(admin, live)]);
  }

  for (const key of Object.keys(entitySets) as Array<keyof typeof entitySets>) summary.entities[key] = entitySets[key].size;
  summary.durationMs = Date.now() - started;
  return summary;
}

async function isEmpty(admin: Meilisearch, uid: string): Promise<boolean> {
  return (await meili(() => admin.index(uid).getStats())).numberOfDocuments === 0;
}

interface KnownArticle {
  hash: string;
  /** Absent in records written before issue 15. */
  sourcePath?: string | null;
  paragraphCount: number;
  /** Absent in records written before copies were detected. */
  textHash?: string;
}

const KNOWN_FIELDS: Array<keyof ArticleRecord> = ['id', 'hash', 'paragraphCount', 'textHash', 'sourcePath'];
/** Filter values per request when only some articles are read. */
const KNOWN_CHUNK = 200;

/**
 * The content hash and paragraph count of the articles already indexed, for change and copy
 * detection: every article, or (`only`) those of these ids and those of these texts.
 */
async function loadKnownArticles(admin: Meilisearch, articlesIndex: string, only?: { ids: string[]; textHashes: string[] }): Promise<Map<string, KnownArticle>> {
  const known = new Map<string, KnownArticle>();
  const add = (docs: ArticleRecord[]) => {
    for (const doc of docs) known.set(doc.id, { hash: doc.hash, paragraphCount: doc.paragraphCount, textHash: doc.textHash, sourcePath: doc.sourcePath });
  };
  const index = admin.index<ArticleRecord>(articlesIndex);
  if (only) {
    // One request per chunk of ids and texts (a push is one chunk).
    for (let i = 0; i < Math.max(only.ids.length, only.textHashes.length); i += KNOWN_CHUNK) {
      const ids = only.ids.slice(i, i + KNOWN_CHUNK);
      const texts = only.textHashes.slice(i, i + KNOWN_CHUNK);
      const filter = [ids.length ? `id IN [${ids.map(quote).join(', ')}]` : '', texts.length ? `textHash IN [${texts.map(quote).join(', ')}]` : ''].filter(Boolean).join(' OR ');
      try {
        // A text is held under more than one id only in an index built before copies were skipped.
        add((await meili(() => index.getDocuments({ filter, fields: KNOWN_FIELDS, limit: 10 * (ids.length + texts.length) }))).results);
      } catch (error) {
        // Before the first article there is no index yet: nothing is known.
        if (error instanceof LedeError && error.code === 'index_not_found') return known;
        throw error;
      }
    }
    return known;
  }
  const limit = 10_000;
  for (let offset = 0; ; offset += limit) {
    const page = await meili(() => index.getDocuments({ fields: KNOWN_FIELDS, limit, offset }));
    add(page.results);
    if (page.results.length < limit) return known;
  }
}

/** Swaps the staging indexes in, in one atomic swap, then drops the old content. */
async function swapIn(admin: Meilisearch, live: IndexNames, staging: IndexNames, log: Logger): Promise<void> {
  await ensureIndex(admin, live.paragraphs);
  await ensureIndex(admin, live.articles);
  await runTask(admin, () =>
    admin.swapIndexes([
      { indexes: [live.paragraphs, staging.paragraphs], rename: false },
      { indexes: [live.articles, staging.articles], rename: false },
    ]),
  );
  await runTask(admin, () => admin.deleteIndex(staging.paragraphs));
  await runTask(admin, () => admin.deleteIndex(staging.articles));
  log.info({ indexes: [live.paragraphs, live.articles] }, 'rebuilt indexes swapped in');
}

export function formatOrigin(origin: { path: string; line?: number }): string {
  return origin.line ? `${origin.path}:${origin.line}` : origin.path;
}
