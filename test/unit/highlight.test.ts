/**
 * Marking and cropping stay linear (after sorting) in the number of words, marks and mentions, and
 * give what the plain definition gives. Work is counted, not timed: the spans and mentions passed
 * in count every read of their `start` and `end`; the quadratic versions read them once per piece
 * of text (or per word) for each span.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cropWindow, escapeHtml, renderMarked, type Span } from '../../src/api/search/highlight.js';
import type { EntityMention } from '../../src/ingest/types.js';

function counted<T extends { start: number; end: number }>(items: T[], counter: { reads: number }): T[] {
  return items.map((item) => {
    const copy = { ...item };
    const { start, end } = item;
    Object.defineProperty(copy, 'start', { get: () => (counter.reads++, start), enumerable: true });
    Object.defineProperty(copy, 'end', { get: () => (counter.reads++, end), enumerable: true });
    return copy;
  });
}

/** A long paragraph of short words, a match on every word, a mention on every other pair. */
function longParagraph(words: number) {
  const text = Array.from({ length: words }, (_, i) => `w${i % 97}`).join(' ');
  const spans: Span[] = [];
  for (const m of text.matchAll(/\S+/g)) spans.push({ start: m.index, end: m.index + m[0].length });
  const mentions: EntityMention[] = spans
    .filter((_, i) => i % 4 === 0 && i + 1 < spans.length)
    .map((s, i) => ({ start: s.start, end: spans[i * 4 + 1]!.end, type: 'person', value: `Person ${i}`, text: text.slice(s.start, spans[i * 4 + 1]!.end) }) as EntityMention);
  return { text, spans, mentions };
}

describe('highlighting cost', () => {
  const n = 4_000;
  const budget = 60 * n * Math.log2(n);

  it('marks a paragraph with thousands of matches and mentions in O(n log n) reads', () => {
    const { text, spans, mentions } = longParagraph(n);
    const counter = { reads: 0 };
    const html = renderMarked(text, counted(spans, counter), counted(mentions, counter));
    expect(html.split('<mark>').length - 1).toBe(n);
    expect(counter.reads).toBeLessThan(budget);
  });

  it('crops a paragraph with thousands of matches in O(n log n) reads', () => {
    const { text, spans } = longParagraph(n);
    const counter = { reads: 0 };
    const window = cropWindow(text, counted(spans, counter), 30);
    expect(window.cutEnd).toBe(true);
    expect(counter.reads).toBeLessThan(budget);
  });
});

/** The plain definitions the sweeps must agree with. */
function referenceRender(text: string, matches: Span[], mentions: EntityMention[]): string {
  const sorted = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  const entities: EntityMention[] = [];
  for (const m of sorted) if (!entities.at(-1) || m.start >= entities.at(-1)!.end) entities.push(m);
  // Overlapping or touching marks are one mark.
  const merged: Span[] = [];
  for (const s of [...matches].filter((m) => m.end > m.start).sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  const cuts = new Set([0, text.length, ...merged.flatMap((s) => [s.start, s.end]), ...entities.flatMap((m) => [m.start, m.end])]);
  const points = [...cuts].sort((a, b) => a - b);
  let html = '';
  let open: EntityMention | undefined;
  for (let i = 0; i < points.length - 1; i++) {
    const [start, end] = [points[i]!, points[i + 1]!];
    const entity = entities.find((m) => m.start <= start && end <= m.end);
    if (open && entity !== open) (html += '</mark>'), (open = undefined);
    if (entity && entity !== open) (html += `<mark class="entity" data-type="${entity.type}" data-value="${escapeHtml(entity.value)}">`), (open = entity);
    const piece = escapeHtml(text.slice(start, end));
    html += merged.some((s) => s.start <= start && end <= s.end) ? `<mark>${piece}</mark>` : piece;
  }
  return open ? `${html}</mark>` : html;
}

const textAndSpans = fc.string({ maxLength: 80 }).chain((text) => {
  const span = fc.tuple(fc.nat(text.length), fc.nat(text.length)).map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
  const mention = span.map((s) => ({ ...s, type: 'place', value: 'P<&>', text: text.slice(s.start, s.end) }) as EntityMention);
  return fc.tuple(fc.constant(text), fc.array(span, { maxLength: 12 }), fc.array(mention, { maxLength: 6 }));
});

describe('highlighting results', () => {
  it('renders what the plain definition renders', () => {
    fc.assert(
      fc.property(textAndSpans, ([text, spans, mentions]) => {
        const nonEmpty = mentions.filter((m) => m.end > m.start);
        expect(renderMarked(text, spans, nonEmpty)).toBe(referenceRender(text, spans, nonEmpty));
      }),
      { numRuns: 2_000 },
    );
  });

  it('crops around the window the plain definition picks', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'bb', 'ccc'), { minLength: 1, maxLength: 60 }), fc.array(fc.nat(59), { maxLength: 20 }), (words, hits) => {
        const text = words.join(' ');
        const bounds = [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
        const spans = hits.filter((h) => h < bounds.length).map((h) => bounds[h]!);
        const got = cropWindow(text, spans, 10);
        // The plain definition: the earliest 10-word window with the most matched words.
        const matched = bounds.map((w) => spans.some((s) => s.start < w.end && s.end > w.start));
        if (bounds.length <= 10) {
          expect(got).toEqual({ from: 0, to: text.length, cutStart: false, cutEnd: false });
          return;
        }
        let best = 0;
        let bestScore = -1;
        for (let i = 0; i + 10 <= bounds.length; i++) {
          const score = matched.slice(i, i + 10).filter(Boolean).length;
          if (score > bestScore) [best, bestScore] = [i, score];
        }
        const first = matched.indexOf(true, best);
        if (first >= 0 && first - best < 3) best = Math.max(0, first - 3);
        best = Math.min(best, bounds.length - 10);
        expect(got.from).toBe(bounds[best]!.start);
        expect(got.to).toBe(bounds[best + 9]!.end);
      }),
      { numRuns: 1_000 },
    );
  });
});
