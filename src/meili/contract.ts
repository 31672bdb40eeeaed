/**
 * The index contract: which indexes lede keeps, what their documents look like, the facets and the
 * settings. The indexer writes to it and the API reads from it; both import it from here, and
 * neither imports the other.
 *
 *   <prefix>_paragraphs  ParagraphDocument  passages, paragraph mode
 *   <prefix>_articles    ArticleDocument    article mode (text and facets of whole articles), change detection
 *   <prefix>_entities    EntityDocument     typeahead and facet values (entities, authors, sections), with article counts
 *   <prefix>_phrases     PhraseDocument     typeahead completions
 */

export { indexNames, type IndexNames } from './client.js';
export {
  ARTICLE_FIELD_FACETS,
  ARTICLE_SETTINGS,
  articleSettings,
  ENTITY_FACETS,
  ENTITY_SETTINGS,
  MAX_TOTAL_HITS,
  MAX_VALUES_PER_FACET,
  PARAGRAPH_SETTINGS,
  paragraphSettings,
  PHRASE_SETTINGS,
  SEARCH_FACETS,
  TYPO_TOLERANCE,
  type ArticleFieldFacet,
  type EntityFacet,
  type SearchFacet,
} from './settings.js';
export type { EntityMention, ParagraphDocument } from '../ingest/types.js';
export type { ArticleRecord as ArticleDocument } from '../ingest/documents.js';

export {
  ENTITY_KINDS,
  FACET_OF_KIND,
  FACET_VALUE_KINDS,
  KIND_OF_FACET,
  type EntityKind,
  type FacetValueKind,
} from './facets.js';
import type { FacetValueKind } from './facets.js';

export interface EntityDocument {
  id: string;
  value: string;
  type: FacetValueKind;
  /** Articles that mention it. */
  count: number;
  aliases: string[];
}

export interface PhraseDocument {
  id: string;
  phrase: string;
  /** Articles that use it. */
  count: number;
  /** Of those, articles from the last year before the newest article. */
  recent: number;
  /** The completion rank: recent articles count three times. */
  score: number;
}
