import type { Tagger } from './tagger/model.js';

/**
 * Types shared by the entity-extraction stages. The public ones (AliasEntry, EntityResources) are
 * re-exported from index.ts.
 */

/** A canonical entity and every variant that should map to it. */
export interface AliasEntry {
  canonical: string;
  type: 'person' | 'organization' | 'place' | 'country';
  aliases: string[];
  /** Adjectives and plurals that point at a country or region without naming it ("West German"). */
  demonyms?: string[];
  /** For a place: the canonical name of its country ("Kyiv" → "Ukraine"). */
  country?: string;
}

/** What a gazetteer phrase stands for. */
export type GazetteerKind = 'person' | 'organization' | 'place' | 'country' | 'demonym';

export interface GazetteerEntry {
  kind: GazetteerKind;
  /** The canonical name: a person, organisation, place or country (for a demonym: its country). */
  value: string;
  /** The country of a place or demonym; a country's own name; undefined for regions (Europe). */
  country?: string;
  /** Where the entry came from, so the eval can count how many hits the alias table gave. */
  source: 'alias' | 'country' | 'province' | 'city';
  /** For a city: its population, so small towns need a locative cue ("in Hayes") to count. */
  population?: number;
  /** A district of a bigger city (Brent, Harlem): counts in prose only after "in", "from" …. */
  district?: boolean;
  /** Acronyms such as "US" or "WHO" match only as written, never "us" or "Who". */
  exactCase?: string;
}

/** Lookup maps built once at start-up; every key is a normalised token sequence (see `phraseKey`). */
export interface Gazetteer {
  /** Phrase → entry, for countries, aliases, provinces and cities large enough to be safe in prose. */
  phrases: Map<string, GazetteerEntry>;
  /** The longest phrase, in tokens, so the longest-match scan knows when to stop. */
  maxPhraseTokens: number;
  /**
   * Abbreviations with a full stop ("La.", "Ill.", "Mass."), for datelines only: without the stop
   * they are words ("La Manga", "ill") and keys drop the stop.
   */
  abbreviations: Map<string, GazetteerEntry>;
  /** Every city of the gazetteer, however small, for datelines ("MUNCIE, IND."), the most populous of a name. */
  datelineCities: { get(key: string): GazetteerEntry | undefined };
  /** Given names (lower case) from the first-names lists. */
  firstNames: Set<string>;
  /**
   * Lower-case words natural's lexicon knows as something other than a proper noun, with their
   * tags: "smoke" → NN/VB, "since" → IN. Tells a capitalised sentence opener from a name.
   */
  commonWords: Map<string, readonly string[]>;
  /** Keys of national capitals ("kyiv", "washington"), which stand for their governments. */
  capitals: Set<string>;
  /** Country canonical name → demonym-based adjective ("Russia" → "Russian"), for possessive context. */
  adjectiveOf: Map<string, string>;
}

/** Everything extraction needs, loaded once (gazetteers, alias table, the trained tagger) and passed down. */
export interface EntityResources {
  aliases: AliasEntry[];
  gazetteer: Gazetteer;
  tagger: Tagger;
  /** sha1 of the model file, so content hashes change when the model does. */
  modelId: string;
}
