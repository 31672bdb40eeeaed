/**
 * Named-entity extraction: the public surface the rest of lede uses.
 * (Contract; the implementation lives in this folder.)
 */
import type { CleanArticle, ParagraphEntities } from '../types.js';

/** A canonical entity and every variant that should map to it. */
export interface AliasEntry {
  canonical: string;
  type: 'person' | 'organization' | 'place' | 'country';
  aliases: string[];
}

/** Everything extraction needs, loaded once (gazetteers, alias table) and passed down. */
export interface EntityResources {
  aliases: AliasEntry[];
}

export declare function loadEntityResources(options?: { aliasFile?: string }): EntityResources;
export declare function extractEntities(article: CleanArticle, resources: EntityResources): ParagraphEntities[];
export declare function synonymsFromAliases(resources: EntityResources): Record<string, string[]>;
