/**
 * The boundary to Meilisearch. Clients are created here, every Meilisearch error is turned into a
 * `LedeError` here (`wrapMeiliError`), and enqueued tasks are only ever reported done by
 * `waitForTasks`, which checks each task's final status.
 */
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTask,
  type Task,
} from 'meilisearch';
import { LedeError, isLedeError, searchUnavailable } from '../errors.js';
import { undiciHttpClient } from './http.js';

/** Index uids derived from the configured prefix. */
export interface IndexNames {
  /** One document per paragraph: what users search. */
  paragraphs: string;
  /** One record per article: display data, content hashes, article-level facets and key phrases. */
  articles: string;
  /** One document per entity value with its aliases and article count: typeahead and facet search. */
  entities: string;
  /** One document per key phrase with its article counts: typeahead completions. */
  phrases: string;
}

export function indexNames(prefix: string, suffix = ''): IndexNames {
  return {
    paragraphs: `${prefix}_paragraphs${suffix}`,
    articles: `${prefix}_articles${suffix}`,
    entities: `${prefix}_entities${suffix}`,
    phrases: `${prefix}_phrases${suffix}`,
  };
}

export interface ClientOptions {
  url: string;
  apiKey: string;
  /** Per-request timeout; the search path keeps it short so a hung engine becomes a 503 fast. */
  timeoutMs?: number;
  /** Send requests with undici's pooled `request` rather than `fetch` (the search path: see http.ts). */
  pooled?: boolean;
}

/**
 * Node's fetch asks for compressed responses by default, and Meilisearch's compressed replies cost
 * tens of milliseconds each on loopback; `identity` keeps a search at a couple of milliseconds.
 */
export function createClient({ url, apiKey, timeoutMs = 30_000, pooled = false }: ClientOptions): Meilisearch {
  return new Meilisearch({
    host: url,
    apiKey,
    timeout: timeoutMs,
    requestInit: { headers: { 'accept-encoding': 'identity' } },
    ...(pooled && { httpClient: undiciHttpClient() }),
  });
}

/** Turns any error from the Meilisearch client into one `LedeError`, once, at this boundary. */
export function wrapMeiliError(error: unknown): LedeError {
  if (isLedeError(error)) return error;
  // A custom HTTP client's API errors arrive wrapped in a request error (see http.ts).
  if (error instanceof MeilisearchRequestError && error.cause instanceof MeilisearchApiError) return wrapMeiliError(error.cause);
  if (error instanceof MeilisearchRequestError || error instanceof MeilisearchRequestTimeOutError) {
    return searchUnavailable(error);
  }
  if (error instanceof MeilisearchTaskTimeOutError) {
    return new LedeError({
      code: 'task_failed',
      message: `Meilisearch task ${error.cause.taskUid} did not finish within ${error.cause.timeout / 1000} s.`,
      suggestion: 'The engine is busy or stuck; check its log, then run the command again (it is safe to re-run).',
      cause: error,
    });
  }
  if (error instanceof MeilisearchApiError) {
    const body = error.cause;
    if (body?.code === 'index_not_found') {
      return new LedeError({
        code: 'index_not_found',
        message: body.message,
        suggestion: 'Index some articles first: `npx lede index <paths…>`.',
        cause: error,
      });
    }
    const status = error.response.status;
    if (status === 401 || status === 403) {
      return new LedeError({
        code: 'meilisearch_error',
        message: `Meilisearch refused the API key: ${body?.message ?? status}`,
        suggestion: 'Check MEILI_MASTER_KEY for the server at MEILI_URL.',
        cause: error,
      });
    }
    if (status >= 500) return searchUnavailable(error);
    return new LedeError({ code: 'meilisearch_error', message: `Meilisearch: ${body?.message ?? error.message}`, cause: error });
  }
  if (error instanceof TypeError && /fetch failed/.test(error.message)) return searchUnavailable(error);
  return new LedeError({ code: 'internal', message: error instanceof Error ? error.message : String(error), cause: error });
}

/** Runs a Meilisearch call, wrapping its failure. */
export async function meili<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw wrapMeiliError(error);
  }
}

export class TaskFailedError extends LedeError {
  readonly task: Task;
  constructor(task: Task) {
    super({
      code: 'task_failed',
      message: `Meilisearch task ${task.uid} (${task.type} on ${task.indexUid ?? 'no index'}) ${task.status}: ${task.error?.message ?? 'no reason given'}`,
      suggestion: task.error?.link ? `See ${task.error.link}` : undefined,
      details: { taskUid: task.uid, engineCode: task.error?.code },
    });
    this.task = task;
  }
}

/**
 * Waits until each task has finished and checks that it succeeded.
 *
 * @throws TaskFailedError for the first task that failed or was canceled.
 */
export async function waitForTasks(
  client: Meilisearch,
  tasks: Array<EnqueuedTask | number>,
  timeoutMs = 10 * 60_000,
): Promise<Task[]> {
  const done: Task[] = [];
  for (const task of tasks) {
    const uid = typeof task === 'number' ? task : task.taskUid;
    const finished = await pollTask(client, uid, timeoutMs);
    if (finished.status !== 'succeeded') throw new TaskFailedError(finished);
    done.push(finished);
  }
  return done;
}

const FINISHED = new Set(['succeeded', 'failed', 'canceled']);

/**
 * Polls a task until it finishes: quickly at first (most tasks take milliseconds), every 50 ms for
 * its first two seconds, then every 250 ms. A push waits for two tasks of 100–400 ms one after the
 * other; doubling up to 250 ms saw each of them up to 150 ms after it had finished.
 */
async function pollTask(client: Meilisearch, uid: number, timeoutMs: number): Promise<Task> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const task = await meili(() => client.tasks.getTask(uid));
    if (FINISHED.has(task.status)) return task;
    if (Date.now() > deadline) throw wrapMeiliError(new MeilisearchTaskTimeOutError(uid, timeoutMs));
    const cap = Date.now() - started < 2_000 ? 50 : 250;
    await new Promise((resolve) => setTimeout(resolve, Math.min(cap, 10 * 2 ** attempt)));
  }
}

/** Enqueues with `enqueue`, waits, and checks the task succeeded. */
export async function runTask(client: Meilisearch, enqueue: () => Promise<EnqueuedTask>): Promise<Task> {
  const enqueued = await meili(enqueue);
  const [task] = await waitForTasks(client, [enqueued]);
  return task!;
}

/** The name every search key of a prefix carries, so a start finds the keys of earlier starts. */
function searchKeyName(prefix: string): string {
  return `lede search (${prefix})`;
}

/**
 * Rotates the search-only key of lede's indexes: creates a new key (with the master key) that
 * may search exactly `<prefix>_paragraphs`, `_articles`, `_entities` and `_phrases` — not
 * `<prefix>_*`, which would cover other prefixes on a shared engine too ("lede" would reach
 * "lede_staging_articles") — and deletes the keys earlier starts created for this prefix, so a
 * key that leaked is good only until the next start. The server deletes its key when it stops.
 * One server per prefix and engine: a second one started on the same prefix revokes the first's key.
 */
export async function rotateSearchKey(admin: Meilisearch, prefix: string): Promise<{ key: string; uid: string }> {
  const name = searchKeyName(prefix);
  const names = indexNames(prefix);
  const created = await meili(() =>
    admin.createKey({
      name,
      description: 'Search-only key used by the lede API; created by lede at start-up and replaced at the next.',
      actions: ['search'],
      indexes: [names.paragraphs, names.articles, names.entities, names.phrases],
      expiresAt: null,
    }),
  );
  const previous = await meili(() => admin.getKeys({ limit: 1_000 }));
  for (const key of previous.results) {
    if (key.name === name && key.uid !== created.uid) await meili(() => admin.deleteKey(key.uid));
  }
  return { key: created.key, uid: created.uid };
}

/** Deletes a search key (at shutdown); an engine already gone is not an error. */
export async function revokeSearchKey(admin: Meilisearch, uid: string): Promise<void> {
  try {
    await admin.deleteKey(uid);
  } catch {
    // The engine is down or the key was rotated by a newer start: nothing to revoke.
  }
}
