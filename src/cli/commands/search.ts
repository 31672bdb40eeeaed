/** `lede search <query>`: the top hits in the terminal, matches in bold. */
import type { Command } from 'commander';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { indexNames, meili } from '../../meili/client.js';
import type { ParagraphDocument } from '../../ingest/types.js';
import { commandLogger, openContext } from '../context.js';
import { parseOptions, wholeNumber } from '../options.js';

const optionsSchema = z.object({ limit: wholeNumber(1, 100) }).strict();

const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

export function registerSearchCommand(program: Command, loadConfig: () => Config): void {
  program
    .command('search')
    .description('Search the index and print the top hits')
    .argument('<query...>', 'words to search for')
    .option('-n, --limit <n>', 'number of hits', '10')
    .action(async (words: string[], raw: unknown) => {
      const options = parseOptions(optionsSchema, raw, 'search');
      const config = loadConfig();
      const context = await openContext(config, commandLogger(config));
      const color = process.stdout.isTTY === true;
      const [pre, post] = color ? [BOLD, RESET] : ['[', ']'];
      const query = words.join(' ');
      const result = await meili(() =>
        context.admin.index<ParagraphDocument>(indexNames(config.indexPrefix).paragraphs).search(query, {
          limit: options.limit,
          attributesToCrop: ['text'],
          cropLength: 40,
          attributesToHighlight: ['text', 'title'],
          highlightPreTag: pre,
          highlightPostTag: post,
          distinct: 'articleId',
        }),
      );
      const lines = [`${result.estimatedTotalHits ?? result.hits.length} matching articles for "${query}" (${result.processingTimeMs} ms)`, ''];
      for (const [i, hit] of result.hits.entries()) {
        const f = hit._formatted ?? hit;
        lines.push(`${i + 1}. ${f.title} [${hit.articleId}, ¶${hit.position}${hit.date ? `, ${hit.date.slice(0, 10)}` : ''}]`);
        lines.push(`   ${f.text}`, '');
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
