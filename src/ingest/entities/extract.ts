/**
 * The extraction stage: CleanArticle → one ParagraphEntities per paragraph. Pure; the model and the
 * lookups come from the resources loaded once by loadEntityResources.
 *
 *   tokenize → tag (the trained tagger: spans typed PER, ORG, LOC, MISC) → canonical layer
 *   (canonical.ts: spans cleaned, read against the whole article, resolved to facet values)
 */
import type { CleanArticle, ParagraphEntities } from '../types.js';
import { articleNames, cleanSpans, ParagraphFacets, resolveMention, type ExtractionStats, type SpanMention } from './canonical.js';
import { datelinePlace } from './dateline.js';
import { spansFromTags, type EntityLabel, type TagSpan } from './tagger/decode.js';
import { articleCaseEvidence, paragraphView, viewGazetteer, type ParagraphView } from './tagger/features.js';
import { tokenize } from './tokenize.js';
import type { EntityResources, Gazetteer } from './types.js';

export type { ExtractionStats };

/** An article's paragraphs, tokenised and tagged: the tagger's output before the canonical layer. */
export interface TaggedParagraph {
  text: string;
  view: ParagraphView;
  spans: TagSpan[];
}

export function tagArticle(article: Pick<CleanArticle, 'paragraphs'>, resources: EntityResources): TaggedParagraph[] {
  const views = article.paragraphs.map((text) => paragraphView(tokenize(text)));
  const evidence = articleCaseEvidence(views);
  return views.map((view, i) => ({ text: article.paragraphs[i]!, view, spans: spansFromTags(resources.tagger.tag(view, evidence)) }));
}

/**
 * Paragraphs read as one article at most: an article's names, case evidence and tokens are held in
 * memory while it is read, so a 50 MB file of 40,000 chunks is read 256 paragraphs at a time
 * (linear time, bounded memory). Real articles are far shorter and read whole.
 */
export const MAX_PARAGRAPHS_PER_PASS = 256;

export function extractEntities(article: CleanArticle, resources: EntityResources, stats?: ExtractionStats): ParagraphEntities[] {
  if (article.paragraphs.length <= MAX_PARAGRAPHS_PER_PASS) return extractPass(article, resources, stats);
  const out: ParagraphEntities[] = [];
  for (let from = 0; from < article.paragraphs.length; from += MAX_PARAGRAPHS_PER_PASS) {
    const part = { ...article, paragraphs: article.paragraphs.slice(from, from + MAX_PARAGRAPHS_PER_PASS), ...(from > 0 ? { metadata: { ...article.metadata, dateline: undefined } } : {}) };
    out.push(...extractPass(part, resources, stats));
  }
  return out;
}

function extractPass(article: CleanArticle, resources: EntityResources, stats?: ExtractionStats): ParagraphEntities[] {
  const gazetteer = resources.gazetteer;
  const tagged = tagArticle(article, resources);
  const cleaned = tagged.map((p, i) => cleanSpans(i, p.text, p.view.tokens, withAliasPhrases(p, gazetteer), gazetteer));
  const perParagraph = oneSensePerArticle(cleaned, tagged).map((list) => list.sort((a, b) => a.start - b.start));
  const names = articleNames(perParagraph.flat(), (i) => tagged[i]!.view.tokens, gazetteer);
  const dateline = typeof article.metadata?.['dateline'] === 'string' ? datelinePlace(article.metadata['dateline'], gazetteer) : undefined;

  return perParagraph.map((mentions, index) => {
    if (stats) stats.paragraphs++;
    const facets = new ParagraphFacets(stats);
    if (index === 0 && dateline) {
      const { kind, value, country } = dateline;
      if (kind === 'place') facets.add({ kind, value, ...(country ? { country } : {}), fromAlias: false });
      else if (kind === 'country') facets.add({ kind, value, fromAlias: false });
    }
    let previous: SpanMention | undefined;
    for (const m of mentions) {
      const resolved = resolveMention(m, previous, names, gazetteer);
      if (resolved) facets.add(resolved, m);
      previous = m;
    }
    return facets.toEntities();
  });
}

/**
 * Rule `one-sense-per-article`: a name means one thing throughout an article.
 *   - a name tagged with different types takes the type most of its mentions have;
 *   - a surname of a person named in full is that person where the tagger typed it otherwise
 *     ("Thierry Henry … Henry's goal", tagged a place);
 *   - a name the article tags elsewhere is the same entity where the tagger left it untagged,
 *     capitalised mid-sentence in mixed-case text ("Apple said … rivals of Apple").
 */
function oneSensePerArticle(paragraphs: SpanMention[][], tagged: TaggedParagraph[]): SpanMention[][] {
  const votes = new Map<string, Map<EntityLabel, number>>();
  const surnames = new Set<string>();
  for (const m of paragraphs.flat()) {
    const byLabel = votes.get(m.key) ?? new Map<EntityLabel, number>();
    byLabel.set(m.label, (byLabel.get(m.label) ?? 0) + 1);
    votes.set(m.key, byLabel);
    if (m.label === 'PER' && m.key.includes(' ')) surnames.add(m.key.slice(m.key.lastIndexOf(' ') + 1));
  }
  const majority = new Map<string, EntityLabel>();
  for (const [key, byLabel] of votes) {
    const ranked = [...byLabel].sort((a, b) => b[1] - a[1]);
    if (ranked.length > 1 && ranked[0]![1] > ranked[1]![1]) majority.set(key, ranked[0]![0]);
  }
  return paragraphs.map((mentions, p) => {
    const out = mentions.map((m) => {
      const label = !m.key.includes(' ') && surnames.has(m.key) ? 'PER' : (majority.get(m.key) ?? m.label);
      return label === m.label ? m : { ...m, label };
    });
    // Untagged repeats: single capitalised words mid-sentence whose key the article tagged (not MISC).
    const { tokens, mode } = tagged[p]!.view;
    const covered = new Uint8Array(tokens.length);
    for (const m of mentions) for (let i = m.first; i <= m.last; i++) covered[i] = 1;
    for (const s of tagged[p]!.spans) for (let i = s.first; i <= s.last; i++) covered[i] = 1;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (covered[i] || !t.word || !t.cap || t.sentenceStart || mode[i] !== 'M') continue;
      const label = surnames.has(t.key) ? 'PER' : (majority.get(t.key) ?? onlyLabel(votes.get(t.key)));
      if (!label || label === 'MISC') continue;
      out.push(...cleanSpans(p, tagged[p]!.text, tokens, [{ label, first: i, last: i }]));
    }
    return out;
  });
}

function onlyLabel(byLabel: Map<EntityLabel, number> | undefined): EntityLabel | undefined {
  return byLabel?.size === 1 ? byLabel.keys().next().value : undefined;
}

/**
 * Rule `alias-phrase`: a phrase of the alias table written as a name (every word capitalised, in
 * mixed-case text) is that entity where the tagger left it untagged ("the Pentagon"), or tagged
 * only parts of it ("US Air" of "US Air Force"): the table is the newsroom's own list. A tagger span
 * that reaches beyond the phrase ("US Air Force Academy") is kept.
 */
function withAliasPhrases(p: TaggedParagraph, gazetteer: Gazetteer): TagSpan[] {
  const { tokens, mode } = p.view;
  const labels = viewGazetteer(p.view, gazetteer);
  let spans = p.spans;
  for (let i = 0; i < tokens.length; i++) {
    if (!labels[i]!.startsWith('alias:') || !labels[i]!.endsWith(':B')) continue;
    let last = i;
    while (last + 1 < tokens.length && labels[last + 1]!.endsWith(':I')) last++;
    const first = i;
    i = last;
    if (mode[first] !== 'M') continue;
    let written = true;
    for (let j = first; j <= last; j++) {
      const t = tokens[j]!;
      if (t.word && !t.cap && !PHRASE_CONNECTORS.has(t.key)) written = false;
    }
    // A sentence's first word is capitalised anyway: only a phrase of two or more words counts there.
    if (!written || (tokens[first]!.sentenceStart && last === first)) continue;
    const overlapping = spans.filter((s) => s.last >= first && s.first <= last);
    // A MISC span (dropped anyway) gives way, keeping its words outside the phrase ("Ukrainian" of
    // "Ukrainian President Volodymyr Zelenskiy"); any other span must lie inside the phrase.
    const inside = overlapping.every((s) => s.label === 'MISC' || (s.first >= first && s.last <= last && s.last - s.first < last - first));
    if (overlapping.length && !inside) continue;
    const outside = overlapping.flatMap((s) =>
      s.label !== 'MISC' ? [] : [...(s.first < first ? [{ ...s, last: first - 1 }] : []), ...(s.last > last ? [{ ...s, first: last + 1 }] : [])],
    );
    spans = [...spans.filter((s) => !overlapping.includes(s)), ...outside, { label: labelOf(labels[first]!), first, last }].sort((a, b) => a.first - b.first);
  }
  return spans;
}

/** Lower-case words inside a name written as a name ("Joint Chiefs of Staff"). */
const PHRASE_CONNECTORS = new Set(['of', 'and', 'for', 'the', 'de', 'on']);

function labelOf(gazetteerLabel: string): 'PER' | 'ORG' | 'LOC' {
  const kind = gazetteerLabel.split(':')[1];
  return kind === 'person' ? 'PER' : kind === 'organization' ? 'ORG' : 'LOC';
}
