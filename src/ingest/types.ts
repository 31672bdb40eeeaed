/**
 * The shapes that flow through the ingest pipeline:
 * read (RawArticle) → clean + split (CleanArticle) → extract entities → to documents (ParagraphDocument).
 */

/** An article as a reader produced it, before any cleaning. */
export interface RawArticle {
  /** Stable id: the `id` field where the input has one, else derived from the path. */
  id: string;
  title: string;
  /** Paragraphs as the source separated them (blank lines, `<p>`, a `paragraphs` array). */
  paragraphs: string[];
  /** ISO 8601 date-time, when the source gives one. */
  publishedAt?: string;
  url?: string;
  source?: string;
  /** ISO 8601 date-time of the last correction, where the source gives one (HTML pages). */
  modifiedAt?: string;
  /** The byline's names, in order (HTML pages, feed items, records with `authors`). */
  authors?: string[];
  /** The newsroom's section ("Politics", "Business"), where the source names one. */
  section?: string;
  /** BCP 47 language tag, declared by the page or detected from its text. */
  language?: string;
  /** Any other fields of a JSON/JSONL record, kept as they came. */
  metadata?: Record<string, unknown>;
  /** Where it came from, for error messages: path, and line for JSONL. */
  origin: { path: string; line?: number };
}

/** An article after boilerplate removal, normalisation and de-duplication of paragraphs. */
export interface CleanArticle extends Omit<RawArticle, 'paragraphs'> {
  /** The kept body paragraphs, in order; `position` in documents is the index here. */
  paragraphs: string[];
}

export type EntityType = 'person' | 'organization' | 'place';

/** The entities of one paragraph, each list holding canonical names, de-duplicated, in order of first mention. */
export interface ParagraphEntities {
  people: string[];
  organizations: string[];
  places: string[];
  /** The country of each place (Kharkiv → Ukraine); a country is its own country. */
  countries: string[];
  /**
   * Where each entity is mentioned in the paragraph's text, so the API can mark mentions.
   * `start`/`end` are UTF-16 offsets into the paragraph string; `value` is the canonical name.
   */
  mentions: EntityMention[];
}

export interface EntityMention {
  start: number;
  end: number;
  type: EntityType | 'country';
  value: string;
}

/** One Meilisearch document: a paragraph with its article's fields and its entity facets. */
export interface ParagraphDocument {
  id: string;
  articleId: string;
  title: string;
  position: number;
  text: string;
  people: string[];
  organizations: string[];
  places: string[];
  countries: string[];
  /** Mentions as `[start, end, typeIndex, valueIndex]` would be smaller; kept readable instead. */
  mentions: EntityMention[];
  /** Unix seconds, for filtering and sorting; null when the source has no date. */
  publishedAt: number | null;
  /** ISO 8601, for display. */
  date: string | null;
  source: string | null;
  url: string | null;
  /** The byline's names (HTML pages, feeds, records); empty when unknown. */
  authors: string[];
  /** The newsroom's section, or null. */
  section: string | null;
  wordCount: number;
  /** Its article's story cluster (ArticleRecord.cluster); absent in documents indexed before issue 17. */
  cluster?: string;
}
