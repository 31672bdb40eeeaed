/** `lede serve [--index <paths…>]`: optionally index, then serve the API and page on PORT. */
import type { Command } from 'commander';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { exitCleanlyOnSignal } from '../../lifecycle.js';
import { commandLogger, openContext } from '../context.js';
import { runIndex } from './index-command.js';
import { parseOptions, wholeNumber } from '../options.js';

const optionsSchema = z.object({ index: z.array(z.string()).optional(), port: wholeNumber(0, 65535).optional() }).strict();

export function registerServeCommand(program: Command, loadConfig: () => Config): void {
  program
    .command('serve')
    .description('Serve the search API and web page (PORT, default 3000)')
    .option('--index <paths...>', 'index these paths first (unchanged articles are skipped)')
    .option('--port <port>', 'port to listen on (overrides PORT)')
    .action(async (raw: unknown) => {
      const options = parseOptions(optionsSchema, raw, 'serve');
      const config = loadConfig();
      if (options.port !== undefined) config.http.port = options.port;
      const log = commandLogger(config);
      // A server heals itself: the engine is restarted if it dies (embedded.ts).
      const context = await openContext(config, log, { supervise: true });
      if (options.index?.length) {
        const summary = await runIndex(context, { paths: options.index, rebuild: false, batchSize: 4_000 });
        if (summary.skipped.length > 0) log.warn({ skipped: summary.skipped.length }, 'some inputs were skipped (see above); serving what was indexed');
      }
      // Loaded here, not at the top: `lede index` and the other commands do not carry the server's modules.
      const { startServer } = await import('../../server.js');
      const { url } = await startServer(config, log, context.connection);
      exitCleanlyOnSignal();
      process.stdout.write(`lede is serving on ${url}\n`);
      // Keep running until a signal; lifecycle handles the shutdown.
      await new Promise(() => {});
    });
}
