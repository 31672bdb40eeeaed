/**
 * `createApp(deps)`: the Express application, without listening. Routes are thin: they validate
 * the request (search/params.ts), call the search service, and send what the response adapter
 * shaped. Errors go to one handler (error-handler.ts).
 */
import { existsSync } from 'node:fs';
import querystring from 'node:querystring';
import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Config } from '../config.js';
import { LedeError } from '../errors.js';
import type { Logger } from '../log.js';
import { requestDeadline } from './deadline.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { openApiDocument } from './openapi.js';
import { requestLogger } from './request-logger.js';
import { healthRoute } from './routes/health.js';
import { searchRoutes } from './routes/search.js';
import { feedRoutes } from './routes/feed.js';
import { featureRoutes } from './routes/features.js';
import type { SearchService } from './search/service.js';
import type { PushService } from './admin/push.js';
import { adminRoutes } from './admin/routes.js';

export interface AppDeps {
  config: Pick<Config, 'env' | 'http'>;
  log: Logger;
  /** Holds the search-only key: the only key the request path ever uses. */
  search: SearchService;
  /** Folder of the built web page; not served when absent. */
  publicDir?: string;
  /** The push API (admin/routes.ts), only when `LEDE_ADMIN_TOKEN` is set. */
  push?: { service: PushService; token: string };
}

export function createApp(deps: AppDeps): Express {
  const { config, log } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.http.trustProxy);
  // Repeated parameters become arrays; no nested objects from `a[b]=c`. Every pair is kept (the
  // default parser silently drops pairs after the 1,000th, and a filter with them); the URL size
  // limit bounds the count, and the schemas refuse too many values with a 400.
  app.set('query parser', (query: string) => querystring.parse(query, '&', '=', { maxKeys: 0 }));
  app.use(securityHeaders(config.http.hsts));
  app.use(requestLogger(log));
  if (config.http.trustProxy === 0) app.use(warnOnForwardedFor(log));
  const onError = errorHandler(log, config.env === 'development');
  const deadline = requestDeadline(config.http.requestTimeoutMs, onError);
  // The push API waits for the engine's tasks and answers 202 with a job past its own wait (admin/routes.ts).
  app.use((req, res, next) => (deps.push && req.path.startsWith('/api/admin/') ? next() : deadline(req, res, next)));
  if (config.http.corsOrigins.length > 0) {
    app.use('/api', cors({ origin: config.http.corsOrigins, methods: ['GET'], maxAge: 600 }));
  }
  if (config.http.rateLimitPerMinute > 0) {
    // /health costs an engine call too, so it shares the limit.
    app.use(
      ['/api', '/health'],
      rateLimit({
        windowMs: 60_000,
        limit: config.http.rateLimitPerMinute,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        handler: (_req, _res, next) =>
          next(new LedeError({ code: 'rate_limited', message: 'Too many requests from this client.', suggestion: 'Slow down; the limit resets within a minute.' })),
      }),
    );
  }
  app.get('/health', healthRoute(deps.search));
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  if (deps.push) app.use('/api/admin', adminRoutes(deps.push.service, deps.push.token));
  app.use('/api', feedRoutes(deps.search));
  app.use('/api', featureRoutes(deps.search));
  app.use('/api', searchRoutes(deps.search));
  if (deps.publicDir && existsSync(deps.publicDir)) {
    app.use(express.static(deps.publicDir, { index: 'index.html', maxAge: config.env === 'production' ? '1h' : 0 }));
  }
  app.use(notFoundHandler());
  app.use(onError);
  return app;
}

const CSP = { 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ["'self'", 'data:'] };

/**
 * helmet's headers. HSTS and `upgrade-insecure-requests` only make sense over HTTPS: sent on plain
 * HTTP they make a browser that reached lede by LAN address (HOST=0.0.0.0) switch to an
 * https:// that nobody serves. So they go with requests that came over TLS (`req.secure`, which
 * honours X-Forwarded-Proto from a trusted proxy), or always with `LEDE_HSTS=1`.
 */
function securityHeaders(always: boolean): RequestHandler {
  const overTls = helmet({ contentSecurityPolicy: { directives: CSP } });
  const plain = helmet({ contentSecurityPolicy: { directives: { ...CSP, 'upgrade-insecure-requests': null } }, strictTransportSecurity: false });
  return (req, res, next) => (always || req.secure ? overTls : plain)(req, res, next);
}

/**
 * With LEDE_TRUST_PROXY=0 behind a proxy, every client has the proxy's address, so all share one
 * rate-limit bucket and the logs name one client. Said once, when it shows.
 */
function warnOnForwardedFor(log: Logger): RequestHandler {
  let warned = false;
  return (req, _res, next) => {
    if (!warned && req.headers['x-forwarded-for'] !== undefined) {
      warned = true;
      log.warn(
        { remoteAddress: req.socket.remoteAddress },
        'requests arrive with X-Forwarded-For but LEDE_TRUST_PROXY=0: all clients behind the proxy share one rate-limit bucket; set LEDE_TRUST_PROXY to the number of proxies in front',
      );
    }
    next();
  };
}
