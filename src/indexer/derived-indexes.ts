/**
 * Derives the entity index from the article index: every value of the four entity facets, with the
 * number of articles that mention it and its aliases from the alias table. Rebuilt after each
 * indexing run that changed anything, so counts always describe the whole index.
 */
import { createHash } from 'node:crypto';
import type { Meilisearch } from 'meilisearch';
import type { EntityResources } from '../ingest/entities/index.js';
import { meili, runTask, type IndexNames } from '../meili/client.js';
import { applySettings, ENTITY_FACETS, ENTITY_SETTINGS, type EntityFacet } from '../meili/settings.js';

export type EntityKind = 'person' | 'organization' | 'place' | 'country';

export const KIND_OF_FACET: Record<EntityFacet, EntityKind> = {
  people: 'person',
  organizations: 'organization',
  places: 'place',
  countries: 'country',
};

export const FACET_OF_KIND: Record<EntityKind, EntityFacet> = {
  person: 'people',
  organization: 'organizations',
  place: 'places',
  country: 'countries',
};

export interface EntityDocument {
  id: string;
  value: string;
  type: EntityKind;
  /** Articles that mention it. */
  count: number;
  aliases: string[];
}

export function entityId(type: EntityKind, value: string): string {
  return `${type}-${createHash('sha1').update(value).digest('hex').slice(0, 16)}`;
}

/** Canonical name → aliases, from the alias table. */
export function aliasMap(resources: EntityResources): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const entry of resources.aliases) map.set(entry.canonical, [...(map.get(entry.canonical) ?? []), ...entry.aliases]);
  return map;
}

export async function refreshEntityIndex(admin: Meilisearch, names: IndexNames, resources: EntityResources): Promise<number> {
  await applySettings(admin, names.entities, ENTITY_SETTINGS);
  const facets = await meili(() => admin.index(names.articles).search('', { limit: 0, facets: [...ENTITY_FACETS] }));
  const aliases = aliasMap(resources);
  const countries = new Set(Object.keys(facets.facetDistribution?.countries ?? {}));
  const docs: EntityDocument[] = [];
  for (const facet of ENTITY_FACETS) {
    for (const [value, count] of Object.entries(facets.facetDistribution?.[facet] ?? {})) {
      // A country is also listed among places; suggest it once, as a country.
      if (facet === 'places' && countries.has(value)) continue;
      const type = KIND_OF_FACET[facet];
      docs.push({ id: entityId(type, value), value, type, count, aliases: aliases.get(value) ?? [] });
    }
  }
  const index = admin.index<EntityDocument>(names.entities);
  const keep = new Set(docs.map((d) => d.id));
  const stale: string[] = [];
  for (let offset = 0; ; offset += 10_000) {
    const page = await meili(() => index.getDocuments({ fields: ['id'], limit: 10_000, offset }));
    for (const doc of page.results) if (!keep.has(doc.id)) stale.push(doc.id);
    if (page.results.length < 10_000) break;
  }
  if (docs.length > 0) await runTask(admin, () => index.addDocuments(docs, { primaryKey: 'id' }));
  if (stale.length > 0) await runTask(admin, () => index.deleteDocuments(stale));
  return docs.length;
}
