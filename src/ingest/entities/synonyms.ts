/**
 * Meilisearch synonyms from the alias table, so a search for "Nato" also finds "NATO" and a search
 * for "Zelensky" finds "Zelenskiy": every variant ↔ its canonical name.
 *
 *   { canonical: "NATO", aliases: ["Nato", "North Atlantic Treaty Organization"] }
 *   → { "nato": ["north atlantic treaty organization"], "north atlantic treaty organization": ["nato"] }
 *
 * Keys are lower case because Meilisearch matches synonyms case-insensitively; "Nato" and "NATO"
 * collapse into one key, and a word that is its own synonym is left out.
 */
import type { EntityResources } from './types.js';

export function synonymsFromAliases(resources: EntityResources): Record<string, string[]> {
  const synonyms = new Map<string, Set<string>>();
  const link = (from: string, to: string): void => {
    if (from === to) return;
    const set = synonyms.get(from) ?? new Set<string>();
    set.add(to);
    synonyms.set(from, set);
  };
  for (const entry of resources.aliases) {
    const canonical = entry.canonical.toLowerCase();
    for (const alias of entry.aliases) {
      const variant = alias.toLowerCase();
      link(canonical, variant);
      link(variant, canonical);
    }
  }
  return Object.fromEntries([...synonyms].map(([key, values]) => [key, [...values]]));
}
