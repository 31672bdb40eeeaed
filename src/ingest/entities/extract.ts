/**
 * The extraction stage: CleanArticle → one ParagraphEntities per paragraph. Pure; all lookups go
 * through the resources loaded once by loadEntityResources.
 */
import type { CleanArticle, EntityMention, ParagraphEntities } from '../types.js';
import { datelinePlace } from './dateline.js';
import { CONTEXT_FREE_CITY_POPULATION } from './gazetteer.js';
import { calendarWords, CLUB_HEADS } from './lexicon.js';
import { buildArticleContext, canonicalOrganisation, canonicalPerson, clubFor, fullNameFor, givenNameFor, longerOrganisation, organisationFor, organisationOpenedBy, type ArticleContext } from './resolve.js';
import { normaliseKey, phraseKey } from './tokenize.js';
import { segmentParagraph, type Segment, type SegmentContext } from './segment.js';
import type { EntityResources, Gazetteer, GazetteerEntry } from './types.js';

/** Counters the eval prints; pass one object and it is incremented across calls. */
export interface ExtractionStats {
  paragraphs: number;
  /** Facet values added from a mention (not counting the dateline). */
  hits: number;
  /** Of those, how many the alias table decided. */
  aliasHits: number;
}

const contexts = new WeakMap<Gazetteer, SegmentContext>();

function segmentContext(gazetteer: Gazetteer): SegmentContext {
  let ctx = contexts.get(gazetteer);
  if (!ctx) {
    ctx = { gazetteer, calendar: calendarWords() };
    contexts.set(gazetteer, ctx);
  }
  return ctx;
}

/** Collects one paragraph's facets, each list de-duplicated in order of first mention. */
class ParagraphFacets {
  private readonly seen = { people: new Set<string>(), organizations: new Set<string>(), places: new Set<string>(), countries: new Set<string>() };
  readonly mentions: EntityMention[] = [];

  constructor(private readonly stats: ExtractionStats | undefined) {}

  add(list: keyof ParagraphFacets['seen'], value: string): void {
    this.seen[list].add(value);
  }

  mention(start: number, end: number, type: EntityMention['type'], value: string, fromAlias: boolean): void {
    this.mentions.push({ start, end, type, value });
    if (this.stats) {
      this.stats.hits++;
      if (fromAlias) this.stats.aliasHits++;
    }
  }

  addEntry(entry: GazetteerEntry): void {
    switch (entry.kind) {
      case 'country':
        this.add('places', entry.value);
        this.add('countries', entry.value);
        break;
      case 'place':
        this.add('places', entry.value);
        if (entry.country) this.add('countries', entry.country);
        break;
      case 'demonym':
        this.add('countries', entry.value);
        break;
      case 'organization':
        this.add('organizations', entry.value);
        break;
      case 'person':
        this.add('people', entry.value);
        break;
    }
  }

  toEntities(): ParagraphEntities {
    return {
      people: [...this.seen.people],
      organizations: [...this.seen.organizations],
      places: [...this.seen.places],
      countries: [...this.seen.countries],
      mentions: this.mentions,
    };
  }
}

const MENTION_TYPE = { country: 'country', place: 'place', demonym: 'country', organization: 'organization', person: 'person' } as const;

export function extractEntities(article: CleanArticle, resources: EntityResources, stats?: ExtractionStats): ParagraphEntities[] {
  const gazetteer = resources.gazetteer;
  const ctx = segmentContext(gazetteer);
  const parsed = article.paragraphs.map((p) => segmentParagraph(p, ctx));
  const context = buildArticleContext(parsed, gazetteer);
  const dateline = typeof article.metadata?.['dateline'] === 'string' ? datelinePlace(article.metadata['dateline'], gazetteer) : undefined;

  return parsed.map((paragraph, index) => {
    if (stats) stats.paragraphs++;
    const facets = new ParagraphFacets(stats);
    if (index === 0 && dateline) facets.addEntry(dateline);
    for (const segment of paragraph.segments) resolveSegment(segment, context, gazetteer, facets);
    return facets.toEntities();
  });
}

function resolveSegment(s: Segment, context: ArticleContext, gazetteer: Gazetteer, facets: ParagraphFacets): void {
  switch (s.kind) {
    case 'gazetteer': {
      const entry = s.entry;
      // "Michael Jordan … Jordan said": a surname of the article beats a place of the same name.
      if ((entry.kind === 'place' || entry.kind === 'country') && !s.key.includes(' ')) {
        const person = fullNameFor(s.key, context) ?? (entry.source === 'city' && (entry.population ?? 0) < CONTEXT_FREE_CITY_POPULATION ? givenNameFor(s.key, context) : undefined);
        if (person) return addPerson(facets, s.start, s.end, person, false);
        // "Liverpool manager Rafael Benitez … critical time for Liverpool": a town the article shows
        // to be a club is the club wherever it is named, except as the place ("in Liverpool").
        const club = entry.source === 'city' && !s.inside ? organisationFor(s.key, context) : undefined;
        if (club) return addOrganisation(facets, s.start, s.end, club);
      }
      facets.addEntry(entry);
      if (s.mention) facets.mention(s.start, s.end, MENTION_TYPE[entry.kind], entry.value, entry.source === 'alias');
      return;
    }
    case 'person': {
      if (s.tokens === 1) {
        // "Mr de Vabres": the surname is the last word.
        const key = normaliseKey(s.name.slice(s.name.lastIndexOf(' ') + 1));
        const full = fullNameFor(key, context);
        if (full) return addPerson(facets, s.start, s.end, full, false);
      }
      const { value, fromAlias } = canonicalPerson(s.name, gazetteer);
      // "mortgage firm Freddie Mac … Fannie Mae and Freddie Mac": a name the article shows to be an
      // organisation is one everywhere in it.
      if (!fromAlias && s.tokens > 1 && !s.titled) {
        const known = organisationFor(phraseKey(s.name), context);
        if (known) return addOrganisation(facets, s.start, s.end, known);
      }
      return addPerson(facets, s.start, s.end, value, fromAlias);
    }
    case 'organization': {
      if (!s.name) return;
      const canonical = canonicalOrganisation(s.name, gazetteer);
      // "Circuit City Stores … Circuit City's shares": the short form of a name given in full.
      const longer = canonical.fromAlias ? undefined : longerOrganisation(phraseKey(canonical.value), context);
      const { value, fromAlias } = longer ? { value: longer, fromAlias: false } : canonical;
      facets.add('organizations', value);
      if (s.mention) facets.mention(s.start, s.end, 'organization', value, fromAlias);
      return;
    }
    case 'acronym': {
      const key = s.text.toLowerCase();
      const code = /\d/.test(s.text);
      const defined = context.acronyms.get(s.text);
      // "an earlier DRM system", "GIF files", "RFID technology": an acronym before a common noun,
      // with no organisation's cue, is a kind of thing, unless the article shows it to be an
      // organisation elsewhere ("BT said" … "BT rivals").
      if (s.modifier && !defined && !context.organisationSingles.has(key) && !context.organisations.has(key)) return;
      // "BT Retail … BT": a short acronym counts when the article names an organisation after it.
      // "MP3 files", "the NM2 team": a code with digits is a format or a project, unless the article names it.
      const value =
        defined ??
        ((s.text.length >= 3 && !code && !gazetteer.commonWords.has(key)) || context.organisations.has(key) || (!code && context.organisationSingles.has(key))
          ? s.text
          : undefined);
      if (!value) return;
      facets.add('organizations', value);
      facets.mention(s.start, s.end, 'organization', value, false);
      return;
    }
    case 'single': {
      // "the Bay Area Laboratory Cooperative (Balco) … Balco's offices": the short name in brackets.
      const defined = context.acronyms.get(s.text);
      if (defined) return addOrganisation(facets, s.start, s.end, defined);
      if (CLUB_HEADS.has(s.key)) {
        const club = clubFor(s.key, context);
        if (club) addOrganisation(facets, s.start, s.end, club);
        return;
      }
      const person = fullNameFor(s.key, context);
      if (person) return addPerson(facets, s.start, s.end, person, false);
      const known = organisationFor(s.key, context);
      if (known) return addOrganisation(facets, s.start, s.end, known);
      // "O'Kelly", "McBride": surnames by their shape, kept as written; not "MacWorld", "MacBook".
      // "Circuit City Stores" … "Circuit City": the short form of a name the article gives in full.
      const longer = longerOrganisation(s.key, context);
      if (longer) return addOrganisation(facets, s.start, s.end, longer);
      const shape = s.key.includes(' ') ? null : /^(O['’]|Mc|Mac)(\p{Lu}.*)$/u.exec(s.text);
      if (shape && !(shape[1] === 'Mac' && gazetteer.commonWords.has(shape[2]!.toLowerCase()))) return addPerson(facets, s.start, s.end, s.text, false);
      // "I've said to Nigel", "Arsene has signed": a given name alone is the one person of the article with it.
      const named = givenNameFor(s.key, context);
      if (named) return addPerson(facets, s.start, s.end, named, false);
      // "Apple's music jukebox": a given name that is also a word of the vocabulary is, with an
      // organisation's cue, that organisation; a given name alone is no one ("Lucy's mother").
      // A given name that is also a town the article shows to be an organisation is that club or
      // company ("a spokeswoman for Chelsea" … "Chelsea's goal").
      const town = gazetteer.phrases.get(s.key)?.kind === 'place' && context.organisationSingles.has(s.key);
      if (gazetteer.firstNames.has(s.key) && !(s.evidence && gazetteer.commonWords.has(s.key)) && !town) return;
      // An unknown name that the article shows, somewhere, to be a company or a club ("Clearswift
      // said", "firm F-Secure", "Microsoft's first foray", "Liverpool boss"): news introduces people
      // by full name, so a lone capitalised word with such a cue is an organisation. Without one it
      // is left out: a play, a festival, a theatre ("Othello", "Christmas", "the Gielgud").
      if (context.organisationSingles.has(s.key)) return addOrganisation(facets, s.start, s.end, s.text);
      const opened = organisationOpenedBy(s.key, context);
      if (opened) addOrganisation(facets, s.start, s.end, opened);
      return;
    }
    case 'vocabulary': {
      // "Freddy Shepherd … denied by Shepherd", "Adam Curry … thinks Curry": a surname that is also
      // a word, capitalised mid-sentence, is the article's person of that surname.
      const person = fullNameFor(s.key, context);
      if (person) return addPerson(facets, s.start, s.end, person, false);
      // "Marsh & McLennan … Marsh said", "Delta Air Lines … Delta's fares": the short name of an
      // organisation the article names in full.
      const opened = organisationOpenedBy(s.key, context);
      if (opened) return addOrganisation(facets, s.start, s.end, opened);
      // "Arsenal manager Arsene Wenger … if Arsenal fail": a word the article shows elsewhere to be
      // an organisation is that organisation wherever it is capitalised mid-sentence.
      if (context.organisationSingles.has(s.key)) addOrganisation(facets, s.start, s.end, s.text);
      return;
    }
  }
}

function addOrganisation(facets: ParagraphFacets, start: number, end: number, value: string): void {
  facets.add('organizations', value);
  facets.mention(start, end, 'organization', value, false);
}

function addPerson(facets: ParagraphFacets, start: number, end: number, value: string, fromAlias: boolean): void {
  facets.add('people', value);
  facets.mention(start, end, 'person', value, fromAlias);
}
