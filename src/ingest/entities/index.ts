/**
 * Named-entity extraction: the public surface the rest of lede uses.
 *
 *   const resources = loadEntityResources();             // once, at start-up (~0.3 s, ~40 MB; see load.ts)
 *   const entities = extractEntities(article, resources); // one ParagraphEntities per paragraph
 *
 * Stages, one file each: tokenize → segment (capitalised runs → candidate entities) → resolve
 * (article-level surnames, acronyms, short names) → extract (canonical facets and mentions).
 */
export type { AliasEntry, EntityResources } from './types.js';
export { loadEntityResources, DEFAULT_ALIAS_FILE } from './load.js';
export { extractEntities, type ExtractionStats } from './extract.js';
export { synonymsFromAliases } from './synonyms.js';
