/**
 * The canonical layer: the tagger's spans → lede's facet values. It runs per article, after the
 * tagger, in three steps:
 *
 *   1. clean each span (rules.ts): a title or a leading "the" split off, a legal-form suffix dropped,
 *      a span cut at a line break (table rows are not one name);
 *   2. read the article as a whole: the full names its people are given ("President Donald Trump" …
 *      "Mr Trump" → Donald Trump), the short names its organisations are given ("the European Space
 *      Agency (ESA)" … "ESA"; "General Motors" … "GM"; "Circuit City Stores" … "Circuit City");
 *   3. resolve each mention: the alias table first (Nato → NATO, Kremlin an organisation), then the
 *      article's names, then the gazetteers (a place → its country; "German" → Germany); a person's
 *      middle initials and British spellings of "Organization" are folded.
 */
import type { EntityMention, ParagraphEntities } from '../types.js';
import type { EntityLabel } from './tagger/decode.js';
import { ATTRIBUTIVE_TAILS, CORPORATE_SUFFIXES, HONORIFICS, MIDDLE_INITIALS, NATIONAL_BODY_HEADS, NOT_FACETED_HEADS, SPELLING_VARIANTS, SUFFIX_PARTNERS, TITLES, TRAILING_TITLES } from './rules.js';
import { timeZoneAbbreviations } from './lexicon.js';
import { normaliseKey, type Token } from './tokenize.js';
import type { Gazetteer, GazetteerEntry } from './types.js';

/** One tagged span of a paragraph, after cleaning. */
export interface SpanMention {
  paragraph: number;
  label: EntityLabel;
  /** Tokens of the paragraph, [first, last] inclusive. */
  first: number;
  last: number;
  start: number;
  end: number;
  /** The words, single-spaced: "European Space Agency". */
  text: string;
  /** Normalised key of the words: "european space agency". */
  key: string;
  possessive: boolean;
}

/** A resolved facet value. */
export type Resolved =
  | { kind: 'person' | 'organization'; value: string; fromAlias: boolean }
  | { kind: 'place'; value: string; country?: string; fromAlias: boolean }
  | { kind: 'country'; value: string; fromAlias: boolean }
  /** A demonym or nationality: the country's facet only ("German" → Germany). */
  | { kind: 'demonym'; value: string; fromAlias: boolean };

/** Counters the eval prints; pass one object and it is incremented across calls. */
export interface ExtractionStats {
  paragraphs: number;
  /** Facet values added from a mention (not counting the dateline). */
  hits: number;
  /** Of those, how many the alias table decided. */
  aliasHits: number;
}

/**
 * Where a span must end: before a line break or a new sentence (the tagger learned from single
 * sentences), at a possessive ("Arsenal's Sol Campbell" is two names), and after a legal-form
 * suffix followed by "and" (two companies).
 */
const SPAN_END = (tokens: Token[], from: number, to: number): number => {
  for (let i = from; i < to; i++) {
    const next = tokens[i + 1]!;
    if (next.lineStart || (next.sentenceStart && next.word) || tokens[i]!.possessive) return i;
    // "Dixie Yarns Inc and Ti-Caro Inc": a legal-form suffix closes a name; "and" opens the next.
    if (CORPORATE_SUFFIXES.entries.has(tokens[i]!.key) && (next.key === 'and' || next.text === '&') && i + 2 <= to) return i;
  }
  return to;
};

/**
 * Step 1: the cleaned spans of one paragraph. `spans` are the tagger's, over `tokens`.
 *
 *   "the BBC"                → BBC
 *   "President Clinton"      → Clinton           (title)
 *   "Texaco Inc"             → Texaco            (corporate-suffix)
 *   "Mths\nShr" (a table)    → Mths, Shr         (cut at a line break, a sentence, a possessive)
 *   "Madison Avenue"         → nothing           (venue-street-event)
 */
export function cleanSpans(paragraph: number, text: string, tokens: Token[], spans: Array<{ label: EntityLabel; first: number; last: number }>, gazetteer?: Gazetteer): SpanMention[] {
  const out: SpanMention[] = [];
  for (const span of spans) {
    let first = span.first;
    // "Hungarian Petra Mandula": a nationality opening a person's name is the country's, not the name's.
    if (span.label === 'PER' && gazetteer && span.last - first >= 2 && gazetteer.phrases.get(tokens[first]!.key)?.kind === 'demonym') {
      const demonym = cleanSpan(paragraph, text, tokens, 'MISC', first, first);
      if (demonym) out.push(demonym);
      first++;
    }
    while (first <= span.last) {
      const last = SPAN_END(tokens, first, span.last);
      const mention = cleanSpan(paragraph, text, tokens, span.label, first, last);
      if (mention) out.push(mention);
      first = last + 1;
      if (first < span.last && (tokens[first]!.key === 'and' || tokens[first]!.text === '&') && CORPORATE_SUFFIXES.entries.has(tokens[last]!.key)) first++;
    }
  }
  return out;
}

function cleanSpan(paragraph: number, text: string, tokens: Token[], given: EntityLabel, from: number, to: number): SpanMention | undefined {
  let label = given;
  let first = from;
  let last = to;
  const key = (i: number): string => tokens[i]!.key;
  // Punctuation at either edge is no part of the name.
  while (first <= last && !tokens[first]!.word) first++;
  while (last >= first && !tokens[last]!.word) last--;
  if (first <= last && key(first) === 'the' && first < last) first++;
  if (first < last && HONORIFICS.entries.has(key(first))) {
    label = 'PER';
    first++;
    while (first < last && !tokens[first]!.word) first++;
  }
  if (label === 'PER') while (first < last && TITLES.entries.has(key(first))) first++;
  if (label === 'ORG' || label === 'LOC') while (last > first && TRAILING_TITLES.entries.has(key(last))) last--;
  if (label === 'ORG' || label === 'MISC') {
    // "Morgan Stanley and Co Inc": suffixes, and "and Co" before them, close the name.
    while (last > first && CORPORATE_SUFFIXES.entries.has(key(last))) {
      last--;
      while (last > first && !tokens[last]!.word) last--;
    }
    if (last - 1 > first && SUFFIX_PARTNERS.has(key(last)) && (key(last - 1) === 'and' || tokens[last - 1]!.text === '&')) last -= 2;
    while (last > first && (!tokens[last]!.word || key(last) === 'and')) last--;
  }
  if (first > last) return undefined;
  if (last > first && NOT_FACETED_HEADS.entries.has(key(last))) return undefined;
  // Never a name alone: a legal-form suffix ("Ltd"), a time zone ("GMT").
  if (first === last && (CORPORATE_SUFFIXES.entries.has(key(first)) || SUFFIX_PARTNERS.has(key(first)) || timeZoneAbbreviations().has(tokens[first]!.text))) return undefined;
  const words: string[] = [];
  for (let i = first; i <= last; i++) {
    const t = tokens[i]!;
    // Hyphens and full stops glued to a word stay with it ("Coca-Cola", "U.S."); spaces are single.
    if (words.length && t.start === tokens[i - 1]!.end) words[words.length - 1] += text.slice(tokens[i - 1]!.end, t.end);
    else words.push(text.slice(t.start, t.end));
  }
  // "Boston-based": the name before an attributive tail (ATTRIBUTIVE_TAILS).
  const tail = /-(\p{Ll}+)$/u.exec(words[words.length - 1]!);
  const cut = tail && ATTRIBUTIVE_TAILS.entries.has(tail[1]!) && tail.index > 0 ? tail[0].length : 0;
  if (cut) words[words.length - 1] = words[words.length - 1]!.slice(0, -cut);
  const written = words.join(' ');
  // No name without two letters ("U.S." has two): a lone letter is an initial or a table's column.
  if ((written.match(/\p{L}/gu)?.length ?? 0) < 2) return undefined;
  const keyText = tokens
    .slice(first, last + 1)
    .filter((t) => t.word || t.text === '&')
    .map((t) => (t.text === '&' ? 'and' : t.key))
    .join(' ')
    .replace(cut ? /-\p{Ll}+$/u : /$^/, '');
  // The mention keeps the tagger's whole span ("Texaco Inc" is marked whole), the value its cleaned
  // words; an honorific or a title is not marked ("Mr Trump" marks "Trump").
  const opening = label !== given || (label === 'PER' && first > from && TITLES.entries.has(key(from))) ? first : from;
  const outer = { start: tokens[opening]!.word ? tokens[opening]!.start : tokens[first]!.start, end: tokens[to]!.word ? tokens[to]!.end : tokens[last]!.end };
  return { paragraph, label, first, last, ...outer, text: written, key: keyText, possessive: tokens[last]!.possessive };
}

/** What step 2 learns about the article's names. */
export interface ArticleNames {
  /** Surname (last word key) → the full names with it. */
  surnames: Map<string, Set<string>>;
  /** Given name key → full names opening with it. */
  givenNames: Map<string, Set<string>>;
  /** Acronym → organisation: brackets first, then initials. */
  acronyms: Map<string, string>;
  /** "R O'Gara" (a line-up's initial and surname) → the full name the article gives ("Ronan O'Gara"). */
  abbreviated: Map<string, string>;
  /** An organisation's key without its closing words → the full name ("circuit city" → Circuit City Stores). */
  shortNames: Map<string, Set<string>>;
}

/** A name that opens with an initial or two: "R O'Gara", "S. Easterby", "AJ Venter". */
const INITIALS = /^(\p{Lu}\.?){1,2}\s/u;

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function onlyOne(set: Set<string> | undefined): string | undefined {
  return set?.size === 1 ? set.values().next().value : undefined;
}

/** "European Space Agency" → ESA, "General Motors" → GM, "UK Independence Party" → UKIP. */
export function initials(text: string): string {
  return text
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => (/^[\p{Lu}.]+$/u.test(w) ? w.replace(/\./g, '') : w[0]))
    .join('');
}

/** Step 2. `tokensOf(p)` gives paragraph p's tokens, to read brackets after a name. */
export function articleNames(mentions: SpanMention[], tokensOf: (paragraph: number) => Token[], gazetteer: Gazetteer): ArticleNames {
  const surnames = new Map<string, Set<string>>();
  const givenNames = new Map<string, Set<string>>();
  const acronyms = new Map<string, string>();
  const byInitials = new Map<string, Set<string>>();
  const shortNames = new Map<string, Set<string>>();
  const initialled: SpanMention[] = [];
  for (const m of mentions) {
    const words = m.key.split(' ');
    if (m.label === 'PER' && words.length > 1) {
      // "R O'Gara", "AJ Venter": an initial is no given name; such names resolve below.
      if (INITIALS.test(m.text)) {
        initialled.push(m);
        continue;
      }
      const value = personValue(m, gazetteer).value;
      addTo(surnames, words[words.length - 1]!, value);
      addTo(surnames, normaliseKey(value.split(' ').pop()!), value);
      addTo(givenNames, words[0]!, value);
    } else if (m.label === 'ORG') {
      const value = organisationValue(m, gazetteer).value;
      if (words.length > 1) {
        const letters = initials(m.text);
        if (letters.length >= 2) addTo(byInitials, letters, value);
        for (let k = words.length - 1; k >= 1; k--) addTo(shortNames, words.slice(0, k).join(' '), value);
      }
      // "the European Space Agency (ESA)", "Bay Area Laboratory Co-operative (Balco)".
      const tokens = tokensOf(m.paragraph);
      const open = tokens[m.last + 1];
      const inner = tokens[m.last + 2];
      const close = tokens[m.last + 3];
      if (open?.text === '(' && inner?.word && close?.text === ')' && /^\p{Lu}/u.test(inner.text) && inner.text.length <= 10 && words.length > 1) acronyms.set(inner.text, value);
    }
  }
  for (const [letters, names] of byInitials) {
    const only = onlyOne(names);
    if (only && !acronyms.has(letters)) acronyms.set(letters, only);
  }
  const abbreviated = new Map<string, string>();
  for (const m of initialled) {
    const words = m.key.split(' ');
    const surname = words[words.length - 1]!;
    const initial = m.text[0]!.toLowerCase();
    const matching = [...(surnames.get(surname) ?? [])].filter((name) => normaliseKey(name)[0] === initial);
    if (matching.length === 1) abbreviated.set(m.key, matching[0]!);
    // With no full name to stand for, the initialled name is the only name the surname has.
    else if (!surnames.has(surname)) addTo(surnames, surname, foldInitials(m.text));
  }
  return { surnames, givenNames, acronyms, abbreviated, shortNames };
}

function aliasEntry(m: SpanMention, gazetteer: Gazetteer): GazetteerEntry | undefined {
  const entry = gazetteer.phrases.get(m.key);
  // "US", "WHO": an acronym of the alias table counts only as written.
  if (!entry || (entry.exactCase && entry.exactCase !== m.text.replace(/\./g, '') && m.text !== m.text.toUpperCase())) return undefined;
  return entry;
}

function personValue(m: SpanMention, gazetteer: Gazetteer): { value: string; fromAlias: boolean } {
  const entry = aliasEntry(m, gazetteer);
  if (entry?.kind === 'person') return { value: entry.value, fromAlias: true };
  return { value: foldInitials(m.text), fromAlias: false };
}

function foldInitials(name: string): string {
  return name.replace(MIDDLE_INITIALS.entries, '');
}

function foldSpelling(name: string): string {
  let out = name;
  for (const [pattern, replacement] of SPELLING_VARIANTS.entries) out = out.replace(pattern, replacement);
  return out;
}

function organisationValue(m: SpanMention, gazetteer: Gazetteer): { value: string; fromAlias: boolean } {
  const entry = aliasEntry(m, gazetteer) ?? gazetteer.phrases.get(foldSpelling(m.text).toLowerCase());
  if (entry?.kind === 'organization') return { value: entry.value, fromAlias: entry.source === 'alias' };
  return { value: foldSpelling(m.text), fromAlias: false };
}

function fromEntry(entry: GazetteerEntry): Resolved {
  const fromAlias = entry.source === 'alias';
  switch (entry.kind) {
    case 'country':
      return { kind: 'country', value: entry.value, fromAlias };
    case 'place':
      return { kind: 'place', value: entry.value, ...(entry.country ? { country: entry.country } : {}), fromAlias };
    case 'demonym':
      return { kind: 'demonym', value: entry.value, fromAlias };
    default:
      return { kind: entry.kind, value: entry.value, fromAlias };
  }
}

/**
 * Step 3: one mention's facet value, or undefined for what lede does not facet (MISC that is no
 * nationality: events, works, products).
 */
export function resolveMention(m: SpanMention, previous: SpanMention | undefined, names: ArticleNames, gazetteer: Gazetteer): Resolved | undefined {
  const entry = aliasEntry(m, gazetteer);
  // The newsroom's alias table decides first, type included ("Kremlin", "White House" are
  // organisations), except for a town the tagger reads as an organisation: a capital stands for its
  // government and stays the place ("security guarantees for Kyiv"), another town is its club or
  // team ("NEW YORK 5 Boston 3").
  const club = m.label === 'ORG' && entry?.kind === 'place' && !gazetteer.capitals.has(m.key);
  if (entry?.source === 'alias' && !club) return fromEntry(entry);
  const words = m.key.split(' ');
  switch (m.label) {
    case 'PER': {
      const expanded = names.abbreviated.get(m.key);
      if (expanded) return { kind: 'person', value: expanded, fromAlias: false };
      if (words.length === 1) {
        const full = onlyOne(names.surnames.get(m.key)) ?? onlyOne(names.givenNames.get(m.key));
        if (full) return { kind: 'person', value: full, fromAlias: false };
      }
      return { kind: 'person', ...personValue(m, gazetteer) };
    }
    case 'ORG': {
      if (entry?.kind === 'country' || (entry?.kind === 'place' && !club)) return fromEntry(entry);
      const expansion = names.acronyms.get(m.text);
      if (expansion && words.length === 1) return { kind: 'organization', value: expansion, fromAlias: false };
      const longer = onlyOne(names.shortNames.get(m.key));
      if (longer && longer.split(' ').length > words.length) return { kind: 'organization', value: longer, fromAlias: false };
      // "Russia's Foreign Ministry" → Russian Foreign Ministry.
      if (previous && previous.paragraph === m.paragraph && previous.last + 1 === m.first && previous.possessive && NATIONAL_BODY_HEADS.entries.has(words[words.length - 1]!)) {
        const country = gazetteer.phrases.get(previous.key);
        const adjective = country?.kind === 'country' ? gazetteer.adjectiveOf.get(country.value) : undefined;
        if (adjective) return { kind: 'organization', value: `${adjective} ${m.text}`, fromAlias: false };
      }
      return { kind: 'organization', ...organisationValue(m, gazetteer) };
    }
    case 'LOC': {
      if (entry && entry.kind !== 'person' && entry.kind !== 'organization') {
        const resolved = fromEntry(entry);
        return resolved.kind === 'demonym' ? { kind: 'country', value: resolved.value, fromAlias: resolved.fromAlias } : resolved;
      }
      return { kind: 'place', value: m.text, fromAlias: false };
    }
    case 'MISC':
      return entry?.kind === 'demonym' ? fromEntry(entry) : undefined;
  }
}

/** Collects one paragraph's facets, each list de-duplicated in order of first mention. */
export class ParagraphFacets {
  private readonly seen = { people: new Set<string>(), organizations: new Set<string>(), places: new Set<string>(), countries: new Set<string>() };
  readonly mentions: EntityMention[] = [];

  constructor(private readonly stats: ExtractionStats | undefined) {}

  add(resolved: Resolved, span?: { start: number; end: number }): void {
    switch (resolved.kind) {
      case 'country':
        this.seen.places.add(resolved.value);
        this.seen.countries.add(resolved.value);
        break;
      case 'place':
        this.seen.places.add(resolved.value);
        if (resolved.country) this.seen.countries.add(resolved.country);
        break;
      case 'demonym':
        this.seen.countries.add(resolved.value);
        break;
      case 'organization':
        this.seen.organizations.add(resolved.value);
        break;
      case 'person':
        this.seen.people.add(resolved.value);
        break;
    }
    if (!span) return;
    const type = resolved.kind === 'demonym' ? 'country' : resolved.kind;
    this.mentions.push({ start: span.start, end: span.end, type, value: resolved.value });
    if (this.stats) {
      this.stats.hits++;
      if (resolved.fromAlias) this.stats.aliasHits++;
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
