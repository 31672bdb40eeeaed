#!/usr/bin/env node
/** The `lede` CLI: this file only registers commands; each lives in `commands/`. */
import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config.js';
import { shutdown } from '../lifecycle.js';
import { handleError, EXIT } from './handle-error.js';
import { registerIndexCommand } from './commands/index-command.js';
import { registerSearchCommand } from './commands/search.js';
import { registerServeCommand } from './commands/serve.js';
import { registerStatsCommand } from './commands/stats.js';
import { registerWatchCommand } from './commands/watch.js';

const program = new Command()
  .name('lede')
  .description('Full-text search for news articles, on Meilisearch')
  .version('0.1.0')
  .exitOverride()
  .showHelpAfterError();

const config = () => loadConfig();
registerIndexCommand(program, config);
registerServeCommand(program, config);
registerSearchCommand(program, config);
registerStatsCommand(program, config);
registerWatchCommand(program, config);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    process.exitCode = handleError(error);
  }
} finally {
  await shutdown();
}
