/** `lede watch <paths|feed URLs…> [--every 5m]`: keep the index in step with files and feeds. */
import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { LedeError } from '../../errors.js';
import { exitCleanlyOnSignal, onShutdown } from '../../lifecycle.js';
import { commandLogger, entityResources, openContext } from '../context.js';
import { formatSummary } from './index-command.js';

export function registerWatchCommand(program: Command, loadConfig: () => Config): void {
  program
    .command('watch')
    .description('Index files and feeds, then keep indexing new and changed files and feed items, and remove the articles of deleted files')
    .argument('<paths...>', 'files, folders or feed URLs (https://…)')
    .option('--every <interval>', 'how often feeds are polled (30s, 5m, 1h)', '5m')
    .action(async (paths: string[], raw: { every: string }) => {
      // Loaded when the command runs: the file watcher and feed reader stay out of the other commands.
      const { parseInterval, startWatch } = await import('../../indexer/watch.js');
      let everyMs: number;
      try {
        everyMs = parseInterval(raw.every);
      } catch (error) {
        throw new LedeError({ code: 'usage', message: `Invalid option: --every: ${(error as Error).message}`, suggestion: 'See `lede watch --help`.' });
      }
      const config = loadConfig();
      const log = commandLogger(config);
      const context = await openContext(config, log);
      const watcher = startWatch(
        { admin: context.admin, prefix: config.indexPrefix, resources: entityResources(config), log },
        {
          paths,
          everyMs,
          onRun: ({ reason, summary, notModified }) => {
            const a = summary.articles;
            if (reason !== 'start' && a.added + a.updated === 0 && !summary.deleted?.articles && summary.skipped.length === 0) {
              log.debug({ reason, notModified }, 'watch: nothing new');
              return;
            }
            process.stdout.write(`[${new Date().toISOString()}] ${reason}: ${formatSummary(summary)}`);
          },
        },
      );
      onShutdown(() => watcher.close());
      exitCleanlyOnSignal();
      await watcher.ready;
      process.stdout.write(`lede is watching ${paths.join(', ')} (feeds every ${raw.every}); Ctrl-C stops it\n`);
      await new Promise(() => {});
    });
}
