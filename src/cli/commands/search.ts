/**
 * `lede search <query>`: the top article hits in the terminal, matches in bold. It goes through
 * the API's search service, so it ranks, counts and marks exactly as `/api/search` does.
 */
import type { Command } from 'commander';
import { decodeHTML } from 'entities';
import { z } from 'zod';
import { searchParamsSchema } from '../../api/search/params.js';
import type { SearchHit } from '../../api/search/response-adapter/index.js';
import { SearchService } from '../../api/search/service.js';
import { keepSynonymsFresh } from '../../api/search/synonyms.js';
import type { Config } from '../../config.js';
import { LedeError } from '../../errors.js';
import { indexNames } from '../../meili/client.js';
import { commandLogger, openContext } from '../context.js';
import { parseOptions, wholeNumber } from '../options.js';

const optionsSchema = z.object({ limit: wholeNumber(1, 100) }).strict();

const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

/** The API's marked HTML as terminal text: `<mark>` → `pre…post`, other tags dropped, entities decoded. */
export function terminalText(html: string, pre: string, post: string): string {
  return decodeHTML(html.replace(/<mark>/g, '\u0001').replace(/<\/mark>/g, '\u0002').replace(/<[^>]*>/g, ''))
    .replace(/\u0001/g, pre)
    .replace(/\u0002/g, post);
}

export function registerSearchCommand(program: Command, loadConfig: () => Config): void {
  program
    .command('search')
    .description('Search the index and print the top article hits, as /api/search ranks them')
    .argument('<query...>', 'words to search for')
    .option('-n, --limit <n>', 'number of hits (1–100)', '10')
    .action(async (words: string[], raw: unknown) => {
      const options = parseOptions(optionsSchema, raw, 'search');
      const config = loadConfig();
      const parsed = searchParamsSchema.safeParse({ q: words.join(' '), perPage: String(options.limit) });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new LedeError({ code: 'usage', message: `${issue.path[0] === 'perPage' ? '--limit' : 'The query'} ${issue.message}.` });
      }
      const context = await openContext(config, commandLogger(config));
      const indexes = indexNames(config.indexPrefix);
      const service = new SearchService({ client: context.admin, indexes, suggestCacheMs: 0 });
      // The synonyms, so that matches through them are marked as the API marks them.
      (await keepSynonymsFresh({ service, admin: context.admin, indexUid: indexes.paragraphs })).stop();
      const result = await service.search(parsed.data);
      const color = process.stdout.isTTY === true;
      const [pre, post] = color ? [BOLD, RESET] : ['[', ']'];
      const lines = [`${result.totalHits} matching articles for "${result.query}" (${result.processingTimeMs} ms)`, ''];
      result.hits.forEach((hit: SearchHit, i) => {
        lines.push(`${i + 1}. ${hit.title} [${hit.articleId}, ¶${hit.position}${hit.publishedAt ? `, ${hit.publishedAt.slice(0, 10)}` : ''}, ${hit.matchCount} matching]`);
        lines.push(`   ${terminalText(hit.snippet, pre, post)}`, '');
      });
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
