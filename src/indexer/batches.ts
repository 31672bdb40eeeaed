/**
 * Sends prepared articles to Meilisearch in batches and confirms them, keeping Meilisearch busy
 * while the pipeline goes on reading and extracting.
 *
 * Meilisearch indexes much faster in large auto-batches than task by task, and sits idle whenever
 * the pipeline waits on it, so batches are enqueued as soon as they are full and confirmed later.
 * To keep memory flat, a batch's documents are spilled to a temporary NDJSON file once enqueued
 * (read back only to retry a rejected batch). Each paragraph task is waited for and its status checked;
 * only then are the batch's article records (which carry the content hashes) enqueued, so a run
 * that dies never marks an article done whose paragraphs are not in. A batch the engine rejects is
 * retried in halves until the bad articles are isolated: one bad document costs only its article.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EnqueuedTask, Meilisearch } from 'meilisearch';
import type { ArticleRecord } from '../ingest/documents.js';
import type { PreparedArticle } from '../ingest/pipeline.js';
import type { Logger } from '../log.js';
import { meili, TaskFailedError, waitForTasks, type IndexNames } from '../meili/client.js';
import { quote } from '../meili/filter.js';
import { collectIfLarge } from './memory.js';

/** One article of a batch, reduced to what sending and confirming need. */
interface Entry {
  id: string;
  origin: { path: string; line?: number };
  record: ArticleRecord;
  /** Its paragraph documents as NDJSON, until the batch is enqueued and spilled to disk. */
  documents?: string;
  lineCount: number;
  /** Positions from here on are left over from a longer earlier version, to delete. */
  staleFrom?: number;
  staleCount: number;
}

interface InFlight {
  entries: Entry[];
  /** The batch's NDJSON on disk, entries' lines in order. */
  file: string;
  tasks: EnqueuedTask[];
}

export interface BatchOutcome {
  /** Articles confirmed in, with their paragraph counts. */
  indexed(record: ArticleRecord, staleDeleted: number): void;
  /** An article the engine rejected, with its reason. */
  rejected(id: string, origin: Entry['origin'], reason: string): void;
}

export interface BatchSenderOptions {
  admin: Meilisearch;
  target: IndexNames;
  log: Logger;
  outcome: BatchOutcome;
  /** Paragraph documents per add-documents task. */
  batchSize: number;
  /** Batches enqueued but not yet confirmed, at most. */
  maxBatchesInFlight?: number;
}

/**
 * Each batch in flight holds its articles' records (whole texts, facets, signatures) until the
 * engine confirms it: 64 of 4,000 paragraphs held the whole corpus when the engine lagged (peak RSS
 * of `lede index` 700 MB). Four keep the engine's queue full enough to batch tasks together (~30 MB
 * less at the peak than 8; with the heap policy of memory.ts, the whole corpus took ~8% longer).
 */
const DEFAULT_MAX_BATCHES_IN_FLIGHT = 4;
/** Article-record tasks left unconfirmed before the oldest is waited for. */
const MAX_RECORD_TASKS = 16;

export class BatchSender {
  readonly #options: Required<BatchSenderOptions>;
  #current: Entry[] = [];
  #currentParagraphs = 0;
  readonly #inFlight: InFlight[] = [];
  readonly #recordTasks: EnqueuedTask[] = [];
  readonly #spillDir = mkdtempSync(path.join(tmpdir(), 'lede-batches-'));
  #batches = 0;

  constructor(options: BatchSenderOptions) {
    this.#options = { maxBatchesInFlight: DEFAULT_MAX_BATCHES_IN_FLIGHT, ...options };
  }

  /** Queues an article; `staleFrom` marks an update that now has fewer paragraphs than before. */
  async add(prepared: PreparedArticle, stale?: { from: number; count: number }): Promise<void> {
    const documents = prepared.paragraphs.map((p) => JSON.stringify(p)).join('\n');
    this.#current.push({
      id: prepared.article.id,
      origin: prepared.article.origin,
      record: prepared.record,
      documents,
      lineCount: prepared.paragraphs.length,
      staleFrom: stale?.from,
      staleCount: stale?.count ?? 0,
    });
    this.#currentParagraphs += prepared.paragraphs.length;
    if (this.#currentParagraphs >= this.#options.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#current.length === 0) return;
    const entries = this.#current;
    this.#current = [];
    this.#currentParagraphs = 0;
    const ndjson = entries.map((e) => e.documents).join('\n');
    const file = path.join(this.#spillDir, `${this.#batches++}.ndjson`);
    writeFileSync(file, ndjson);
    for (const entry of entries) entry.documents = undefined;
    this.#inFlight.push({ entries, file, tasks: await this.#enqueue(entries, ndjson) });
    collectIfLarge();
    while (this.#inFlight.length > this.#options.maxBatchesInFlight) await this.#settleOldest();
  }

  /** Sends what is left and waits for every task. */
  async finish(): Promise<void> {
    await this.flush();
    while (this.#inFlight.length > 0) await this.#settleOldest();
    await waitForTasks(this.#options.admin, this.#recordTasks.splice(0));
  }

  /** Removes the spilled batches. Safe to call more than once. */
  close(): void {
    rmSync(this.#spillDir, { recursive: true, force: true });
  }

  async #enqueue(entries: Entry[], ndjson: string): Promise<EnqueuedTask[]> {
    const { admin, target } = this.#options;
    const index = admin.index(target.paragraphs);
    const tasks = [await meili(() => index.addDocumentsFromString(ndjson, 'application/x-ndjson', { primaryKey: 'id' }))];
    const stale = entries.filter((e) => e.staleFrom !== undefined);
    if (stale.length > 0) {
      const filter = stale.map((e) => `(articleId = ${quote(e.id)} AND position >= ${e.staleFrom})`).join(' OR ');
      tasks.push(await meili(() => index.deleteDocuments({ filter })));
    }
    return tasks;
  }

  async #settleOldest(): Promise<void> {
    const flight = this.#inFlight.shift()!;
    const confirmed = await this.#confirm(flight);
    rmSync(flight.file, { force: true });
    if (confirmed.length === 0) return;
    const { admin, target, outcome } = this.#options;
    const records = confirmed.map((e) => e.record);
    this.#recordTasks.push(await meili(() => admin.index(target.articles).addDocuments(records, { primaryKey: 'id' })));
    for (const entry of confirmed) outcome.indexed(entry.record, entry.staleCount);
    while (this.#recordTasks.length > MAX_RECORD_TASKS) await waitForTasks(admin, [this.#recordTasks.shift()!]);
  }

  /** Waits for a batch; on rejection, bisects it. Returns the entries that made it in. */
  async #confirm(flight: { entries: Entry[]; tasks: EnqueuedTask[]; lines?: string[]; file?: string }): Promise<Entry[]> {
    const { admin, log, outcome } = this.#options;
    try {
      await waitForTasks(admin, flight.tasks);
      return flight.entries;
    } catch (error) {
      if (!(error instanceof TaskFailedError)) throw error;
      const reason = error.task.error?.message ?? error.message;
      if (flight.entries.length === 1) {
        const entry = flight.entries[0]!;
        outcome.rejected(entry.id, entry.origin, reason);
        return [];
      }
      log.warn({ articles: flight.entries.length, reason }, 'Meilisearch rejected a batch; retrying it in halves to isolate the bad documents');
      const lines = flight.lines ?? readFileSync(flight.file!, 'utf8').split('\n');
      const half = Math.ceil(flight.entries.length / 2);
      const cut = flight.entries.slice(0, half).reduce((n, e) => n + e.lineCount, 0);
      const confirmed: Entry[] = [];
      for (const [part, partLines] of [
        [flight.entries.slice(0, half), lines.slice(0, cut)],
        [flight.entries.slice(half), lines.slice(cut)],
      ] as const) {
        const tasks = await this.#enqueue(part, partLines.join('\n'));
        confirmed.push(...(await this.#confirm({ entries: part, tasks, lines: partLines })));
      }
      return confirmed;
    }
  }
}
