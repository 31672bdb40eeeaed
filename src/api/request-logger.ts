/** One structured log line per request: method, path (never the query string), status, duration. */
import type { RequestHandler } from 'express';
import type { Logger } from '../log.js';

export function requestLogger(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      // `req.path` is relative to the router that answered ("/search" under "/api"); the original URL is whole.
      const path = req.originalUrl.split('?', 1)[0];
      log.info({ method: req.method, path, status: res.statusCode, durationMs: Math.round(durationMs * 10) / 10 }, 'request');
    });
    next();
  };
}
