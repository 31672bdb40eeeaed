/** Where the benchmarks and evaluations find the repository and the shared corpus. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');
export const reutersFile = path.join(corpusDir, 'reuters-21578.jsonl');
export const bbcDir = path.join(corpusDir, 'bbc');

/** The whole corpus (Reuters JSONL and the BBC folder); exits 0 with a message naming the script when it is absent. */
export function requireCorpus(script: string): string[] {
  const inputs = [reutersFile, bbcDir];
  if (!inputs.every(existsSync)) {
    console.log(`${script} skipped: the shared corpus is not at ${corpusDir}`);
    process.exit(0);
  }
  return inputs;
}
