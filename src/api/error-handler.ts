/** The one place that turns errors into HTTP responses: `{ error: { code, message, param? } }`. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { LedeError, isLedeError } from '../errors.js';
import type { Logger } from '../log.js';

export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => {
    next(new LedeError({ code: 'not_found', message: `No route for ${req.method} ${req.path}.`, suggestion: 'See /api/openapi.json for the routes.' }));
  };
}

export function errorHandler(log: Logger, development: boolean): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    // Already answered (the request's deadline passed, api/deadline.ts): its late outcome is dropped.
    if (res.headersSent) return;
    const lede = toLedeError(error);
    if (lede.status >= 500) log.error({ err: lede.cause ?? lede, code: lede.code }, lede.message);
    if (lede.code === 'search_unavailable' || lede.code === 'index_not_found' || lede.code === 'timeout') res.setHeader('Retry-After', '5');
    const body: Record<string, unknown> = { error: lede.toJSON() };
    if (development && lede.status >= 500 && lede.cause instanceof Error) body.stack = lede.cause.stack;
    res.status(lede.status).json(body);
  };
}

/** Express and its body/URL parsers throw errors with `status`/`type`; keep their 4xx meaning. */
function toLedeError(error: unknown): LedeError {
  if (isLedeError(error)) return error;
  const status = (error as { status?: number; statusCode?: number })?.status ?? (error as { statusCode?: number })?.statusCode;
  // Express fails to decode a path parameter before any route runs; the API's one path parameter is an article id.
  if (error instanceof Error && /^Failed to decode param/.test(error.message)) {
    return new LedeError({ code: 'invalid_parameter', param: 'id', message: '"id" is not valid percent-encoded UTF-8.' });
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new LedeError({ code: status === 404 ? 'not_found' : 'invalid_parameter', status, message: (error as Error).message || 'Bad request.' });
  }
  return new LedeError({ code: 'internal', message: 'Internal error.', cause: error });
}
