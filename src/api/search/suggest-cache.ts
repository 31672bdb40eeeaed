/**
 * Recent typeahead answers. Everyone types the same first letters, so most keystrokes ask what was
 * asked seconds ago; answering those from memory keeps typeahead fast when the engine is busy
 * (a re-index, a burst of searches). Entries live `ttlMs` (suggestions may lag an index change by
 * that much), least recently used ones go first.
 */
import type { SuggestParams } from './params.js';
import type { SuggestResult } from './response-adapter/suggestions.js';

import { DEFAULT_SUGGEST_CACHE_MS } from './defaults.js';

/** Default life of a cached typeahead answer; `LEDE_SUGGEST_CACHE_MS`. */
export const SUGGEST_CACHE_MS = DEFAULT_SUGGEST_CACHE_MS;
const SUGGEST_CACHE_ENTRIES = 5_000;

export class SuggestCache {
  readonly #entries = new Map<string, { at: number; value: SuggestResult }>();
  constructor(readonly ttlMs: number) {}

  get(key: string): SuggestResult | undefined {
    const entry = this.#entries.get(key);
    if (!entry || Date.now() - entry.at > this.ttlMs) return undefined;
    // Re-insert: a Map iterates in insertion order, so the front is the least recently used.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  clear(): void {
    this.#entries.clear();
  }

  set(key: string, value: SuggestResult): void {
    this.#entries.set(key, { at: Date.now(), value });
    if (this.#entries.size > SUGGEST_CACHE_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
  }
}

/** Case does not change a typeahead answer (matching and marking ignore it); a trailing space does. */
export function suggestCacheKey(params: SuggestParams): string {
  return `${params.limit}\u0000${params.q.toLowerCase()}`;
}
