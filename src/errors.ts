/**
 * One error type for the whole service. Every failure carries a machine-readable `code`, the HTTP
 * `status` it maps to, a message for humans, the `cause`, and a `suggestion` saying what to do next.
 * Errors are turned into output in exactly two places: `api/error-handler.ts` (HTTP) and
 * `cli/handle-error.ts` (terminal and exit code).
 */

export type ErrorCode =
  | 'invalid_parameter'
  | 'not_found'
  | 'unauthorized'
  | 'rate_limited'
  | 'search_unavailable'
  | 'timeout'
  | 'index_not_found'
  | 'meilisearch_error'
  | 'task_failed'
  | 'invalid_config'
  | 'binary_not_found'
  | 'engine_start_failed'
  | 'invalid_input'
  | 'usage'
  | 'internal';

export interface LedeErrorOptions {
  code: ErrorCode;
  message: string;
  /** HTTP status; defaults by code. */
  status?: number;
  cause?: unknown;
  /** What the user can do about it, as one sentence. */
  suggestion?: string;
  /** The request or CLI parameter at fault, for validation errors. */
  param?: string;
  /** Extra machine-readable detail (e.g. a list of config problems). */
  details?: unknown;
}

const defaultStatus: Record<ErrorCode, number> = {
  invalid_parameter: 400,
  usage: 400,
  invalid_input: 422,
  not_found: 404,
  unauthorized: 401,
  rate_limited: 429,
  search_unavailable: 503,
  timeout: 503,
  index_not_found: 503,
  meilisearch_error: 502,
  task_failed: 502,
  invalid_config: 500,
  binary_not_found: 500,
  engine_start_failed: 500,
  internal: 500,
};

export class LedeError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly suggestion?: string;
  readonly param?: string;
  readonly details?: unknown;

  constructor(options: LedeErrorOptions) {
    super(options.message, { cause: options.cause });
    this.name = 'LedeError';
    this.code = options.code;
    this.status = options.status ?? defaultStatus[options.code];
    this.suggestion = options.suggestion;
    this.param = options.param;
    this.details = options.details;
  }

  /** The public shape, as sent in HTTP error bodies: never the cause or a stack. */
  toJSON(): { code: ErrorCode; message: string; param?: string; suggestion?: string; details?: unknown } {
    return {
      code: this.code,
      message: this.message,
      ...(this.param !== undefined && { param: this.param }),
      ...(this.suggestion !== undefined && { suggestion: this.suggestion }),
      ...(this.details !== undefined && { details: this.details }),
    };
  }
}

/** A bad query parameter, CLI option or config value: the user can fix it. */
export function invalidParameter(param: string, message: string, suggestion?: string): LedeError {
  return new LedeError({ code: 'invalid_parameter', param, message, suggestion });
}

export function notFound(message: string): LedeError {
  return new LedeError({ code: 'not_found', message });
}

/** Meilisearch cannot be reached (down, restarting, timed out). Clients should retry. */
export function searchUnavailable(cause: unknown): LedeError {
  return new LedeError({
    code: 'search_unavailable',
    message: 'The search engine is not reachable right now.',
    suggestion: 'Retry in a few seconds; if it persists, check that Meilisearch is running (MEILI_URL).',
    cause,
  });
}

/** A request ran past its deadline (`LEDE_REQUEST_TIMEOUT_MS`); its work was cancelled. */
export function deadlineExceeded(timeoutMs: number): LedeError {
  return new LedeError({
    code: 'timeout',
    message: `The request did not finish within ${timeoutMs / 1000} s.`,
    suggestion: 'Retry in a few seconds; the search engine is busy or not answering.',
  });
}

export function isLedeError(error: unknown): error is LedeError {
  return error instanceof LedeError;
}
