/**
 * The push API for CMSs, mounted at /api/admin only when `LEDE_ADMIN_TOKEN` is set (else these
 * paths answer 404 like any unknown one):
 *   POST   /api/admin/articles       one article (JSON object), an array, or NDJSON
 *   PUT    /api/admin/articles/:id   one article, under that id
 *   DELETE /api/admin/articles/:id
 *   GET    /api/admin/jobs/:id       a large batch's outcome (it was answered 202 with the job)
 * `Authorization: Bearer <token>`, compared in constant time (SHA-256 of both, timingSafeEqual);
 * 401 without it. The token is never logged (the request log has no headers).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { Router, type RequestHandler } from 'express';
import { invalidParameter, LedeError, notFound } from '../../errors.js';
import { articleIdSchema } from '../search/params.js';
import type { PushService } from './push.js';

/** Batches above this many articles are answered 202 with a job to poll. */
export const SYNC_BATCH_LIMIT = 100;
const MAX_BODY = '32mb';
/**
 * How long a push is waited for before the answer becomes 202 with a job (the push goes on, and
 * the job tells its outcome). The push API is not under the search routes' request deadline: an
 * answer must say what happened, not that the engine was slow while the articles went in anyway.
 */
export const SYNC_WAIT_MS = 20_000;

/** The push's result, or undefined when it is still running after `ms`. */
async function within<T>(running: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  try {
    return await Promise.race([running, late]);
  } finally {
    clearTimeout(timer);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

export function bearerAuth(token: string): RequestHandler {
  const expected = digest(token);
  return (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      next(new LedeError({ code: 'unauthorized', message: 'Missing or wrong bearer token.', suggestion: 'Send Authorization: Bearer <LEDE_ADMIN_TOKEN>.' }));
      return;
    }
    next();
  };
}

/** The request body as a list of records: a JSON object, a JSON array, or NDJSON lines. */
function records(body: unknown, contentType: string | undefined): unknown[] {
  if (typeof body === 'string') {
    if (!/ndjson|jsonl|x-ndjson/.test(contentType ?? '') && body.trim().startsWith('[')) return records(parseJson(body, 'body'), undefined);
    return body
      .split('\n')
      .map((line, i) => ({ line: line.trim(), i }))
      .filter(({ line }) => line !== '')
      .map(({ line, i }) => parseJson(line, `line ${i + 1}`));
  }
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object') return [body];
  throw invalidParameter('body', 'The body must be an article (JSON object), an array of them, or NDJSON.');
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidParameter('body', `${where} is not JSON: ${(error as Error).message}`);
  }
}

export function adminRoutes(push: PushService, token: string): Router {
  const router = Router();
  router.use(bearerAuth(token));
  router.use(express.json({ limit: MAX_BODY, strict: false, type: ['application/json'] }));
  router.use(express.text({ limit: MAX_BODY, type: ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'text/plain'] }));

  router.post('/articles', async (req, res) => {
    const list = records(req.body, req.get('content-type'));
    if (list.length === 0) throw invalidParameter('body', 'No articles in the body.');
    if (list.length > SYNC_BATCH_LIMIT) {
      const job = push.startJob(list);
      res.status(202).location(`/api/admin/jobs/${job.id}`).json({ job });
      return;
    }
    const running = push.push(list);
    const result = await within(running, SYNC_WAIT_MS);
    if (!result) {
      const job = push.jobFor(running, list.length);
      res.status(202).location(`/api/admin/jobs/${job.id}`).json({ job });
      return;
    }
    // Every article refused: the request was bad. Some refused: the rest went in (200, with reasons).
    res.status(result.rejected.length === list.length ? 400 : 200).json(result);
  });

  router.put('/articles/:id', async (req, res) => {
    const id = articleIdSchema.safeParse(req.params.id);
    if (!id.success) throw invalidParameter('id', `"id" ${id.error.issues[0]!.message}.`);
    const list = records(req.body, req.get('content-type'));
    if (list.length !== 1) throw invalidParameter('body', 'PUT takes one article (a JSON object).');
    const running = push.push(list, id.data);
    const result = await within(running, SYNC_WAIT_MS);
    if (!result) {
      const job = push.jobFor(running, 1);
      res.status(202).location(`/api/admin/jobs/${job.id}`).json({ job });
      return;
    }
    res.status(result.rejected.length ? 400 : 200).json(result);
  });

  router.delete('/articles/:id', async (req, res) => {
    const id = articleIdSchema.safeParse(req.params.id);
    if (!id.success) throw invalidParameter('id', `"id" ${id.error.issues[0]!.message}.`);
    if (!(await push.delete(id.data))) throw notFound(`No article "${id.data}".`);
    res.json({ deleted: id.data });
  });

  router.get('/jobs/:id', (req, res) => {
    const job = push.job(req.params.id);
    if (!job) throw notFound(`No job "${req.params.id}".`);
    res.json({ job });
  });
  return router;
}
