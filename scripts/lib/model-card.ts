/** Writes the model card beside a trained tagger: what it was trained on, its features, its scores. */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { TaggerModel } from '../../src/ingest/entities/tagger/model.js';

export function writeModelCard(file: string, model: TaggerModel, bytes: number): void {
  const h = model.header;
  const dev = (h.scores?.['conll2003Dev'] ?? {}) as Record<string, { precision: number; recall: number; f1: number }>;
  const rows = Object.entries(dev)
    .map(([label, s]) => `| ${label} | ${s.precision.toFixed(3)} | ${s.recall.toFixed(3)} | ${s.f1.toFixed(3)} |`)
    .join('\n');
  const training = Object.entries(h.training)
    .map(([k, v]) => `- ${k}: ${String(v)}`)
    .join('\n');
  writeFileSync(
    file,
    `# Model card: ${basename(file.replace(/\.md$/, '.bin'))}

lede's entity tagger: a linear-chain model over BIO tags for PER, ORG, LOC and MISC (MISC is learned
and dropped), trained as a structured averaged perceptron and decoded with Viterbi. Written by
\`npm run train:entities\` (scripts/train-entities.ts); do not edit by hand.

## Training data and licence
- **CoNLL-2003 English training split** (Tjong Kim Sang & De Meulder, 2003): Reuters RCV1 newswire
  of August–December 1996, 946 documents, 203,621 tokens, every token annotated. The annotations are
  public; the text is Reuters' and distributed for research use only. The text is not shipped: the
  model holds feature strings and weights learned from it, as spaCy's and Stanford's CoNLL-trained
  models do. Copies of a seeded share of the documents in capitals and in lower case are added, so
  that wire headlines and lower-case bodies are tagged too.
- **lede's annotated news** (\`resources/ner/news-annotations.jsonl\`, stand-off: where each paragraph is,
  the sha1 of its text, its entities as character ranges): BBC News articles (none of the BBC
  evaluation samples' articles, nor any sharing a paragraph with them), Reuters-21578 wire articles of 1987 (none of them counted in the Reuters recall of eval:entities), and modern news-site pages of
  \`../shared/web\`, tagged PER, ORG, LOC and MISC by reading them, under the guideline in
  \`resources/ner/README.md\`. The texts stay in \`../shared\` (research and test use); training reads
  them from there and checks each paragraph's sha1. They teach what 1996 wire copy lacks: clubs,
  companies, products, works and venues of today's news.
- **Word clusters** learned without labels from the same training text, Reuters-21578 and the BBC
  News corpus (research use), as cluster paths of the words seen at least 3 times.
- The CoNLL-2003 test split (and CoNLL++) were never read: they are held out.

${training}

## Features
Templates (src/ingest/entities/tagger/features.ts): ${h.templates.join(', ')}.
Cluster path prefixes of ${h.clusterDepths.join(', ') || '—'} bits. ${h.featureCount.toLocaleString('en')} features
(seen at least ${String(h.training['minCount'])} times in training) × ${h.tags.length} tags in a hash table of
${(model.table.mask + 1).toLocaleString('en')} slots (32-bit fingerprints, no feature strings), weights stored as int16
(scale ${h.scale.toExponential(3)}); ${model.clusters.size.toLocaleString('en')} cluster entries; file ${(bytes / 1e6).toFixed(1)} MB.

## Scores on the CoNLL-2003 development split
Span-level exact match on lede's own tokenisation of the detokenised text (conlleval's measure).

| type | precision | recall | F1 |
|---|---|---|---|
${rows}

lede's own figures with the canonical layer on top (BBC samples, Reuters-21578 annotations) are
printed by \`npm run eval:entities\` and listed in the README.
`,
  );
}
