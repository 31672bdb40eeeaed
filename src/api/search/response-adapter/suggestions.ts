/**
 * Typeahead, article and entity answers: Meilisearch documents → the API's JSON. Pure.
 */
import type { EntityDocument, EntityKind } from '../../../meili/contract.js';
import { markTypedPrefix } from '../highlight.js';

export interface Suggestion {
  kind: 'entity' | 'query' | 'article';
  value: string;
  label: string;
  type?: EntityKind;
  count?: number;
  articleId?: string;
}

export interface EntityValue {
  value: string;
  type: EntityKind;
  count: number;
  label: string;
  aliases: string[];
}

export interface ArticleView {
  id: string;
  title: string;
  publishedAt: string | null;
  source: string | null;
  url: string | null;
  authors: string[];
  section: string | null;
  language: string | null;
  modified: string | null;
  entities: { people: string[]; organizations: string[]; places: string[]; countries: string[] };
  paragraphs: Array<{ id: string; position: number; html: string; matches: boolean; entities: { people: string[]; organizations: string[]; places: string[]; countries: string[] } }>;
}

export interface SuggestResult {
  query: string;
  suggestions: Suggestion[];
}

/** "Volodymyr Zelenskiy" for "zel"; for an alias match, the alias too: "NATO (<mark>North</mark> Atlantic …)". */
export function entityLabel(entity: Pick<EntityDocument, 'value' | 'aliases'>, q: string): string {
  const label = markTypedPrefix(entity.value, q);
  if (label.includes('<mark>') || q === '') return label;
  // The alias that matches the most typed words: "atlantic all" → "Atlantic Alliance", not "North Atlantic Treaty …".
  const marks = (html: string) => html.split('<mark>').length - 1;
  const alias = entity.aliases
    .map((a) => markTypedPrefix(a, q))
    .filter((a) => marks(a) > 0)
    .sort((a, b) => marks(b) - marks(a))[0];
  return alias ? `${label} <span class="alias">(${alias})</span>` : label;
}

/** Up to `limit` suggestions: entities first, then completions, then articles, each kind getting a fair share. */
export function interleave(limit: number, entities: Suggestion[], queries: Suggestion[], articles: Suggestion[]): Suggestion[] {
  const shares = [
    [entities, Math.ceil(limit / 2)],
    [queries, Math.max(1, Math.floor(limit / 4))],
    [articles, Math.max(1, Math.floor(limit / 4))],
  ] as const;
  const picked: Suggestion[][] = shares.map(([list, share]) => list.slice(0, share));
  let room = limit - picked.reduce((n, l) => n + l.length, 0);
  shares.forEach(([list], i) => {
    const extra = list.slice(picked[i]!.length, picked[i]!.length + Math.max(0, room));
    picked[i]!.push(...extra);
    room -= extra.length;
  });
  return picked.flat().slice(0, limit);
}
