/**
 * One deadline per request. The middleware gives each request an `AbortSignal` that fires after
 * `LEDE_REQUEST_TIMEOUT_MS` or when the client goes away, and keeps it in async context, so the
 * search path's HTTP client (meili/http.ts) cancels every Meilisearch call the request makes —
 * however many there are, one after another — without the service passing it along. A request
 * still waiting for a search slot at the deadline is answered 503 there and then; when its turn
 * comes, its calls fail at once on the aborted signal instead of loading the engine.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { deadlineExceeded } from '../errors.js';

const current = new AsyncLocalStorage<AbortSignal>();

/** The signal of the request being served, if any (the CLI and the indexer run without one). */
export function requestSignal(): AbortSignal | undefined {
  return current.getStore();
}

/** Runs `fn` with `signal` as the current request's signal (the middleware does this per request). */
export function withRequestSignal<T>(signal: AbortSignal, fn: () => T): T {
  return current.run(signal, fn);
}

/**
 * @param onTimeout answers the request at its deadline (the app's error handler); not called when
 *   a response has started.
 */
export function requestDeadline(timeoutMs: number, onTimeout: ErrorRequestHandler): RequestHandler {
  return (req, res, next) => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const error = deadlineExceeded(timeoutMs);
      controller.abort(error);
      if (!res.headersSent) onTimeout(error, req, res, () => {});
    }, timeoutMs);
    timer.unref();
    res.once('close', () => {
      clearTimeout(timer);
      // Closed before the response was complete: the client left, so its work is dropped.
      if (!res.writableFinished) controller.abort(new Error('client disconnected'));
    });
    withRequestSignal(controller.signal, () => next());
  };
}
