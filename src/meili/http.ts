/**
 * The HTTP client of the search path: undici's `request` on a keep-alive pool, in place of the
 * global `fetch` the Meilisearch client uses by default. `fetch` builds WHATWG streams and header
 * objects for every call; on loopback that overhead was a millisecond or more per round trip, a
 * large share of a 3–5 ms search (measured with npm run bench:search).
 *
 * It keeps the client's contract: the parsed JSON body on success; on an HTTP error, the
 * `MeilisearchApiError` the client would have thrown (wrapped by the client in a
 * `MeilisearchRequestError`, which `wrapMeiliError` unwraps); network failures and time-outs stay
 * request errors (503 upstream). Each call is also cancelled with the HTTP request it serves
 * (api/deadline.ts): at its deadline, or when the client goes away.
 */
import { MeilisearchApiError } from 'meilisearch';
import { Agent, request } from 'undici';
import { requestSignal } from '../api/deadline.js';

export type HttpClient = (input: string | URL | Request, init?: RequestInit) => Promise<unknown>;

/** Plain header objects, converted once per `Headers` the client reuses (it passes the same one for most calls). */
const plainHeaders = new WeakMap<object, Record<string, string>>();

function toPlain(headers: RequestInit['headers']): Record<string, string> {
  const cached = headers && typeof headers === 'object' ? plainHeaders.get(headers) : undefined;
  if (cached) return cached;
  const plain: Record<string, string> = {};
  new Headers(headers).forEach((value, key) => {
    plain[key] = value;
  });
  if (headers && typeof headers === 'object') plainHeaders.set(headers, plain);
  return plain;
}

function combine(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  return a && b ? AbortSignal.any([a, b]) : (a ?? b);
}

export function undiciHttpClient(options: { connections?: number } = {}): HttpClient {
  const dispatcher = new Agent({ connections: options.connections ?? 32, keepAliveTimeout: 30_000 });
  return async (input, init = {}) => {
    const url = input instanceof Request ? input.url : input;
    const headers = toPlain(init.headers);
    const response = await request(url, {
      method: (init.method ?? 'GET') as 'GET',
      headers,
      body: typeof init.body === 'string' ? init.body : undefined,
      // The client's own per-call timeout, and the deadline of the HTTP request this call serves.
      signal: combine(init.signal ?? undefined, requestSignal()),
      dispatcher,
    });
    const text = await response.body.text();
    const body = text === '' ? undefined : (JSON.parse(text) as unknown);
    if (response.statusCode >= 400) {
      throw new MeilisearchApiError(new Response(null, { status: response.statusCode }), body as ConstructorParameters<typeof MeilisearchApiError>[1]);
    }
    return body;
  };
}
