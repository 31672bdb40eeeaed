/**
 * Named-entity extraction: the public surface the rest of lede uses.
 *
 *   const resources = loadEntityResources();             // once, at start-up (~0.3 s, ~40 MB; see load.ts)
 *   const entities = extractEntities(article, resources); // one ParagraphEntities per paragraph
 *
 * Stages: tokenize → tag (tagger/: a trained sequence model, spans typed PER/ORG/LOC/MISC) →
 * canonical layer (canonical.ts: the alias table, the article's full names and acronyms, place →
 * country) → extract (facets and mentions per paragraph).
 */
export type { AliasEntry, EntityResources } from './types.js';
export { loadEntityResources, loadGazetteer, DEFAULT_ALIAS_FILE, DEFAULT_MODEL_FILE } from './load.js';
export { extractEntities, tagArticle, type ExtractionStats } from './extract.js';
export { synonymsFromAliases } from './synonyms.js';
