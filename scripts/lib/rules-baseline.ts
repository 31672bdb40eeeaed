/**
 * The rule-based extractor lede used before the trained tagger (commit 87c9116), for the eval's
 * "rules" column: its sources are read from git into node_modules/.cache/lede/, not kept in the tree.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CleanArticle, ParagraphEntities } from '../../src/ingest/types.js';

export const RULES_COMMIT = '87c9116';

export type Extractor = (article: CleanArticle) => ParagraphEntities[];

/** The old extractor, or undefined (with the reason) where git or the commit is not at hand. */
export async function rulesExtractor(root: string): Promise<{ extract?: Extractor; reason?: string }> {
  const dir = join(root, 'node_modules/.cache/lede', `rules-${RULES_COMMIT}`);
  try {
    if (!existsSync(join(dir, 'src/ingest/entities/index.ts'))) {
      mkdirSync(dir, { recursive: true });
      const archive = execFileSync('git', ['-C', root, 'archive', RULES_COMMIT, 'src', 'resources/aliases.json'], { maxBuffer: 1 << 28 });
      execFileSync('tar', ['-x', '-C', dir], { input: archive });
    }
    const module = (await import(pathToFileURL(join(dir, 'src/ingest/entities/index.ts')).href)) as {
      loadEntityResources: () => unknown;
      extractEntities: (a: CleanArticle, r: unknown) => ParagraphEntities[];
    };
    const resources = module.loadEntityResources();
    return { extract: (article) => module.extractEntities(article, resources) };
  } catch (error) {
    return { reason: `the rules of ${RULES_COMMIT} could not be read from git (${(error as Error).message.split('\n')[0]})` };
  }
}
