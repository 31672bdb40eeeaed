/**
 * Safe highlighting. The paragraph is escaped first, so data never becomes markup; then the words
 * Meilisearch matched (its `_matchesPosition`, which includes typo, prefix and synonym matches) are
 * wrapped in `<mark>`, and entity mentions in `<mark class="entity" …>`. Snippets are cropped to
 * about 30 words around the densest cluster of matches.
 *
 *   text    "Mr Trump met <Nato> chiefs in Kyiv"   (query "kyiv", mention Mr Trump → Donald Trump)
 *   becomes "<mark class=\"entity\" data-type=\"person\" data-value=\"Donald Trump\">Mr Trump</mark> met
 *            &lt;Nato&gt; chiefs in <mark>Kyiv</mark>"
 */
import type { EntityMention } from '../../ingest/types.js';

export interface Span {
  start: number;
  end: number;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * Meilisearch reports match positions as UTF-8 byte offsets; JavaScript strings index UTF-16 units.
 *   "déjà vu" match {start: 7, length: 2} (bytes) → {start: 5, end: 7} (string indices)
 */
export function byteSpansToStringSpans(text: string, matches: ReadonlyArray<{ start: number; length: number }>): Span[] {
  if (matches.length === 0) return [];
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return matches.map((m) => ({ start: m.start, end: m.start + m.length }));
  const byteToIndex = new Map<number, number>();
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    byteToIndex.set(bytes, i);
    const code = text.codePointAt(i)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (code >= 0x10000) i++;
  }
  byteToIndex.set(bytes, text.length);
  return matches.flatMap((m) => {
    const start = byteToIndex.get(m.start);
    const end = byteToIndex.get(m.start + m.length);
    return start === undefined || end === undefined ? [] : [{ start, end }];
  });
}

const TYPE_OF: Record<EntityMention['type'], string> = { person: 'person', organization: 'organization', place: 'place', country: 'country' };

/** Merges overlapping spans, sorted. */
function merge(spans: Span[]): Span[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else out.push({ ...span });
  }
  return out;
}

/** Mentions that do not overlap each other (the first and longest wins). */
function disjointMentions(mentions: readonly EntityMention[]): EntityMention[] {
  const sorted = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: EntityMention[] = [];
  for (const m of sorted) {
    const last = out.at(-1);
    if (!last || m.start >= last.end) out.push(m);
  }
  return out;
}

/**
 * Renders `text[from, to)` as safe HTML with query matches and entity mentions marked. Entity marks
 * wrap query marks; a query mark that crosses an entity boundary is split there.
 *
 * Linear after sorting: the cut points split the text into pieces that each lie wholly inside or
 * outside every mark and mention, so one sweep with a cursor on the (sorted, disjoint) marks and
 * one on the mentions finds what covers each piece.
 */
export function renderMarked(text: string, matches: Span[], mentions: readonly EntityMention[], from = 0, to = text.length): string {
  const marks = merge(matches)
    .map((s) => ({ start: Math.max(s.start, from), end: Math.min(s.end, to) }))
    .filter((s) => s.end > s.start);
  const entities = disjointMentions(mentions).filter((m) => m.start >= from && m.end <= to);
  const cuts = new Set<number>([from, to]);
  for (const s of marks) cuts.add(s.start).add(s.end);
  for (const m of entities) cuts.add(m.start).add(m.end);
  const points = [...cuts].sort((a, b) => a - b);
  let html = '';
  let openEntity: EntityMention | undefined;
  let mark = 0;
  let mention = 0;
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    while (mark < marks.length && marks[mark]!.end <= start) mark++;
    while (mention < entities.length && entities[mention]!.end <= start) mention++;
    const candidate = entities[mention];
    const entity = candidate && candidate.start <= start && end <= candidate.end ? candidate : undefined;
    if (openEntity && entity !== openEntity) {
      html += '</mark>';
      openEntity = undefined;
    }
    if (entity && entity !== openEntity) {
      html += `<mark class="entity" data-type="${TYPE_OF[entity.type]}" data-value="${escapeHtml(entity.value)}">`;
      openEntity = entity;
    }
    const piece = escapeHtml(text.slice(start, end));
    const marked = mark < marks.length && marks[mark]!.start <= start && end <= marks[mark]!.end;
    html += marked ? `<mark>${piece}</mark>` : piece;
  }
  if (openEntity) html += '</mark>';
  return html;
}

/** Word boundaries as [start, end) spans. */
function words(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(/\S+/g)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * Chooses a window of about `size` words holding the most matches (ties: the earliest), and returns
 * its string range plus whether text was cut on either side.
 */
export function cropWindow(text: string, matches: Span[], size = 30): { from: number; to: number; cutStart: boolean; cutEnd: boolean } {
  const w = words(text);
  if (w.length <= size) return { from: 0, to: text.length, cutStart: false, cutEnd: false };
  // One pass: words and the merged (sorted, disjoint) matches advance together.
  const spans = merge(matches);
  let next = 0;
  const matchWord = w.map((word) => {
    while (next < spans.length && spans[next]!.end <= word.start) next++;
    return next < spans.length && spans[next]!.start < word.end ? 1 : 0;
  });
  let best = 0;
  let bestScore = -1;
  let score = 0;
  for (let i = 0; i < w.length; i++) {
    score += matchWord[i]!;
    if (i >= size) score -= matchWord[i - size]!;
    const start = Math.max(0, i - size + 1);
    if (i >= size - 1 && score > bestScore) {
      bestScore = score;
      best = start;
    }
  }
  // Give the first match a little context before it rather than starting on it.
  const firstMatch = matchWord.indexOf(1, best);
  if (firstMatch >= 0 && firstMatch - best < 3) best = Math.max(0, firstMatch - 3);
  best = Math.min(best, w.length - size);
  const from = w[best]!.start;
  const to = w[best + size - 1]!.end;
  return { from, to, cutStart: best > 0, cutEnd: best + size < w.length };
}

/** A cropped, escaped, marked snippet with `…` where text was cut. */
export function snippet(text: string, matches: Span[], mentions: readonly EntityMention[], size = 30): string {
  const { from, to, cutStart, cutEnd } = cropWindow(text, matches, size);
  return `${cutStart ? '… ' : ''}${renderMarked(text, matches, mentions, from, to)}${cutEnd ? ' …' : ''}`;
}

/**
 * Marks the parts of `label` that the typed query starts, word by word, for typeahead labels:
 *   ("Vladimir Putin", "put") → "Vladimir <mark>Put</mark>in"
 */
export function markTypedPrefix(label: string, query: string): string {
  const terms = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (terms.length === 0) return escapeHtml(label);
  const spans: Span[] = [];
  const folded = fold(label);
  for (const m of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = m[0];
    const term = terms.find((t) => word.startsWith(t));
    if (term) spans.push({ start: m.index, end: m.index + term.length });
  }
  return renderMarked(label, spans, []);
}

/** Lower-case and strip accents, keeping string length for ASCII-mappable letters. */
function fold(text: string): string {
  return [...text].map((c) => {
    const base = c.normalize('NFD').replace(/\p{M}/gu, '');
    return base.length === c.length ? base.toLowerCase() : c.toLowerCase();
  }).join('');
}
