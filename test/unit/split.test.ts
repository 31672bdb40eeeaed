import { describe, expect, it } from 'vitest';
import { splitParagraph } from '../../src/ingest/split.js';

describe('splitting long paragraphs', () => {
  it('keeps short paragraphs whole', () => {
    expect(splitParagraph('One. Two.', 100)).toEqual(['One. Two.']);
  });
  it('cuts at sentence ends, each chunk within the limit, losing no text', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} says something.`).join(' ');
    const chunks = splitParagraph(text, 200);
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(200);
    expect(chunks.join(' ')).toBe(text);
    for (const chunk of chunks) expect(chunk).toMatch(/^Sentence.*\.$/);
  });
  it('cuts text without sentence ends or spaces at the limit', () => {
    const chunks = splitParagraph('x'.repeat(1000), 300);
    expect(chunks.map((c) => c.length)).toEqual([300, 300, 300, 100]);
  });
});
