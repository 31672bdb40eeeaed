/**
 * The push API's work: articles sent by a CMS go through the same pipeline as `lede index`
 * (record validation, cleaning, entities, change detection by content hash, copies), one batch at
 * a time, and every Meilisearch task is waited for before the answer says what happened.
 * Deletes remove the article's record and paragraphs and refresh the derived typeahead indexes;
 * `onChange` lets the server drop its cached typeahead answers. Story clusters and the typeahead's
 * derived indexes are brought up to date beside the calls, not within them (`#scheduleDerivedRefresh`).
 */
import { randomUUID } from 'node:crypto';
import type { Meilisearch } from 'meilisearch';
import pLimit from 'p-limit';
import { articleIdFromField } from '../../ingest/article-id.js';
import type { EntityResources } from '../../ingest/entities/index.js';
import type { ReadItem } from '../../ingest/readers/index.js';
import { recordToArticle } from '../../ingest/readers/record.js';
import { assignClusters } from '../../clusters/assign.js';
import { refreshEntityIndex, refreshPhraseIndex } from '../../indexer/derived-indexes.js';
import { indexArticles } from '../../indexer/indexer.js';
import { deleteArticles } from '../../indexer/sync.js';
import type { Logger } from '../../log.js';
import { indexNames, meili } from '../../meili/client.js';
import { quote } from '../../meili/filter.js';
import { LedeError } from '../../errors.js';

export interface Rejection {
  /** Position in the request (0-based). */
  index: number;
  id?: string;
  /** The field at fault, where one is. */
  field?: string;
  reason: string;
}

export interface PushResult {
  received: number;
  added: string[];
  updated: string[];
  unchanged: string[];
  rejected: Rejection[];
}

export interface Job {
  id: string;
  status: 'running' | 'done' | 'failed';
  received: number;
  result?: PushResult;
  error?: string;
  createdAt: string;
}

const MAX_JOBS = 1_000;
/**
 * The typeahead's derived indexes are brought up to date at most this long after a push (pushes in
 * between join the same refresh), so a steady stream of pushes cannot postpone it.
 */
const DERIVED_REFRESH_DELAY_MS = 500;
/**
 * Under a stream of additions, background refreshes start at most this often: each one reads the
 * whole article index (entity, phrase and cluster scans), and back to back they compete with the
 * searches and the pushes for the engine. Takedowns and corrections do not wait for it: their
 * refresh runs within the call.
 */
const DERIVED_REFRESH_MIN_INTERVAL_MS = 5_000;
const PUSH_ORIGIN = 'api#';

export interface PushDeps {
  admin: Meilisearch;
  prefix: string;
  resources: EntityResources;
  log: Logger;
  onChange?: () => void;
}

/**
 * `work` run so that every call is answered by a run that started after it, one run at a time:
 * calls made while a run goes on share the next one. A stream of pushes then costs one refresh
 * after another, never a queue of them that falls ever further behind.
 */
export function coalesce(work: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const request = (): Promise<void> => {
    if (!running) {
      running = work().finally(() => {
        running = undefined;
      });
      return running;
    }
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return request();
      });
    return next;
  };
  return request;
}

export class PushService {
  readonly #deps: PushDeps;
  /** One batch at a time: change detection reads what the previous batch wrote. */
  readonly #queue = pLimit(1);
  /** One derived-index refresh at a time, beside the pushes (it reads the index, it does not hold them up). */
  readonly #refreshDerived = coalesce(() => this.#deriveIndexes());
  /** Story clusters, the same way, apart: a takedown waits for the counts, not for clustering. */
  readonly #refreshClusters = coalesce(async () => {
    await assignClusters(this.#deps.admin, indexNames(this.#deps.prefix));
  });
  /** Settings are applied by the first push only. */
  #settingsApplied = false;
  readonly #jobs = new Map<string, Job>();

  constructor(deps: PushDeps) {
    this.#deps = deps;
  }

  /** Validates, indexes and waits; each bad article is rejected with its reason, the rest go in. */
  async push(records: unknown[], forcedId?: string): Promise<PushResult> {
    const result = await this.#queue(() => this.#push(records, forcedId));
    // A correction is complete when the call returns, as a takedown is: its entity and phrase
    // counts too. Waited for outside the queue, so the next push does not wait with it.
    if (result.updated.length > 0) await this.#refreshDerived();
    return result;
  }

  async #push(records: unknown[], forcedId?: string): Promise<PushResult> {
    const result: PushResult = { received: records.length, added: [], updated: [], unchanged: [], rejected: [] };
    const items: ReadItem[] = [];
    const idAt = new Map<number, string>();
    records.forEach((record, index) => {
      const origin = { path: `${PUSH_ORIGIN}${index}` };
      try {
        const value = forcedId !== undefined && record && typeof record === 'object' && !Array.isArray(record) ? { ...(record as object), id: forcedId } : record;
        const r = value as { id?: unknown; url?: unknown };
        if (r && typeof r === 'object' && r.id === undefined && typeof r.url !== 'string') {
          throw Object.assign(new Error('"id": required (or a "url" to derive it from)'), { field: 'id' });
        }
        const fallback = typeof r?.url === 'string' ? articleIdFromField(r.url) : '';
        const article = recordToArticle(value, fallback, origin);
        idAt.set(index, article.id);
        items.push({ kind: 'article', article, warnings: [] });
      } catch (error) {
        const reason = (error as Error).message;
        result.rejected.push({ index, field: (error as { field?: string }).field ?? /"([^"]+)":/.exec(reason)?.[1], reason });
      }
    });
    if (items.length > 0) {
      const ids = [...new Set(idAt.values())];
      const before = await this.#existing(ids);
      const summary = await indexArticles(
        { admin: this.#deps.admin, prefix: this.#deps.prefix, resources: this.#deps.resources, log: this.#deps.log },
        {
          paths: [],
          deferDerived: true,
          deferClusters: true,
          incremental: { settingsApplied: this.#settingsApplied },
          sources: [{ path: 'api', relativePath: 'api', size: 0 }],
          read: async function* () {
            yield* items;
          },
        },
      );
      this.#settingsApplied = true;
      const skippedAt = new Map<number, string>();
      for (const skip of summary.skipped) {
        const index = Number(skip.path.slice(PUSH_ORIGIN.length));
        if (skip.path.startsWith(PUSH_ORIGIN) && Number.isInteger(index)) skippedAt.set(index, skip.reason);
      }
      const copies = new Map(summary.copies.map((c) => [Number(c.path.slice(PUSH_ORIGIN.length)), c.of]));
      // The index is the judge: its hashes before and after tell added, updated and unchanged apart.
      const after = await this.#existing(ids);
      for (const [index, id] of idAt) {
        const skipped = skippedAt.get(index);
        if (skipped) result.rejected.push({ index, id, reason: skipped });
        else if (copies.has(index)) result.rejected.push({ index, id, reason: `the same title and text as article "${copies.get(index)}", indexed once` });
        else if (!after.has(id)) result.rejected.push({ index, id, reason: 'not indexed' });
        else if (!before.has(id)) result.added.push(id);
        else if (before.get(id) === after.get(id)) result.unchanged.push(id);
        else result.updated.push(id);
      }
      if (summary.articles.added + summary.articles.updated > 0) {
        this.#deps.onChange?.();
        this.#scheduleDerivedRefresh();
      }
    }
    result.rejected.sort((a, b) => a.index - b.index);
    return result;
  }

  async #existing(ids: string[]): Promise<Map<string, string>> {
    const names = indexNames(this.#deps.prefix);
    const found = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      let page;
      try {
        page = await meili(() =>
        this.#deps.admin.index(names.articles).getDocuments<{ id: string; hash: string }>({ filter: `id IN [${chunk.map(quote).join(', ')}]`, fields: ['id', 'hash'], limit: chunk.length }),
        );
      } catch (error) {
        // Before the first article there is no index yet: nothing exists.
        if (error instanceof LedeError && error.code === 'index_not_found') return found;
        throw error;
      }
      for (const doc of page.results) found.set(doc.id, doc.hash);
    }
    return found;
  }

  #refreshTimer: NodeJS.Timeout | undefined;
  #lastBackgroundRefresh = 0;

  /**
   * Story clusters and the entity and phrase indexes (typeahead's entity and completion
   * suggestions) are derived from the whole index: brought up to date once,
   * DERIVED_REFRESH_DELAY_MS after a push (and at most every DERIVED_REFRESH_MIN_INTERVAL_MS), for
   * every push in between — not within the call, which
   * answers once the article's paragraph and record tasks have succeeded (it is then searchable,
   * and its title suggested). Clustering reads every article's signature: done within each push it
   * cost 2.5–4 s a call on the push benchmark's 3,600 articles. Only the counts that changed are
   * sent (derived-indexes.ts), so the engine is not kept from the next push's tasks.
   */
  #scheduleDerivedRefresh(): void {
    if (this.#refreshTimer) return;
    const delay = Math.max(DERIVED_REFRESH_DELAY_MS, this.#lastBackgroundRefresh + DERIVED_REFRESH_MIN_INTERVAL_MS - Date.now());
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = undefined;
      this.#lastBackgroundRefresh = Date.now();
      void this.#refreshDerived().catch((error: unknown) => this.#deps.log.error({ err: error }, 'push: refreshing the typeahead indexes failed'));
      void this.#refreshClusters().catch((error: unknown) => this.#deps.log.error({ err: error }, 'push: assigning story clusters failed'));
    }, delay);
    this.#refreshTimer.unref();
  }

  /** Refreshes the derived indexes from the index as it is when the refresh starts, then drops cached answers. */
  async #deriveIndexes(): Promise<void> {
    const names = indexNames(this.#deps.prefix);
    await Promise.all([refreshEntityIndex(this.#deps.admin, names, this.#deps.resources), refreshPhraseIndex(this.#deps.admin, names)]);
    this.#deps.onChange?.();
  }

  /**
   * Deletes an article everywhere; false when there was none. A takedown is complete when the call
   * returns: search, the article page, cached typeahead answers, and the entity and phrase counts
   * (their refresh is waited for; a refresh already running is followed by one that sees the delete).
   */
  delete(id: string): Promise<boolean> {
    return this.#queue(async () => {
      const names = indexNames(this.#deps.prefix);
      if ((await this.#existing([id])).size === 0) return false;
      await deleteArticles(this.#deps.admin, names, [id]);
      this.#deps.onChange?.();
      await this.#refreshDerived();
      return true;
    });
  }

  /** Starts a push in the background; its result is read with `job(id)`. */
  startJob(records: unknown[]): Job {
    return this.jobFor(this.push(records), records.length);
  }

  /** A job for a push already under way (one that outlived the wait of a synchronous answer). */
  jobFor(running: Promise<PushResult>, received: number): Job {
    const job: Job = { id: randomUUID(), status: 'running', received, createdAt: new Date().toISOString() };
    this.#jobs.set(job.id, job);
    if (this.#jobs.size > MAX_JOBS) this.#jobs.delete(this.#jobs.keys().next().value!);
    void running.then(
      (result) => Object.assign(job, { status: 'done', result }),
      (error: unknown) => {
        this.#deps.log.error({ err: error, job: job.id }, 'push job failed');
        Object.assign(job, { status: 'failed', error: error instanceof Error ? error.message : String(error) });
      },
    );
    return job;
  }

  job(id: string): Job | undefined {
    return this.#jobs.get(id);
  }
}
