/**
 * Imports an annotation pass into resources/ner/news-annotations.jsonl (see scripts/lib/news-annotations.ts):
 *
 *   npx tsx scripts/import-annotations.ts pass-a.jsonl pass-b.jsonl …
 *
 * Each input line is one paragraph in inline markup, as annotators write it:
 *   {"src": "business/497.txt" | "pages/newspaper/x.html", "paragraphIndex": 1, "marked": "A [[LOC New York]] court …"}
 * Checks that the markup, removed, gives the paragraph's text exactly; refuses any article of the BBC
 * evaluation samples, and any article sharing a paragraph with them; the last line for a paragraph wins; existing annotations of other paragraphs stay.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMarkup, readPages, sha1, sourceParagraphs, type AnnotatedParagraph } from './lib/news-annotations.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = join(root, '../shared');
const out = join(root, 'resources/ner/news-annotations.jsonl');

const evaluated = new Set<string>();
/** Paragraphs of the evaluation samples by sha1: the BBC set repeats 137 articles under other file names. */
const evaluatedText = new Set<string>();
const fixtures = join(root, 'test/fixtures/entities');
for (const name of readdirSync(fixtures)) {
  if (!name.startsWith('bbc-')) continue;
  for (const p of (JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as { paragraphs: Array<{ file: string; textSha1: string }> }).paragraphs) {
    evaluated.add(`bbc/${p.file}`);
    evaluatedText.add(p.textSha1);
  }
}

const records = new Map<string, AnnotatedParagraph>();
if (existsSync(out)) {
  for (const line of readFileSync(out, 'utf8').split('\n')) if (line.trim()) {
    const r = JSON.parse(line) as AnnotatedParagraph;
    records.set(`${r.source}#${r.paragraph}`, r);
  }
}
const pages = readPages(shared);
const cache = new Map<string, Map<number, string>>();
let bad = 0;
for (const file of process.argv.slice(2)) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, n) => {
      if (!line.trim()) return;
      const where = `${file}:${n + 1}`;
      try {
        const rec = JSON.parse(line) as { src: string; paragraphIndex: number; marked: string };
        const source = rec.src.startsWith('pages/') ? `web/${rec.src}` : rec.src.startsWith('reuters21578-') ? `reuters/${rec.src}` : `bbc/${rec.src}`;
        if (evaluated.has(source)) throw new Error(`${source} is in a BBC evaluation sample`);
        if (!cache.has(source)) cache.set(source, sourceParagraphs(shared, source, pages));
        const text = cache.get(source)!.get(rec.paragraphIndex);
        const parsed = parseMarkup(rec.marked);
        if (text === undefined || parsed.text !== text) throw new Error(`${source} paragraph ${rec.paragraphIndex}: the markup removed is not the paragraph's text`);
        records.set(`${source}#${rec.paragraphIndex}`, { source, paragraph: rec.paragraphIndex, sha1: sha1(text), entities: parsed.entities });
      } catch (error) {
        bad++;
        console.error(`${where}: ${(error as Error).message}`);
      }
    });
}
// An article sharing any paragraph with an evaluation sample is a copy of an evaluated article: all of it goes.
const copies = new Set([...records.values()].filter((r) => evaluatedText.has(r.sha1)).map((r) => r.source));
for (const [key, r] of records) if (copies.has(r.source)) records.delete(key);
if (copies.size) console.error(`left out ${copies.size} articles that share a paragraph with a BBC evaluation sample: ${[...copies].join(', ')}`);
const sorted = [...records.values()].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.paragraph - b.paragraph));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, sorted.map((r) => JSON.stringify(r)).join('\n') + '\n');
const counts: Record<string, number> = {};
for (const r of sorted) for (const e of r.entities) counts[e[2]] = (counts[e[2]] ?? 0) + 1;
console.log(`${out}: ${sorted.length} paragraphs of ${new Set(sorted.map((r) => r.source)).size} articles; mentions ${JSON.stringify(counts)}; ${bad} lines refused`);
process.exitCode = bad > 0 ? 1 : 0;
