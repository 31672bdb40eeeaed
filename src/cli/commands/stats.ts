/** `lede stats [--json]`: what is indexed: documents, articles, top entities per facet. */
import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { indexNames, meili } from '../../meili/client.js';
import { ENTITY_FACETS } from '../../meili/settings.js';
import { commandLogger, openContext } from '../context.js';

export interface Stats {
  documents: number;
  articles: number;
  /** Top values per entity facet, with the number of articles that mention each. */
  topEntities: Record<(typeof ENTITY_FACETS)[number], Array<{ value: string; articles: number }>>;
  indexes: { paragraphs: string; articles: string };
}

export function registerStatsCommand(program: Command, loadConfig: () => Config): void {
  program
    .command('stats')
    .description('Show what is indexed: documents, articles and the top entities per facet')
    .option('--json', 'print one JSON object')
    .option('--top <n>', 'entities per facet', '10')
    .action(async (options: { json?: boolean; top: string }) => {
      const config = loadConfig();
      const context = await openContext(config, commandLogger(config));
      const names = indexNames(config.indexPrefix);
      const top = Math.max(1, Math.min(100, Number(options.top) || 10));
      const [paragraphStats, articleStats, facets] = await Promise.all([
        meili(() => context.admin.index(names.paragraphs).getStats()),
        meili(() => context.admin.index(names.articles).getStats()),
        meili(() => context.admin.index(names.articles).search('', { limit: 0, facets: [...ENTITY_FACETS] })),
      ]);
      const topEntities = Object.fromEntries(
        ENTITY_FACETS.map((facet) => [
          facet,
          Object.entries(facets.facetDistribution?.[facet] ?? {})
            .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
            .slice(0, top)
            .map(([value, articles]) => ({ value, articles })),
        ]),
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
