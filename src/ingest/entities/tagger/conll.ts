/**
 * CoNLL-2003 documents (`../shared/ner/conll2003/*.docs.jsonl`) as lede reads text: each sentence is
 * detokenised ("Japan 's" → "Japan's", "U.S. ," → "U.S.,"), tokenised by lede's own tokenizer, and
 * the annotated entities projected onto those tokens as BIO tags. Training and tagging then see the
 * same tokens.
 *
 *   "Germany 's representative"  + LOC 0–7  → Germany's · representative  → B-LOC O
 */
import { readFileSync } from 'node:fs';
import { tokenize, type Token } from '../tokenize.js';
import { tagIndex, type EntityLabel } from './decode.js';

export interface ConllEntity {
  type: EntityLabel;
  start: number;
  end: number;
  text: string;
}

export interface ConllDocument {
  id: string;
  text: string;
  sentences: Array<[number, number]>;
  entities: ConllEntity[];
}

/** One sentence as lede sees it: detokenised text, lede's tokens, gold tags and gold spans (char offsets). */
export interface GoldSentence {
  text: string;
  tokens: Token[];
  tags: Uint8Array;
  entities: Array<{ type: EntityLabel; start: number; end: number }>;
}

export function readConllDocuments(file: string): ConllDocument[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ConllDocument);
}

const NO_SPACE_BEFORE = new Set(['.', ',', ';', ':', '!', '?', '%', ')', ']', '}', "'", "n't", "N'T"]);
const NO_SPACE_AFTER = new Set(['(', '[', '{', '$']);
const CLITIC = /^'(s|S|re|RE|ve|VE|ll|LL|d|D|m|M)$/;

/**
 * Joins space-separated tokens the way they were written, keeping each token's new start offset.
 * Quotes alternate between opening (no space after) and closing (no space before).
 */
export function detokenize(tokens: string[]): { text: string; starts: number[] } {
  let text = '';
  const starts: number[] = [];
  let quoteOpen = false;
  let glueNext = true;
  for (const token of tokens) {
    let glue = glueNext || NO_SPACE_BEFORE.has(token) || CLITIC.test(token);
    glueNext = NO_SPACE_AFTER.has(token);
    if (token === '"') {
      if (quoteOpen) glue = true;
      else glueNext = true;
      quoteOpen = !quoteOpen;
    }
    if (!glue) text += ' ';
    starts.push(text.length);
    text += token;
  }
  return { text, starts };
}

/** A document's sentences with gold tags on lede's tokens. */
export function goldSentences(doc: ConllDocument): GoldSentence[] {
  return doc.sentences.map(([from, to]) => {
    const raw = doc.text.slice(from, to);
    const pieces = raw.split(' ');
    const rawStarts: number[] = [];
    let at = from;
    for (const p of pieces) {
      rawStarts.push(at);
      at += p.length + 1;
    }
    const { text, starts } = detokenize(pieces);
    // An original character offset → the detokenised one, through the token it falls in.
    const mapOffset = (offset: number, end: boolean): number => {
      for (let k = pieces.length - 1; k >= 0; k--) {
        if (rawStarts[k]! <= offset - (end ? 1 : 0)) return starts[k]! + (offset - rawStarts[k]!);
      }
      return 0;
    };
    const entities = doc.entities
      .filter((e) => e.start >= from && e.end <= to)
      .map((e) => ({ type: e.type, start: mapOffset(e.start, false), end: mapOffset(e.end, true) }));
    const tokens = tokenize(text);
    return { text, tokens, tags: projectTags(tokens, entities), entities };
  });
}

/** BIO tags for tokens from character spans: the first token overlapping a span is B, the rest I. */
export function projectTags(tokens: Token[], entities: Array<{ type: EntityLabel; start: number; end: number }>): Uint8Array {
  const tags = new Uint8Array(tokens.length);
  for (const e of entities) {
    let first = true;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.end <= e.start || t.start >= e.end) continue;
      tags[i] = tagIndex(`${first ? 'B' : 'I'}-${e.type}`);
      first = false;
    }
  }
  return tags;
}

/**
 * lede tags paragraphs, not sentences: consecutive sentences of a document joined into paragraphs of
 * one to `most` sentences (the headline and dateline stay alone), so that the model sees sentence
 * ends inside its sequences. `random` decides the lengths (seeded).
 */
export function paragraphsOf(sentences: GoldSentence[], random: () => number, most = 3): GoldSentence[] {
  const out: GoldSentence[] = [];
  let i = 0;
  while (i < sentences.length) {
    const size = i < 2 ? 1 : 1 + Math.floor(random() * most);
    const group = sentences.slice(i, i + size);
    i += size;
    let text = '';
    const entities: GoldSentence['entities'] = [];
    for (const s of group) {
      const offset = text === '' ? 0 : text.length + 1;
      text = text === '' ? s.text : `${text} ${s.text}`;
      for (const e of s.entities) entities.push({ ...e, start: e.start + offset, end: e.end + offset });
    }
    const tokens = tokenize(text);
    out.push({ text, tokens, tags: projectTags(tokens, entities), entities });
  }
  return out;
}
