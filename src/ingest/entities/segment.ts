/**
 * One paragraph → candidate entity segments, before the article-level resolution (surnames,
 * acronyms, company short names) in resolve.ts.
 *
 * Capitalised runs are cut in three passes:
 *   1. multi-word gazetteer phrases are fixed first   "US Air Force General Alexus Grynkewich"
 *                                                      → [US Air Force] General Alexus Grynkewich
 *   2. titles are split off the names they precede     → [US Air Force] (General) [Alexus Grynkewich]
 *   3. what is left is classified piece by piece: company suffix, organisation head word, place,
 *      given name, acronym, or an unknown single word left for resolve.ts.
 */
import { CONTEXT_FREE_CITY_POPULATION } from './gazetteer.js';
import {
  BROADCAST_HEADS,
  CLUB_CUES,
  CLUB_CUES_BEFORE,
  CLUB_HEADS,
  CLUB_PREFIXES,
  CONNECTORS,
  CORPORATE_SUFFIXES,
  FUNCTION_TAGS,
  LANGUAGE_CUES,
  LOCATIVES,
  NAME_PARTICLES,
  OPENING_HEADS,
  ORGANISATION_APPOSITIVES,
  ORGANISATION_CUES_AFTER,
  ORGANISATION_OWNERS,
  ORGANIZATION_HEADS,
  STREET_AND_EVENT_HEADS,
  SUFFIX_PARTNERS,
  TITLE_HEADS,
  timeZoneAbbreviations,
  TOWN_ORGANISATION_CUES,
  VENUE_HEADS,
  WORK_CUES,
} from './lexicon.js';
import { phraseKey, tokenize, type Token } from './tokenize.js';
import type { Gazetteer, GazetteerEntry } from './types.js';

interface Span {
  start: number;
  end: number;
}

export type Segment =
  /** `tokens` counts name words: 1 for "Mr Trump", resolved through the article's full names. */
  | (Span & { kind: 'person'; name: string; tokens: number; titled: boolean; guessed: boolean })
  | (Span & { kind: 'organization'; name: string; corporate: boolean; mention: boolean })
  /** `inside`: after "in", "near" or "outside", where a town is the place, never its club. */
  | (Span & { kind: 'gazetteer'; entry: GazetteerEntry; key: string; mention: boolean; inside: boolean })
  /**
   * `evidence`: the context shows an organisation ("BT's competitors", "BT said"). `modifier`: with no
   * such cue, a common noun follows, so the acronym names a kind of thing ("DRM systems", "GIF files").
   */
  | (Span & { kind: 'acronym'; text: string; evidence: boolean; modifier: boolean })
  /**
   * An unknown capitalised word, or a club's name with no town ("Holby City"), left for resolve.ts. `evidence` says its context shows an
   * organisation ("Clearswift said", "firm F-Secure", "Fiat's carmaking"); `club` that it is a
   * sports club ("Liverpool boss").
   */
  | (Span & { kind: 'single'; text: string; key: string; possessive: boolean; evidence: boolean; club: boolean })
  /**
   * A word of the vocabulary capitalised mid-sentence with no cue ("Next", "Marsh"): a name only
   * where the article names an organisation that opens with it ("Marsh & McLennan" … "Marsh").
   */
  | (Span & { kind: 'vocabulary'; text: string; key: string });

export interface ParagraphSegments {
  segments: Segment[];
  /** "the European Space Agency (ESA)" → ESA → European Space Agency. */
  acronyms: Map<string, string>;
}

/** Per-extraction settings derived from the gazetteer once. */
export interface SegmentContext {
  gazetteer: Gazetteer;
  calendar: Set<string>;
}

/**
 * The context of one run: names are cut out of the paragraph's text, so "St. Louis" keeps its dot;
 * the words around the run are the cues that tell a club or a company from a place or a word.
 */
interface RunContext extends SegmentContext {
  text: string;
  /** The two tokens before the run, nearest first, and the two after it. */
  before: [Token | undefined, Token | undefined];
  after: [Token | undefined, Token | undefined];
  /** The run's last word: only it (or every name of "Rangers and Liverpool") is next to `after`. */
  last: Token | undefined;
  /** The run's first word: only it is next to `before`. */
  first: Token | undefined;
  /** "Rangers and Liverpool boss": single names joined by "and", so the cue after applies to each. */
  coordinated: boolean;
}

/** A gazetteer lookup that honours case for acronyms ("US" but not "Us", "WHO" but not "Who"). */
export function lookup(gazetteer: Gazetteer, key: string, words: Token[]): GazetteerEntry | undefined {
  const entry = gazetteer.phrases.get(key);
  if (!entry) return undefined;
  if (entry.exactCase !== undefined) {
    const surface = words.map((w) => w.text.replace(/\./g, '')).join(' ');
    if (surface !== entry.exactCase) return undefined;
  }
  return entry;
}

export function segmentParagraph(text: string, ctx: SegmentContext): ParagraphSegments {
  const tokens = tokenize(text);
  const segments: Segment[] = [];
  const acronyms = new Map<string, string>();
  if (isShouting(tokens)) return { segments, acronyms };
  const runCtx: RunContext = { ...ctx, text, before: [undefined, undefined], after: [undefined, undefined], last: undefined, first: undefined, coordinated: false };
  const g = ctx.gazetteer;

  const candidate = (i: number): boolean => {
    const t = tokens[i];
    if (!t || !t.word || !t.cap) return false;
    // "I've said to Nigel I want": the pronoun is not an initial (those carry a dot or stand before a surname).
    if (t.text === 'I' && tokens[i + 1]?.text !== '.' && !(tokens[i + 1]?.cap && tokens[i + 1]!.start === t.end + 1 && !g.commonWords.has(tokens[i + 1]!.key))) return false;
    // "the Sunday Times", "the Sunday Telegraph": a weekday that opens a newspaper's title is a name word.
    // "Sun Chemical Corp", "Sun Microsystems": a weekday's or month's short form before a name word opens that name.
    if (ctx.calendar.has(t.key)) return (t.prevKey === 'the' && !t.sentenceStart && isHeadWord(tokens[i + 1])) || (t.key.length === 3 && isNameStart(tokens[i + 1], ctx));
    // "ATTENTION EDITORS - THIS IMAGE": a stretch of capitals is not a run of acronyms.
    if (t.upper && (isUpperWord(tokens[i - 1]) || isUpperWord(tokens[i + 1]))) return false;
    // "And City seemed content", "So Sony said": a stop word that opens a sentence is never a name's first word.
    if (t.sentenceStart && !t.upper && g.stopWords.has(t.key)) return false;
    // "A Department for Education spokesman": the article "A" opens a sentence, not a name ("A." is an initial).
    if (t.text === 'A' && t.sentenceStart && tokens[i + 1]?.text !== '.') return false;
    // "in the U.K. The bank said": a capitalised function word starts a sentence, not a name.
    if (!t.upper && t.text.length > 1 && isFunctionWord(t, g) && !g.phrases.has(t.key)) return false;
    return true;
  };

  const titles = titleCaseSpans(tokens, g);
  let i = 0;
  while (i < tokens.length) {
    if (!candidate(i) || titles.has(i)) {
      i++;
      continue;
    }
    const run: Token[] = [tokens[i]!];
    let j = i + 1;
    while (j < tokens.length) {
      const t = tokens[j]!;
      const last = run[run.length - 1]!;
      // "Six Mths\nShr 85 cts": a line break ends a name (the lines of a table, a list, an address).
      if (t.lineStart) break;
      if (candidate(j)) {
        run.push(t);
        j++;
        continue;
      }
      // "Goldman, Sachs and Co", "Kidder, Peabody and Co": the partners' names of a firm, comma and all.
      if (t.text === ',' && candidate(j + 1) && tokens[j + 2]?.key === 'and' && SUFFIX_PARTNERS.has(tokens[j + 3]?.key ?? '')) {
        j++;
        continue;
      }
      // "St. Louis", "George W. Bush": the dot of an abbreviation stays inside the run.
      if (t.text === '.' && t.start === last.end && (last.text.length === 1 || last.key === 'st' || TITLE_HEADS.has(last.key)) && candidate(j + 1)) {
        j++;
        continue;
      }
      // "Bank of England", "Procter & Gamble", "Organization of the Petroleum Exporting Countries".
      if (isConnector(t)) {
        let k = j;
        while (k < tokens.length && isConnector(tokens[k]!)) k++;
        if (k - j <= 2 && candidate(k)) {
          for (let m = j; m < k; m++) run.push(tokens[m]!);
          j = k;
          continue;
        }
      }
      // "Radio 1", "BBC Radio 4", "Channel 4": a station's number is part of its name.
      if (BROADCAST_HEADS.has(last.key) && last.cap && /^\d{1,2}$/.test(t.text) && t.start === last.end + 1) {
        run.push(t);
        j++;
      }
      break;
    }
    runCtx.before = [tokens[i - 1], tokens[i - 2]];
    runCtx.after = [tokens[j], tokens[j + 1]];
    runCtx.last = run[run.length - 1];
    runCtx.first = run[0];
    runCtx.coordinated = run.length >= 3 && run.every((t, k) => (k % 2 === 0 ? t.word && t.cap : t.key === 'and' || t.text === '&'));
    segmentRun(run, runCtx, segments);
    i = j;
  }

  readLists(tokens, segments, g);
  findAcronymDefinitions(tokens, segments, acronyms);
  return { segments, acronyms };
}

/**
 * Token indexes of titles written in title case: a capitalised preposition or conjunction inside a
 * run of capitalised words ("Return Of The Jedi's much-maligned Ewoks", "One Flew Over the
 * Cuckoo's Nest") marks a work's title, none of whose words is an entity. "The" alone does not
 * ("at The Old Vic", "told The Guardian"); a possessive ends the title.
 */
function titleCaseSpans(tokens: Token[], g: Gazetteer): Set<number> {
  const titled = new Set<number>();
  const capWord = (t: Token | undefined): boolean => t !== undefined && t.word && t.cap && !t.upper;
  for (let i = 1; i + 1 < tokens.length; i++) {
    const t = tokens[i]!;
    if (!capWord(t) || t.sentenceStart || t.key === 'the' || t.text.length < 2 || !isFunctionWord(t, g)) continue;
    const prev = tokens[i - 1]!;
    const next = tokens[i + 1]!;
    if (!capWord(prev) || prev.possessive || !(capWord(next) || (isConnector(next) && capWord(tokens[i + 2])))) continue;
    let from = i;
    while (from > 0 && capWord(tokens[from - 1]) && !tokens[from - 1]!.possessive) {
      from--;
      if (tokens[from]!.sentenceStart) break;
    }
    let to = i;
    while (to + 1 < tokens.length && !tokens[to]!.possessive && (capWord(tokens[to + 1]) || (isConnector(tokens[to + 1]!) && capWord(tokens[to + 2])))) to++;
    for (let k = from; k <= to; k++) titled.add(k);
    i = to;
  }
  return titled;
}

/**
 * Lists of three or more names ("Nokia, LG Electronics, Lenovo, Samsung and Siemens"; "Manchester,
 * Leicester, Basingstoke and Torbay") share a kind: when some members are shown to be organisations
 * and none is a person or place, the unknown words among them are organisations too; when two or
 * more are places and none is anything else, a town too small to count alone is a place.
 */
function readLists(tokens: Token[], segments: Segment[], g: Gazetteer): void {
  // Items: maximal stretches of capitalised words (with "&" inside), in order.
  const items: Array<{ from: number; to: number }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.word || !t.cap) continue;
    let j = i + 1;
    while (j < tokens.length && ((tokens[j]!.word && tokens[j]!.cap) || (tokens[j]!.text === '&' && tokens[j + 1]?.cap))) j++;
    // "Woolcott and Co": a firm's suffix ends the item before it; it is no item of its own.
    const previous = items[items.length - 1];
    if (previous && tokens.slice(i, j).every((w) => CORPORATE_SUFFIXES.has(w.key) || SUFFIX_PARTNERS.has(w.key))) previous.to = j;
    else items.push({ from: i, to: j });
    i = j - 1;
  }
  const separated = (a: { to: number }, b: { from: number }): boolean => {
    const between = tokens.slice(a.to, b.from).map((t) => t.key);
    return between.length >= 1 && between.length <= 2 && (between.join(' ') === ',' || between.join(' ') === 'and' || between.join(' ') === ', and');
  };
  let start = 0;
  for (let k = 1; k <= items.length; k++) {
    if (k < items.length && separated(items[k - 1]!, items[k]!)) continue;
    if (k - start >= 3) readList(items.slice(start, k), tokens, segments, g);
    start = k;
  }
}

function readList(items: Array<{ from: number; to: number }>, tokens: Token[], segments: Segment[], g: Gazetteer): void {
  // "Sony's Playstation, Microsoft's X-Box and Nintendo's Game Cube": owners and their products.
  if (items.some((item) => tokens.slice(item.from, item.to - 1).some((t) => t.possessive))) return;
  const spans = items.map((item) => ({ start: tokens[item.from]!.start, end: tokens[item.to - 1]!.end, item }));
  const inside = spans.map((span) => segments.filter((s) => s.start >= span.start && s.end <= span.end));
  let organisations = 0;
  let places = 0;
  let others = 0;
  for (const found of inside) {
    if (found.some((s) => s.kind === 'organization' || (s.kind === 'gazetteer' && s.entry.kind === 'organization') || (s.kind === 'single' && (s.evidence || s.club)))) organisations++;
    else if (found.some((s) => s.kind === 'gazetteer' && (s.entry.kind === 'place' || s.entry.kind === 'country'))) places++;
    else if (found.some((s) => s.kind === 'person' || (s.kind === 'gazetteer' && s.entry.kind !== 'demonym'))) others++;
  }
  if (organisations >= 1 && places === 0 && others === 0) {
    // "licenced by Nokia, …": a small town's name (Nokia, Finland) left out alone is a member too.
    spans.forEach((span, k) => {
      const t = tokens[span.item.from]!;
      if (inside[k]!.length || span.item.to - span.item.from !== 1 || t.sentenceStart || isCommon(t, g) || g.properAdjectives.has(t.key)) return;
      segments.push({ kind: 'single', start: t.start, end: t.end, text: t.text, key: t.key, possessive: t.possessive, evidence: true, club: false });
    });
    segments.sort((a, b) => a.start - b.start);
    for (const found of inside) {
      for (const s of found) {
        if (s.kind === 'single') s.evidence = true;
        else if (s.kind === 'vocabulary') segments[segments.indexOf(s)] = { kind: 'single', start: s.start, end: s.end, text: s.text, key: s.key, possessive: false, evidence: true, club: false };
      }
    }
  } else if (places >= 2 && organisations === 0 && others === 0) {
    spans.forEach((span, k) => {
      // A town too small to count alone is left as an unknown word (a surname or a club, maybe).
      const found = inside[k]!;
      if (found.some((s) => s.kind !== 'single') || span.item.to - span.item.from !== 1) return;
      const t = tokens[span.item.from]!;
      const entry = lookup(g, t.key, [t]);
      if (!entry || entry.kind !== 'place') return;
      for (const s of found) segments.splice(segments.indexOf(s), 1);
      segments.push(gazetteerSegment([t], entry));
    });
    segments.sort((a, b) => a.start - b.start);
  }
}

/** A paragraph mostly in capitals (a headline, a caption note, a table) gives no case signal. */
function isShouting(tokens: Token[]): boolean {
  let caps = 0;
  let upper = 0;
  for (const t of tokens) {
    if (!t.cap) continue;
    caps++;
    if (t.upper) upper++;
  }
  return caps >= 4 && upper / caps > 0.5;
}

/** A capitalised word right after another that is neither a calendar word nor an acronym: "Sun Chemical", not "Mon Feb". */
function isNameStart(t: Token | undefined, ctx: SegmentContext): boolean {
  return t !== undefined && t.word && t.cap && !t.upper && !t.sentenceStart && !ctx.calendar.has(t.key);
}

function isHeadWord(t: Token | undefined): boolean {
  return t !== undefined && t.word && t.cap && ORGANIZATION_HEADS.has(t.key);
}

function isUpperWord(t: Token | undefined): boolean {
  return t !== undefined && t.word && t.upper;
}

function isConnector(t: Token): boolean {
  return (t.word && !t.cap && CONNECTORS.has(t.key)) || t.text === '&';
}

function isCommon(t: Token, g: Gazetteer): boolean {
  return g.commonWords.has(t.key);
}

function isFunctionWord(t: Token, g: Gazetteer): boolean {
  const tags = g.commonWords.get(t.key);
  return tags !== undefined && FUNCTION_TAGS.has(tags[0]!);
}

function textOf(text: string, tokens: Token[]): string {
  return text.slice(tokens[0]!.start, tokens[tokens.length - 1]!.end);
}

function person(text: string, tokens: Token[], titled: boolean, guessed: boolean): Segment {
  const first = tokens[0]!;
  const last = tokens[tokens.length - 1]!;
  return { kind: 'person', start: first.start, end: last.end, name: text.slice(first.start, last.end), tokens: tokens.filter((t) => !isParticle(t)).length, titled, guessed };
}

function organisation(text: string, tokens: Token[], name: string = textOf(text, tokens), corporate = false): Segment {
  return { kind: 'organization', start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end, name, corporate, mention: true };
}

function gazetteerSegment(tokens: Token[], entry: GazetteerEntry, mention = true): Segment {
  const first = tokens[0]!;
  const last = tokens[tokens.length - 1]!;
  return { kind: 'gazetteer', start: first.start, end: last.end, entry, key: tokens.map((t) => t.key).join(' '), mention, inside: INSIDE.has(first.prevKey) };
}

/** A variant's suffix, as malware and models are named: "Bankash-A", "Sober-K", "Zafi-2". */
const VARIANT_CODE = /-(?:\p{Lu}|\d+)$/u;

/** Prepositions after which a town is the place itself ("in Liverpool"), not its club ("at Liverpool"). */
const INSIDE = new Set(['in', 'near', 'outside']);

type Label = 'fixed' | 'title' | 'person' | undefined;

function segmentRun(run: Token[], ctx: RunContext, out: Segment[]): void {
  const g = ctx.gazetteer;
  const ws = run.filter((t) => t.word || t.text === '&');
  const n = ws.length;
  const labels: Label[] = new Array<Label>(n).fill(undefined);
  const fixed = new Map<number, { to: number; entry: GazetteerEntry }>();
  const people = new Map<number, number>();

  // 1. Multi-word gazetteer phrases, longest first.
  for (let i = 0; i < n; i++) {
    if (isConnector(ws[i]!)) continue;
    for (let len = Math.min(g.maxPhraseTokens, n - i); len >= 2; len--) {
      const slice = ws.slice(i, i + len);
      if (isConnector(slice[len - 1]!)) continue;
      const entry = lookup(g, slice.map((t) => t.key).join(' '), slice);
      // A possessive inside a phrase only where the alias table writes one ("Moody's Investors Service").
      if (!entry || (entry.source !== 'alias' && slice.slice(0, -1).some((t) => t.possessive))) continue;
      // "the House of Lords Economic Affairs Committee": an organisation that opens a longer name
      // ending in a head word is part of that body's name; not "European Community Commission",
      // "Standard Chartered Bank", where one head word only restates the organisation.
      const rest = ws.slice(i + len);
      if (entry.kind === 'organization' && rest.length >= 2 && !slice[len - 1]!.possessive && ORGANIZATION_HEADS.has(rest[rest.length - 1]!.key) && rest.every((t) => t.cap && !TITLE_HEADS.has(t.key))) break;
      // "San Francisco Ballet", "New York Stock Exchange": a place that opens a name is part of it.
      const next = ws[i + len];
      if (entry.kind === 'place' && next && !slice[len - 1]!.possessive && (ORGANIZATION_HEADS.has(next.key) || opensFirm(ws, i + len))) break;
      // "Reserve Bank of New Zealand", "Directors Guild of Great Britain": a place after "of" that
      // follows an organisation's head word ends that name.
      if ((entry.kind === 'place' || entry.kind === 'country') && i >= 2 && ws[i - 1]!.key === 'of' && ORGANIZATION_HEADS.has(ws[i - 2]!.key)) break;
      let to = i + len;
      // "Goldman Sachs International Corp", "Morgan Stanley International": a unit named by its firm's
      // name, adjectives and a suffix, to the end of the run, counts as the firm (not "BBC News").
      if (entry.kind === 'organization') {
        let end = to;
        while (end < n && end - to < 3 && (CORPORATE_SUFFIXES.has(ws[end]!.key) || (ws[end]!.cap && !ws[end]!.upper && isAdjective(ws[end]!, g)))) end++;
        if (end === n) to = end;
      }
      fixed.set(i, { to, entry });
      for (let k = i; k < to; k++) labels[k] = 'fixed';
      i = to - 1;
      break;
    }
  }

  // 2. Titles: a title head followed by one to four name words.
  for (let i = 0; i < n; i++) {
    const t = ws[i]!;
    if (labels[i] || !TITLE_HEADS.has(t.key) || lookup(g, t.key, [t])) continue;
    let j = i + 1;
    while (j < n && j - i <= 4 && !labels[j]) {
      // "Mr de Vabres", "Renaud Donnedieu de Vabres": a lower-case particle inside the name.
      if (j > i && isParticle(ws[j]!) && j + 1 < n && !labels[j + 1] && isNameWord(ws[j + 1]!, g)) {
        j += 2;
        if (ws[j - 1]!.possessive) break;
        continue;
      }
      if (!isNameWord(ws[j]!, g)) break;
      j++;
      if (ws[j - 1]!.possessive) break;
    }
    if (j === i + 1) continue;
    // "the General Election", "the General Assembly": after "the", a title and one word of the
    // vocabulary name a thing, not a person.
    if (j === i + 2 && t.prevKey === 'the' && isCommon(ws[i + 1]!, g)) continue;
    // "General Motors Corp": a tail that ends like a company is not a name.
    if (j < n && !labels[j] && (CORPORATE_SUFFIXES.has(ws[j]!.key) || ORGANIZATION_HEADS.has(ws[j]!.key))) continue;
    labels[i] = 'title';
    // "Treasury Secretary", "Prime Minister", "Chief Executive Officer": title words before the head.
    for (let k = i - 1; k >= 0 && !labels[k]; k--) {
      const w = ws[k]!;
      // "Home Office Minister Ann Widdecombe": an organisation's head word ends the title.
      if (ORGANIZATION_HEADS.has(w.key) && !TITLE_HEADS.has(w.key)) break;
      if (TITLE_HEADS.has(w.key) || (isCommon(w, g) && !lookup(g, w.key, [w]) && !isFunctionWord(w, g))) labels[k] = 'title';
      else break;
    }
    for (let k = i + 1; k < j; k++) labels[k] = 'person';
    people.set(i + 1, j);
    i = j - 1;
  }

  // 3. In text order: fixed phrases, titled people and the classified stretches between them.
  let i = 0;
  while (i < n) {
    const label = labels[i];
    if (label === 'fixed') {
      const f = fixed.get(i)!;
      if (!(f.entry.source === 'city' && isVenueUse(ws[i]!, f.to === n, ctx))) out.push(gazetteerSegment(ws.slice(i, f.to), f.entry));
      i = f.to;
    } else if (label === 'person') {
      const to = people.get(i)!;
      out.push(person(ctx.text, ws.slice(i, to), true, false));
      i = to;
    } else if (label === 'title') {
      i++;
    } else {
      let j = i;
      while (j < n && !labels[j]) j++;
      classifyStretch(ws.slice(i, j), ctx, out);
      i = j;
    }
  }
}

function isParticle(t: Token): boolean {
  return t.word && !t.cap && NAME_PARTICLES.has(t.key);
}

/** A word that can be part of a name after a title: capitalised, not a title, company word or country. */
function isNameWord(t: Token, g: Gazetteer): boolean {
  if (!t.cap || isConnector(t)) return false;
  if (TITLE_HEADS.has(t.key) || ORGANIZATION_HEADS.has(t.key) || CORPORATE_SUFFIXES.has(t.key)) return false;
  const entry = lookup(g, t.key, [t]);
  return !entry || entry.kind === 'person' || (entry.kind === 'place' && entry.source === 'city');
}

/** A stretch with no fixed phrase or title in it: cut at possessives and connectors, then classify. */
function classifyStretch(stretch: Token[], ctx: RunContext, out: Segment[]): void {
  const g = ctx.gazetteer;
  let ws = stretch;
  while (ws.length && isConnector(ws[0]!)) ws = ws.slice(1);
  while (ws.length && isConnector(ws[ws.length - 1]!)) ws = ws.slice(0, -1);
  if (!ws.length) return;
  // "the 2003 film The Life of David Gale": a work's title after its noun, connectors and all.
  const cue = ctx.before[0]?.key === 'the' ? ctx.before[1] : ctx.before[0];
  if (ws[0] === ctx.first && ws.length > 1 && !lookup(g, ws[0]!.key, [ws[0]!]) && isCue(cue, WORK_CUES)) return;
  // "Members of the Transport and General Workers' Union voted": a sentence-opening noun before "of"
  // is not part of the name after it, unless it is the name's own head ("Ministry of Defence said").
  const opener = ws[0]!;
  if (opener.sentenceStart && ws[1]?.key === 'of' && isCommon(opener, g) && !ORGANIZATION_HEADS.has(opener.key) && !TITLE_HEADS.has(opener.key) && !lookup(g, opener.key, [opener])) {
    classifyStretch(ws.slice(2), ctx, out);
    return;
  }

  // "Russia's Foreign Ministry" → organisation "Russian Foreign Ministry" (plus Russia as a country);
  // "Transport and General Workers' Union" stays one name.
  const possessive = ws.findIndex((t, k) => t.possessive && k < ws.length - 1);
  if (possessive >= 0) {
    const owner = ws[possessive]!;
    const rest = ws.slice(possessive + 1);
    // "McDonald's Corp", "Sotheby's Inc": a possessive before a company suffix is the firm's own name.
    if (rest.every((t) => CORPORATE_SUFFIXES.has(t.key))) {
      // The name keeps its "'s" ("Workers'" has only the apostrophe).
      const mark = /^['’]s/i.test(ctx.text.slice(owner.end, owner.end + 2)) ? 2 : 1;
      out.push(organisation(ctx.text, ws, ctx.text.slice(ws[0]!.start, owner.end + mark), true));
      return;
    }
    const restIsOrganisation = rest.some((t) => ORGANIZATION_HEADS.has(t.key)) && !rest.some((t) => isConnector(t) && t.key !== 'of');
    const entry = lookup(g, owner.key, [owner]);
    const adjective = entry?.country ? g.adjectiveOf.get(entry.country) : undefined;
    // "Workers' Union": a head word that is also a town's name (Union, New Jersey) is still the head.
    const restEntry = rest.length === 1 && ORGANIZATION_HEADS.has(rest[0]!.key) ? undefined : lookup(g, rest.map((t) => t.key).join(' '), rest);
    if (possessive === 0 && entry && adjective && restIsOrganisation && !restEntry) {
      out.push(gazetteerSegment([owner], entry, false));
      out.push(organisation(ctx.text, ws, `${adjective} ${textOf(ctx.text, rest)}`));
      return;
    }
    // "Germany's Siemens", "Ireland's Ryanair": one unknown word owned by a country is a company
    // there, unless the article gives a person that surname ("Britain's Henman"; resolve.ts).
    const lone = rest.length === 1 ? rest[0]! : undefined;
    if (possessive === 0 && (entry?.kind === 'country' || entry?.kind === 'place') && lone && isUnknownNameWord(lone, g) && !g.firstNames.has(lone.key)) {
      if (!(entry.source === 'city' && !cityAllowed(owner, entry, g))) out.push(gazetteerSegment([owner], entry));
      out.push({ kind: 'single', start: lone.start, end: lone.end, text: lone.text, key: lone.key, possessive: lone.possessive, evidence: true, club: false });
      return;
    }
    if (!entry && restIsOrganisation && !restEntry) {
      out.push(organisation(ctx.text, ws, textOf(ctx.text, firmName(ws))));
      return;
    }
    classifyStretch(ws.slice(0, possessive + 1), ctx, out);
    classifyStretch(rest, ctx, out);
    return;
  }

  // Connectors join only inside an organisation name ("Bank of England"); elsewhere they separate
  // ("Ukraine and Russia"). A company suffix closes a name ("Dixie Yarns Inc and TI-CARO Inc").
  let pieceStart = 0;
  let inOrganisation = false;
  // "FC Cologne and Bayer Leverkusen", "Manchester United and Chelsea": a name of unknown words or a
  // town after a club and "and" is a club too.
  let afterClub = false;
  const classify = (piece: Token[]): void => {
    const from = out.length;
    classifyPiece(piece, ctx, out);
    const only = out.length === from + 1 ? out[from]! : undefined;
    const club = afterClub && only !== undefined && ((only.kind === 'person' && only.guessed) || only.kind === 'single' || (only.kind === 'gazetteer' && only.entry.source === 'city'));
    if (club) out[from] = organisation(ctx.text, piece.filter((t) => !isConnector(t)));
    afterClub = false;
  };
  for (let k = 0; k < ws.length; k++) {
    const t = ws[k]!;
    if (ORGANIZATION_HEADS.has(t.key) && !OPENING_HEADS.has(t.key)) inOrganisation = true;
    // "Cable & Wireless", "Marks & Spencer": an ampersand joins a company name, "and" separates, and
    // "and the" after a complete name starts another ("the Sunday Times and the Guardian").
    // "Manchester United and Chelsea", "Bristol City and Hull City": no club's name goes on past its head.
    // "FC Cologne and Bayer Leverkusen": nor past a club's name that opens with its head.
    const startsAnother = t.key === 'and' && ((ws[k + 1]?.key === 'the' && ORGANIZATION_HEADS.has(ws[k - 1]?.key ?? '')) || CLUB_HEADS.has(ws[k - 1]?.key ?? '') || (CLUB_PREFIXES.has(ws[pieceStart]!.key) && k - pieceStart >= 2));
    // "Morgan Stanley and Co Inc", "Rochester Gas and Electric Co", "Cable and Wireless Plc": wire
    // copy writes a firm's "&" as "and"; "and" then one word then a company suffix is one name.
    // "Sony Pictures Entertainment and MGM Studios", "the BBC World Service and WGBH-Boston": after a
    // name of two or more words with a head word, "and" before another headed or acronym name
    // starts that name (not "Securities and Exchange Commission", "Department of Trade and Industry").
    const splitsBodies = t.key === 'and' && inOrganisation && k - pieceStart >= 2 && startsBody(ws, k + 1);
    const joinsFirm = t.key === 'and' && k > pieceStart && (SUFFIX_PARTNERS.has(ws[k + 1]?.key ?? '') || (ws[k + 1]?.cap === true && !isConnector(ws[k + 1]!) && CORPORATE_SUFFIXES.has(ws[k + 2]?.key ?? '')));
    // "Food and Drug Administration", "Fish and Wildlife Service": words of the vocabulary, "and",
    // and a name that ends the stretch in a head word are one body.
    const joinsBody = t.key === 'and' && !inOrganisation && k - pieceStart <= 2 && ws.slice(pieceStart, k).every((w) => isCommon(w, g) && !lookup(g, w.key, [w])) && endsInHead(ws, k + 1);
    if (isConnector(t) && t.text !== '&' && !joinsFirm && !joinsBody && (!inOrganisation || startsAnother || splitsBodies)) {
      classify(ws.slice(pieceStart, k));
      afterClub = startsAnother && t.key === 'and' && ws[k + 1]?.key !== 'the';
      pieceStart = k + 1;
      inOrganisation = false;
    } else if (CORPORATE_SUFFIXES.has(t.key) && k > pieceStart) {
      // "Co Inc", "Cos Ltd": suffixes in a row close one name.
      let end = k;
      while (end + 1 < ws.length && CORPORATE_SUFFIXES.has(ws[end + 1]!.key)) end++;
      // "Swiss Bank Corp International": one word of the vocabulary after the suffix, ending the
      // stretch, is the name of the firm's unit, not a name of its own.
      if (end + 2 === ws.length && ws[end + 1]!.cap && !ws[end + 1]!.upper && isCommon(ws[end + 1]!, g)) end++;
      classify(ws.slice(pieceStart, end + 1));
      k = end;
      pieceStart = end + 1;
      inOrganisation = false;
    }
  }
  classify(ws.slice(pieceStart));
}

function classifyPiece(piece: Token[], ctx: RunContext, out: Segment[]): void {
  const g = ctx.gazetteer;
  let ws = piece;
  while (ws.length && isConnector(ws[0]!)) ws = ws.slice(1);
  while (ws.length && isConnector(ws[ws.length - 1]!)) ws = ws.slice(0, -1);
  const n = ws.length;
  if (n === 0) return;
  const first = ws[0]!;
  const last = ws[n - 1]!;
  // "Corp" left by "Standard and Poor's Corp", "Co Inc": a company suffix names nothing on its own.
  if (ws.every((t) => CORPORATE_SUFFIXES.has(t.key) || SUFFIX_PARTNERS.has(t.key))) return;
  // "S and P", "the A team": a lone letter is an initial or a label, not a name.
  if (n === 1 && first.key.length === 1) return;
  const hasHead = ws.some((t) => ORGANIZATION_HEADS.has(t.key));
  const corporate = n > 1 && CORPORATE_SUFFIXES.has(last.key);
  const firstLookup = lookup(g, first.key, [first]);
  const firstEntry = placeEntry(first, g) ?? (firstLookup?.source === 'city' ? undefined : firstLookup);

  // "Smoke rises", "Officials told", "Since Russia's": a capital that only starts a sentence. Not an
  // acronym: "GM, whose brands include" is General Motors although "gm" is a unit of the lexicon.
  // Nor a club head alone ("City broke swiftly"), read as the article's club of that head, if it has one.
  if (first.sentenceStart && !first.upper && isCommon(first, g) && !firstEntry && !(n > 1 && g.firstNames.has(first.key)) && !(n === 1 && CLUB_HEADS.has(first.key))) {
    if (n === 1 || !(corporate || hasHead || ws.some((t) => t.text === '&') || /^\d/.test(last.text))) {
      classifyPiece(ws.slice(1), ctx, out);
      return;
    }
  }

  // "hit musical Mamma Mia!", "radio information show The Brains Trust": a work's title.
  const before = ctx.before[0]?.key === 'the' ? ctx.before[1] : ctx.before[0];
  if (first === ctx.first && !firstEntry && isCue(before, WORK_CUES)) return;

  if (corporate) {
    out.push(organisation(ctx.text, ws, textOf(ctx.text, firmName(ws)), true));
    return;
  }
  if (n > 1 && /^\d/.test(last.text)) {
    out.push(organisation(ctx.text, ws));
    return;
  }
  // "the Roosevelt Hotel", "the Donmar Warehouse": a venue is neither a person nor a place.
  if (n > 1 && VENUE_HEADS.has(last.key)) return;
  // "Madison Avenue", "Leicester Square", "the Uefa Cup", "the US Open": a street or an event.
  if (n > 1 && STREET_AND_EVENT_HEADS.has(last.key)) return;
  // "Manchester United", "Hull City", "FC Barcelona": a club's head word after a town makes a club;
  // after anything else ("Vice City", "Holby City actor") only with a cue, here or in the article.
  const club = n > 1 ? clubName(ws, g) : undefined;
  if (club) {
    if (club.from > 0) classifyPiece(ws.slice(0, club.from), ctx, out);
    const name = ws.slice(club.from);
    if (club.town) {
      out.push(organisation(ctx.text, name));
      return;
    }
    // Cues: "Holby City actor" is none; "Charlton Athletic v Leicester City" (a fixture), "the fan
    // group Shareholders United", "the supporters' group, Shareholders United", "Trek United's" are.
    const nextToCue = last === ctx.last || ctx.coordinated;
    const atStart = name[0] === ctx.first;
    const fixture = (t: Token | undefined): boolean => t !== undefined && (t.key === 'v' || t.key === 'vs') && !t.cap;
    const clubCue = (nextToCue && (isCue(ctx.after[0], CLUB_CUES) || fixture(ctx.after[0]))) || (atStart && fixture(ctx.before[0]));
    const apposition = atStart && (isCue(ctx.before[0], ORGANISATION_APPOSITIVES) || (ctx.before[0]?.text === ',' && isCue(ctx.before[1], ORGANISATION_APPOSITIVES)));
    const evidence = clubCue || (nextToCue && isCue(ctx.after[0], ORGANISATION_CUES_AFTER)) || last.possessive || apposition;
    out.push({ kind: 'single', start: name[0]!.start, end: last.end, text: textOf(ctx.text, name), key: name.map((t) => t.key).join(' '), possessive: last.possessive, evidence, club: clubCue });
    return;
  }
  if (hasHead && n > 1) {
    out.push(organisation(ctx.text, ws));
    return;
  }
  if (n > 1 && ws.some((t, k) => t.text === '&' && k > 0 && k < n - 1)) {
    out.push(organisation(ctx.text, ws));
    return;
  }
  // "BT Retail", "BBC Sport": an acronym followed by common nouns is a part of that organisation.
  if (n > 1 && n <= 3 && first.upper && (!firstEntry || firstEntry.kind === 'organization') && ws.slice(1).every((t) => !t.upper && isCommon(t, g) && !isFunctionWord(t, g))) {
    out.push(organisation(ctx.text, ws));
    return;
  }

  // "IT firm Dimension Data", "rock band Franz Ferdinand": a name of several words introduced by a
  // company noun is that company, unless it opens with a given name ("the firm John Smith founded").
  if (n > 1 && first === ctx.first && isCue(ctx.before[0], ORGANISATION_APPOSITIVES) && !first.sentenceStart && !firstEntry) {
    // "US mortgage firm Freddie Mac": a company noun with its own modifier introduces a name even
    // when it opens with a given name; "the firm John Smith founded" does not.
    const modified = ctx.before[1]?.word === true && !ctx.before[1].cap && !isFunctionWord(ctx.before[1], g);
    if (!g.firstNames.has(first.key) || ctx.before[0]!.key === 'band' || modified) {
      out.push(organisation(ctx.text, ws));
      return;
    }
  }

  if (n === 1) {
    // "at 1430 GMT", "0900 EDT": a time zone.
    if (first.upper && timeZoneAbbreviations().has(first.text)) return;
    const entry = lookup(g, first.key, [first]);
    const nextToCue = first === ctx.last || ctx.coordinated;
    // "Four African players": a nationality or region word is never a club.
    const club = nextToCue && isCue(ctx.after[0], CLUB_CUES) && !(g.properAdjectives.has(first.key) && !first.key.endsWith('s'));
    if (entry) {
      // "the former Rangers and Liverpool boss", "the only team to beat Chelsea": a city next to a
      // club word is its club.
      // "Martin Ellis, Halifax chief economist": a town's name with an organisation's cue is the
      // company named after it (and resolve.ts reads the article's other mentions so).
      const company = nextToCue && isCue(ctx.after[0], TOWN_ORGANISATION_CUES) && !first.possessive;
      if (entry.source === 'city' && (club || company || (first === ctx.first && isCue(ctx.before[0], CLUB_CUES_BEFORE)))) {
        out.push(organisation(ctx.text, ws));
        return;
      }
      if (entry.source === 'city' && isVenueUse(first, first === ctx.last, ctx)) return;
      // "Chelsea had most of the possession": a district or small town with no locative is no place,
      // but may be the club the article names elsewhere (resolve.ts).
      if (entry.source === 'city' && !cityAllowed(first, entry, g)) {
        // "A spokeswoman for Chelsea", "Chelsea's goal": its cue is kept, so the article's other mentions read it too.
        const evidence = club || organisationEvidence(first, nextToCue, ctx);
        if (!first.sentenceStart || !isCommon(first, g)) out.push({ kind: 'single', start: first.start, end: first.end, text: first.text, key: first.key, possessive: first.possessive, evidence, club });
        return;
      }
      // "available in English", "speaks French": a language, not a country.
      if (entry.kind === 'demonym' && isLanguageUse(first, ctx)) return;
      out.push(gazetteerSegment(ws, entry));
      return;
    }
    // "Boston-based firm", "Virginia-based": the place a company is based in.
    if (first.key.endsWith('-based')) {
      const place = placeEntryOf(first.text.slice(0, -'-based'.length), g);
      if (place) out.push(gazetteerSegment(ws, place));
      return;
    }
    if (first.upper) {
      // "the PM said": a title's abbreviation alone names no one.
      if (TITLE_HEADS.has(first.key)) return;
      const evidence = organisationEvidence(first, nextToCue, ctx);
      const modifier = !evidence && nextToCue && !first.possessive && isCommonNoun(ctx.after[0], g);
      out.push({ kind: 'acronym', start: first.start, end: first.end, text: first.text.replace(/\./g, ''), evidence, modifier });
      return;
    }
    // "City broke swiftly": a club head alone is the article's one club with that head (resolve.ts).
    if (CLUB_HEADS.has(first.key) && !CLUB_PREFIXES.has(first.key)) {
      out.push({ kind: 'single', start: first.start, end: first.end, text: first.text, key: first.key, possessive: first.possessive, evidence: false, club: false });
      return;
    }
    if (TITLE_HEADS.has(first.key) || ORGANIZATION_HEADS.has(first.key)) return;
    // "I'm", "We've"; "MPs", "DVDs": contractions and plural acronyms are not names.
    if ((/['’]/.test(first.text) && !/^(O|D)['’]/.test(first.text)) || /^\p{Lu}{2,}s$/u.test(first.text)) return;
    const evidence = club || organisationEvidence(first, nextToCue, ctx);
    // A word of the vocabulary, capitalised mid-sentence, is a name only with a cue: "Fiat's carmaking",
    // "Henry's Arsenal club-mate"; alone it is a heading word or a title's ("Best", "Christmas").
    if (g.properAdjectives.has(first.key) && (first.sentenceStart || !evidence)) return;
    if (isCommon(first, g) && (first.sentenceStart || !evidence)) {
      if (!first.sentenceStart && !isFunctionWord(first, g)) out.push({ kind: 'vocabulary', start: first.start, end: first.end, text: first.text, key: first.key });
      return;
    }
    // "Organisers said", "Officials say": the plural of a common noun is not a name.
    if (isCommonPlural(first, g) && (first.sentenceStart || !club)) return;
    out.push({ kind: 'single', start: first.start, end: first.end, text: first.text, key: first.key, possessive: first.possessive, evidence, club });
    return;
  }

  // "Chancellor of the Exchequer Nigel Lawson", cut at "of": a title word with no name right
  // after it separates what is before it from what is after.
  const title = ws.findIndex((t) => TITLE_HEADS.has(t.key));
  if (title >= 0) {
    classifyPiece(ws.slice(0, title), ctx, out);
    classifyPiece(ws.slice(title + 1), ctx, out);
    return;
  }

  // "the Sony PSP", "the Nintendo DS": an organisation's name before a code of capitals names its product.
  // Not "Labour MP": a product is "the" one.
  if (n === 2 && first.prevKey === 'the' && firstEntry?.kind === 'organization' && !first.possessive && last.upper && !lookup(g, last.key, [last])) return;

  // A country, demonym or well-known place at the front is its own entity: "U.K. Government",
  // "Ukrainian Volodymyr Zelenskiy". A given name that is also a town ("Austin Healey") is a name.
  if (firstEntry && !(g.firstNames.has(first.key) && firstEntry.source === 'city')) {
    out.push(gazetteerSegment([first], firstEntry));
    classifyPiece(ws.slice(1), ctx, out);
    return;
  }

  // "Exchequer Nigel Lawson": a given name starts the person; what comes before is classified alone.
  let given = ws.findIndex((t, k) => k < n - 1 && g.firstNames.has(t.key) && !isFunctionWord(t, g));
  // "Shani Rhys James": unknown name words before the given name belong to the same name.
  if (given > 0 && n <= 4 && ws.slice(0, given).every((t) => isUnknownNameWord(t, g))) given = 0;
  if (given >= 0 && n - given <= 4) {
    if (given > 0) classifyPiece(ws.slice(0, given), ctx, out);
    // "at the Olivier Awards", "in the Sydney International": after "the", a given name before a
    // common word that ends the noun phrase names an event or a prize, not a person; a plural ends it
    // even so ("the Olivier Awards ceremony"). "The George W Bush administration" is still Bush.
    const attributive = last === ctx.last && ctx.after[0]?.word === true && !ctx.after[0].cap && !isFunctionWord(ctx.after[0], g);
    if (given === 0 && first.prevKey === 'the' && !first.sentenceStart && (isCommonPlural(last, g) || (isCommon(last, g) && !attributive))) return;
    out.push(person(ctx.text, ws.slice(given), false, false));
    return;
  }
  // "ABN Amro": a name that opens with an acronym of three or more letters is an organisation
  // (people's initials are one or two letters: "JK Rowling").
  if (n <= 3 && first.upper && first.key.length >= 3 && !firstEntry && ws.slice(1).every((t) => !t.upper && !isCommon(t, g))) {
    out.push(organisation(ctx.text, ws));
    return;
  }
  // "Geordan Murphy", "Volodymyr Zelenskiy": capitalised words that are not vocabulary. A town of
  // the same name (Murphy) does not stop a surname.
  // Not "the Sony PSP", "the Nintendo DS": a name does not end in an acronym (a product's does).
  // Not "the Bankash-A Trojan", "Mydoom-O": a word with a variant's letter or number is a code.
  if (n <= 3 && !last.upper && !ws.some((t) => VARIANT_CODE.test(t.text)) && ws.every((t, k) => !isCommon(t, g) && !g.properAdjectives.has(t.key) && (k > 0 ? !isStrongPlace(t, g) : !lookup(g, t.key, [t])))) {
    out.push(person(ctx.text, ws, false, true));
    return;
  }
  // A mixed run ("Million Dollar Baby", "Sign Up Now"): keep only the parts the gazetteer knows.
  for (const t of ws) {
    const entry = placeEntry(t, g);
    if (entry) out.push(gazetteerSegment([t], entry));
  }
}

/**
 * "Atlantic City Electric Co": the words from `from` on, up to three of them, end in a company
 * suffix, so a place before them is part of the firm's name.
 */
function opensFirm(ws: Token[], from: number): boolean {
  for (let k = from; k < ws.length && k <= from + 3; k++) {
    const t = ws[k]!;
    if (CORPORATE_SUFFIXES.has(t.key)) return k > from;
    if (!t.cap || isConnector(t) || t.possessive) return false;
  }
  return false;
}

/** Whether the words from `from` to the end, one to three capitalised ones, end in a body's head word (not a firm's suffix or a club's). */
function endsInHead(ws: Token[], from: number): boolean {
  const rest = ws.slice(from);
  if (rest.length === 0 || rest.length > 3 || rest.some((w) => !w.cap || isConnector(w))) return false;
  const head = rest[rest.length - 1]!.key;
  return ORGANIZATION_HEADS.has(head) && !CORPORATE_SUFFIXES.has(head) && !CLUB_HEADS.has(head);
}

/** Whether the words from `from` to the next "and" name a body of their own: a head word in them, or an acronym first. */
function startsBody(ws: Token[], from: number): boolean {
  const first = ws[from];
  if (!first || !first.cap) return false;
  if (/^\p{Lu}{2,}/u.test(first.text)) return true;
  for (let k = from; k < ws.length && ws[k]!.key !== 'and'; k++) if (ORGANIZATION_HEADS.has(ws[k]!.key) && !CLUB_HEADS.has(ws[k]!.key)) return true;
  return false;
}

/** A firm's name without its legal form: "Morgan Stanley and Co Inc" → Morgan Stanley, "Texaco Inc" → Texaco. */
function firmName(ws: Token[]): Token[] {
  let end = ws.length;
  for (;;) {
    if (end > 2 && SUFFIX_PARTNERS.has(ws[end - 1]!.key) && (ws[end - 2]!.key === 'and' || ws[end - 2]!.text === '&')) end -= 2;
    else if (end > 1 && CORPORATE_SUFFIXES.has(ws[end - 1]!.key)) end--;
    else break;
  }
  while (end > 1 && isConnector(ws[end - 1]!)) end--;
  return ws.slice(0, end);
}

/**
 * Clubs' towns are places of at least this many people: the smallest towns of the prose gazetteer
 * share their names with the words of titles ("Sim City": Sim, Russia, 15,632 people).
 */
const CLUB_TOWN_POPULATION = 20_000;

/**
 * A club's name: one club head word ("City", "FC") as the only head, last ("Leeds United") or, for
 * "FC" and the like, first ("FC Barcelona"). `town` says the rest is a town of the gazetteer or the
 * short name of one ("Hull", "Stoke"); words before the town ("Holders Manchester United") start at
 * `from`. Undefined for any other name ("City of London", "United Nations", "Edinburgh City Council").
 */
function clubName(ws: Token[], g: Gazetteer): { from: number; town: boolean } | undefined {
  const heads = ws.filter((t) => ORGANIZATION_HEADS.has(t.key));
  const head = heads[0];
  if (!head || heads.length !== 1 || !CLUB_HEADS.has(head.key) || ws.some((t) => isConnector(t))) return undefined;
  const n = ws.length;
  const isTown = (town: Token[]): boolean => {
    const key = town.map((t) => t.key).join(' ');
    if (town.length === 1 && g.clubTowns.has(key)) return true;
    const entry = lookup(g, key, town);
    return entry !== undefined && (entry.kind === 'place' || entry.kind === 'country') && (entry.source !== 'city' || (entry.population ?? 0) >= CLUB_TOWN_POPULATION);
  };
  if (ws[0] === head && CLUB_PREFIXES.has(head.key)) return { from: 0, town: isTown(ws.slice(1)) };
  if (ws[n - 1] !== head) return undefined;
  for (let from = 0; from < n - 1; from++) if (isTown(ws.slice(from, n - 1))) return { from, town: true };
  return { from: 0, town: false };
}

/** A capitalised word that is nothing the lexicon or the gazetteer knows: a name's own word. */
function isUnknownNameWord(t: Token, g: Gazetteer): boolean {
  if (!t.cap || t.upper || isConnector(t) || isCommon(t, g) || g.properAdjectives.has(t.key)) return false;
  if (TITLE_HEADS.has(t.key) || ORGANIZATION_HEADS.has(t.key) || CORPORATE_SUFFIXES.has(t.key)) return false;
  return !lookup(g, t.key, [t]);
}

/** A word the lexicon first tags as an adjective ("International", "Financial"). */
function isAdjective(t: Token, g: Gazetteer): boolean {
  return g.commonWords.get(t.key)?.[0] === 'JJ';
}

/** A lower-case word the lexicon first tags as a noun ("systems", "technology", "files"). */
function isCommonNoun(t: Token | undefined, g: Gazetteer): boolean {
  if (!t || !t.word || t.cap) return false;
  return g.commonWords.get(t.key)?.[0]?.startsWith('NN') === true;
}

function isCommonPlural(t: Token, g: Gazetteer): boolean {
  if (!t.key.endsWith('s') || t.key.length < 4) return false;
  const singular = t.key.slice(0, -1);
  // British spellings the lexicon lacks: "organisers" → "organizer".
  return g.commonWords.has(singular) || g.commonWords.has(singular.replace(/is(e|er|ation)$/, 'iz$1'));
}

function isCue(t: Token | undefined, cues: ReadonlySet<string>): boolean {
  // A cue may open the sentence ("Profits at Barclaycard rose"), but a capitalised one inside it is a name.
  if (!t || !t.word || (t.cap && !t.sentenceStart)) return false;
  return cues.has(t.key) || cues.has(t.key.split('-')[0]!);
}

/**
 * Context that shows an unknown capitalised word is an organisation: a cue right after it
 * ("Clearswift said", "Next chief executive"), a company noun right before it ("firm F-Secure"),
 * an owner before it ("shares in Fiat", "chief executive of Next"), or an owner's possessive
 * ("Fiat's carmaking operations", "Sony's Playstation"; not a venue: "at Sadler's Wells").
 */
function organisationEvidence(t: Token, nextToCue: boolean, ctx: RunContext): boolean {
  const [after] = ctx.after;
  if (nextToCue && isCue(after, ORGANISATION_CUES_AFTER)) return true;
  if (t.possessive && !LOCATIVES.has(t.prevKey)) return true;
  if (t !== ctx.last && !ctx.coordinated) return false;
  const [before, before2] = ctx.before;
  if (isCue(before, ORGANISATION_APPOSITIVES)) return true;
  return (before?.key === 'in' || before?.key === 'of' || before?.key === 'at' || before?.key === 'for') && isCue(before2, ORGANISATION_OWNERS);
}

/**
 * "at the Prince Edward", "at the Palace": a city name after "the" that ends its noun phrase is a
 * theatre, a ship or a pub named after it ("the Paris talks" is still Paris).
 */
function isVenueUse(first: Token, atRunEnd: boolean, ctx: RunContext): boolean {
  if (first.prevKey !== 'the' || !atRunEnd) return false;
  const [after] = ctx.after;
  return !(after && after.word && !after.cap);
}

/** "in English", "speaks French": a singular demonym used as a noun after a language cue. */
function isLanguageUse(t: Token, ctx: RunContext): boolean {
  if (!LANGUAGE_CUES.has(t.prevKey) || /s$/.test(t.key) || t !== ctx.last) return false;
  const [after] = ctx.after;
  return !(after && after.word && !after.cap && !FUNCTION_TAGS.has(ctx.gazetteer.commonWords.get(after.key)?.[0] ?? ''));
}

/** A place or country for the text before "-based" (one or more hyphenated words: "New-York"). */
function placeEntryOf(text: string, g: Gazetteer): GazetteerEntry | undefined {
  const entry = g.phrases.get(phraseKey(text.replace(/-/g, ' ')));
  return entry && (entry.kind === 'place' || entry.kind === 'country') ? entry : undefined;
}

/** A gazetteer place, country or demonym for one word, honouring the city rules below. */
function placeEntry(t: Token, g: Gazetteer): GazetteerEntry | undefined {
  const entry = lookup(g, t.key, [t]);
  if (!entry || entry.kind === 'person' || entry.kind === 'organization') return undefined;
  if (entry.source === 'city' && !cityAllowed(t, entry, g)) return undefined;
  return entry;
}

/** A country, an alias-table place or a big city: strong enough to override a surname reading. */
function isStrongPlace(t: Token, g: Gazetteer): boolean {
  const entry = lookup(g, t.key, [t]);
  if (!entry) return false;
  return entry.source !== 'city' || ((entry.population ?? 0) >= CONTEXT_FREE_CITY_POPULATION && !entry.district);
}

/**
 * One-word city names: big cities always; mid-sized towns only after "in", "from" …; and a city
 * named by a common word ("Mobile", "Split") never at the start of a sentence.
 */
function cityAllowed(t: Token, entry: GazetteerEntry, g: Gazetteer): boolean {
  if (t.sentenceStart && isCommon(t, g)) return false;
  // "Brent crude", "Chelsea striker": a district of a city needs a locative ("in Brent").
  return ((entry.population ?? 0) >= CONTEXT_FREE_CITY_POPULATION && !entry.district) || LOCATIVES.has(t.prevKey);
}

/**
 * "the European Space Agency (ESA)": the acronym in brackets names the organisation before it; so
 * does a short name in brackets ("the Bay Area Laboratory Cooperative (Balco)").
 */
function findAcronymDefinitions(tokens: Token[], segments: Segment[], acronyms: Map<string, string>): void {
  for (let k = 1; k + 2 < tokens.length; k++) {
    const inside = tokens[k + 1]!;
    if (tokens[k]!.text !== '(' || !inside.word || !inside.cap || tokens[k + 2]!.text !== ')') continue;
    if (!inside.upper) {
      const owner = segments.find((s) => s.end === tokens[k - 1]!.end);
      if (owner?.kind === 'organization') acronyms.set(inside.text, owner.name);
      continue;
    }
    const before = tokens[k - 1]!;
    const index = segments.findIndex((s) => s.end === before.end);
    const owner = segments[index];
    if (!owner) continue;
    const acronym = tokens[k + 1]!.text.replace(/\./g, '');
    if (owner.kind === 'organization') acronyms.set(acronym, owner.name);
    else if (owner.kind === 'gazetteer' && owner.entry.kind === 'organization') acronyms.set(acronym, owner.entry.value);
    else if (owner.kind === 'person' && owner.guessed) {
      // "Comissaria Smith (CS)": a name that an acronym stands for is an organisation.
      segments[index] = { kind: 'organization', start: owner.start, end: owner.end, name: owner.name, corporate: false, mention: true };
      acronyms.set(acronym, owner.name);
    }
  }
}
