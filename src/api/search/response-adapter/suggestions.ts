/**
 * Typeahead, article and entity answers: Meilisearch documents → the API's JSON. Pure.
 */
import type { ArticleDocument, EntityDocument, PhraseDocument } from '../../../meili/contract.js';
import { escapeHtml, markTypedPrefix } from '../highlight.js';
import type { EntitiesParams } from '../params.js';
import type { Answers } from '../request-adapter/queries.js';
import type { EntityValues, Suggestion, SuggestResult } from '../responses.js';

export type { ArticleView, EntityValue, Suggestion, SuggestResult } from '../responses.js';

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

/** The answers of planSuggest → up to `limit` suggestions, each kind with its share. */
export function toSuggestions(q: string, limit: number, found: Answers): SuggestResult {
  const entities = (found.entities!.hits as EntityDocument[]).map(
    (e): Suggestion => ({ kind: 'entity', value: e.value, label: entityLabel(e, q), type: e.type, count: e.count }),
  );
  const typed = q.toLowerCase();
  const queries = (found.phrases!.hits as PhraseDocument[])
    .filter((p) => p.phrase !== typed)
    // Completions continue what was typed; phrases that merely contain the words come after.
    .sort((a, b) => Number(b.phrase.startsWith(typed)) - Number(a.phrase.startsWith(typed)))
    .map((p): Suggestion => ({ kind: 'query', value: p.phrase, label: markTypedPrefix(p.phrase, q), count: p.count }));
  const titles = (found.titles!.hits as Array<Pick<ArticleDocument, 'id' | 'title'>>).map(
    (a): Suggestion => ({ kind: 'article', value: a.title, label: markTypedPrefix(a.title, q), articleId: a.id }),
  );
  return { query: q, suggestions: interleave(limit, entities, queries, titles) };
}

/** The most mentioned entities (planPopularEntities), nothing marked. */
export function popularSuggestions(found: Answers): Suggestion[] {
  return (found.popular!.hits as EntityDocument[]).map((e) => ({ kind: 'entity', value: e.value, label: escapeHtml(e.value), type: e.type, count: e.count }));
}

/** The answer of planEntityValues → one facet's values with their labels. */
export function toEntityValues(params: EntitiesParams, found: Answers): EntityValues {
  const values = (found.values!.hits as EntityDocument[]).map((e) => ({ value: e.value, type: e.type, count: e.count, label: entityLabel(e, params.q), aliases: e.aliases }));
  return { type: params.type, query: params.q, values };
}
