/** `lede stats [--json]`: what is indexed: documents, articles, top entities per facet. */
import type { Command } from 'commander';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { KIND_OF_FACET, type EntityDocument } from '../../meili/contract.js';
import { indexNames, meili } from '../../meili/client.js';
import { quote } from '../../meili/filter.js';
import { ENTITY_FACETS } from '../../meili/settings.js';
import { commandLogger, openContext } from '../context.js';
import { parseOptions, wholeNumber } from '../options.js';

const optionsSchema = z.object({ json: z.boolean().default(false), top: wholeNumber(1, 100) }).strict();

export interface Stats {
  documents: number;
  articles: number;
  /** Top values per entity facet, with the number of articles that mention each. */
  topEntities: Record<(typeof ENTITY_FACETS)[number], Array<{ value: string; articles: number }>>;
  indexes: { paragraphs: string; articles: string; entities: string; phrases: string };
}

export function registerStatsCommand(program: Command, loadConfig: () => Config): void {
  program
    .command('stats')
    .description('Show what is indexed: documents, articles and the top entities per facet')
    .option('--json', 'print one JSON object')
    .option('--top <n>', 'entities per facet', '10')
    .action(async (raw: unknown) => {
      const options = parseOptions(optionsSchema, raw, 'stats');
      const config = loadConfig();
      const context = await openContext(config, commandLogger(config));
      const names = indexNames(config.indexPrefix);
      const top = options.top;
      // The entity index holds every value with its article count: the top ones are a sorted search.
      const [paragraphStats, articleStats, top4] = await Promise.all([
        meili(() => context.admin.index(names.paragraphs).getStats()),
        meili(() => context.admin.index(names.articles).getStats()),
        meili(() =>
          context.admin.multiSearch({
            queries: ENTITY_FACETS.map((facet) => ({
              indexUid: names.entities,
              q: '',
              filter: `type = ${quote(KIND_OF_FACET[facet])}`,
              sort: ['count:desc'],
              limit: top,
              attributesToRetrieve: ['value', 'count'],
            })),
          }),
        ),
      ]);
      const topEntities = Object.fromEntries(
        ENTITY_FACETS.map((facet, i) => [facet, (top4.results[i]!.hits as unknown as EntityDocument[]).map((e) => ({ value: e.value, articles: e.count }))]),
      ) as Stats['topEntities'];
      const stats: Stats = { documents: paragraphStats.numberOfDocuments, articles: articleStats.numberOfDocuments, topEntities, indexes: names };
      if (options.json) {
        process.stdout.write(`${JSON.stringify(stats)}\n`);
        return;
      }
      const lines = [`${stats.documents} paragraph documents in ${stats.articles} articles`];
      for (const facet of ENTITY_FACETS) {
        lines.push(`${facet}: ${topEntities[facet].map((e) => `${e.value} (${e.articles})`).join(', ') || '(none)'}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
