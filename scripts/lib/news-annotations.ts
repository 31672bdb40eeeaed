/**
 * lede's own annotated news: paragraphs of BBC News articles and of modern news-site pages, tagged
 * PER, ORG, LOC and MISC by reading them, to teach the tagger the vocabulary and conventions of
 * today's news (clubs, companies, products, venues) that 1996 wire copy lacks.
 *
 * The texts' licences forbid copying them into the repository, so `resources/ner/news-annotations.jsonl`
 * holds stand-off annotations only: where each paragraph is, the sha1 of its text, and its entities
 * as character ranges (with their text, to read and to check). The text is read from `../shared/`:
 *
 *   {"source":"bbc/business/497.txt","paragraph":1,"sha1":"…","entities":[[2,10,"LOC","New York"],…]}
 *
 * Paragraph -1 is the headline (a BBC file's first line, a page's expected title); 0… are the body
 * paragraphs (a BBC file's blank-line-separated blocks after the headline, as the BBC samples count
 * them; a page's expected text split at line breaks).
 *
 * None of these articles is in the BBC evaluation samples (test/fixtures/entities/bbc-*.json), nor
 * shares a paragraph with one.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenize } from '../../src/ingest/entities/tokenize.js';
import { projectTags, type GoldSentence } from '../../src/ingest/entities/tagger/conll.js';
import { ENTITY_LABELS, type EntityLabel } from '../../src/ingest/entities/tagger/decode.js';
import { bodyParagraphs } from '../sample-bbc-paragraphs.js';

export type StandOffEntity = [start: number, end: number, type: EntityLabel, text: string];

export interface AnnotatedParagraph {
  source: string;
  paragraph: number;
  sha1: string;
  entities: StandOffEntity[];
}

export const sha1 = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex');

/** A source's paragraphs by number (-1 the headline), read from the shared folder. */
export function sourceParagraphs(shared: string, source: string, pages?: Map<string, { title?: string; text: string }>): Map<number, string> {
  const out = new Map<number, string>();
  if (source.startsWith('bbc/')) {
    const raw = readFileSync(join(shared, 'corpus', source), 'utf8').replace(/\r\n?/g, '\n');
    const nl = raw.indexOf('\n');
    out.set(-1, (nl < 0 ? raw : raw.slice(0, nl)).trim());
    bodyParagraphs(raw).forEach((p, i) => out.set(i, p));
    return out;
  }
  if (source.startsWith('web/')) {
    const page = pages?.get(source.slice('web/'.length));
    if (!page) throw new Error(`${source}: no such page in ${join(shared, 'web/pages.jsonl')}`);
    if (page.title) out.set(-1, page.title.trim());
    page.text
      .replace(/\r\n?/g, '\n')
      .split(/\n+/)
      .map((p) => p.trim())
      .filter(Boolean)
      .forEach((p, i) => out.set(i, p));
    return out;
  }
  if (source.startsWith('reuters/')) {
    const record = reutersRecord(shared, source.slice('reuters/'.length));
    out.set(-1, record.title.trim());
    record.body
      .replace(/\r\n?/g, '\n')
      .split(/\n{2,}/)
      .map((p) => p.trim())
      .filter(Boolean)
      .forEach((p, i) => out.set(i, p));
    return out;
  }
  throw new Error(`${source}: a source is bbc/<topic>/<file>, web/<page path> or reuters/<id>`);
}

let reutersById: Map<string, { title: string; body: string }> | undefined;
/** One Reuters-21578 record by id (`reuters21578-N`), the file read once. */
function reutersRecord(shared: string, id: string): { title: string; body: string } {
  if (!reutersById) {
    reutersById = new Map();
    for (const line of readFileSync(join(shared, 'corpus/reuters-21578.jsonl'), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { id: string; title?: string; body?: string };
      reutersById.set(r.id, { title: r.title ?? '', body: r.body ?? '' });
    }
  }
  const record = reutersById.get(id);
  if (!record) throw new Error(`reuters/${id}: no such article in ${join(shared, 'corpus/reuters-21578.jsonl')}`);
  return record;
}

export function readPages(shared: string): Map<string, { title?: string; text: string }> {
  const file = join(shared, 'web/pages.jsonl');
  const pages = new Map<string, { title?: string; text: string }>();
  if (!existsSync(file)) return pages;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const page = JSON.parse(line) as { html: string; title?: string; text?: string };
    if (page.text) pages.set(page.html, { ...(page.title ? { title: page.title } : {}), text: page.text });
  }
  return pages;
}

/**
 * The annotated articles as training sequences (one per paragraph, in order), reading their text from
 * `shared`. Throws, naming the paragraph, where the text is not the one annotated.
 */
export function annotatedArticles(file: string, shared: string): Array<{ source: string; sentences: GoldSentence[] }> {
  const records = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as AnnotatedParagraph);
  const pages = readPages(shared);
  const bySource = new Map<string, AnnotatedParagraph[]>();
  for (const r of records) bySource.set(r.source, [...(bySource.get(r.source) ?? []), r]);
  const articles: Array<{ source: string; sentences: GoldSentence[] }> = [];
  for (const [source, paragraphs] of bySource) {
    const texts = sourceParagraphs(shared, source, pages);
    const sentences: GoldSentence[] = [];
    for (const p of paragraphs.sort((a, b) => a.paragraph - b.paragraph)) {
      const text = texts.get(p.paragraph);
      if (text === undefined || sha1(text) !== p.sha1) throw new Error(`${source} paragraph ${p.paragraph}: the text in ${shared} is not the one annotated (sha1 differs)`);
      const entities = p.entities.map(([start, end, type, mention]) => {
        if (!(ENTITY_LABELS as readonly string[]).includes(type) || text.slice(start, end) !== mention) throw new Error(`${source} paragraph ${p.paragraph}: entity ${JSON.stringify([start, end, type, mention])} does not match the text`);
        return { type, start, end };
      });
      const tokens = tokenize(text);
      sentences.push({ text, tokens, tags: projectTags(tokens, entities), entities });
    }
    articles.push({ source, sentences });
  }
  return articles;
}

/** Inline markup `[[PER Nathan Lane]]` → the plain text and its entities (the annotation pass writes it). */
export function parseMarkup(marked: string): { text: string; entities: StandOffEntity[] } {
  const MARK = /\[\[(PER|ORG|LOC|MISC) ([^\]]+?)\]\]/g;
  let text = '';
  let last = 0;
  const entities: StandOffEntity[] = [];
  for (const m of marked.matchAll(MARK)) {
    text += marked.slice(last, m.index);
    const start = text.length;
    text += m[2]!;
    entities.push([start, text.length, m[1] as EntityLabel, m[2]!]);
    last = m.index! + m[0].length;
  }
  text += marked.slice(last);
  if (/\[\[|\]\]/.test(text)) throw new Error(`malformed markup: ${marked.slice(0, 80)}`);
  return { text, entities };
}
