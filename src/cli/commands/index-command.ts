/** `lede index <paths…>`: index articles, print a summary whose counts add up. */
import { constants, setPriority } from 'node:os';
import type { Command } from 'commander';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { LedeError } from '../../errors.js';
import { formatOrigin, indexArticles, type IndexSummary } from '../../indexer/indexer.js';
import { commandLogger, entityResources, openContext, type CommandContext } from '../context.js';
import { EXIT } from '../handle-error.js';
import { favourMemory } from '../../indexer/memory.js';
import { parseOptions, wholeNumber } from '../options.js';
import { createProgressReporter } from '../progress.js';

const optionsSchema = z.object({
  rebuild: z.boolean().default(false),
  force: z.boolean().default(false),
  sync: z.boolean().default(false),
  allowSkips: z.boolean().default(false),
  batchSize: wholeNumber(1, 100_000),
  json: z.boolean().default(false),
  followSymlinks: z.boolean().default(false),
});

export interface IndexCommandOptions {
  paths: string[];
  rebuild: boolean;
  force?: boolean;
  sync?: boolean;
  batchSize: number;
  followSymlinks?: boolean;
}

/** Shared with `lede serve --index`: indexes and prints the summary; returns the summary. */
/** Times Meilisearch may go away during one `lede index` before it gives up. */
const MAX_ATTEMPTS = 4;

export async function runIndex(context: CommandContext, options: IndexCommandOptions, json = false): Promise<IndexSummary> {
  const { config, log } = context;
  const resources = entityResources(config);
  let summary: IndexSummary | undefined;
  for (let attempt = 1; !summary; attempt++) {
    const progress = createProgressReporter(log);
    try {
      summary = await indexArticles(
        { admin: context.admin, prefix: config.indexPrefix, resources, log },
        { paths: options.paths, rebuild: options.rebuild, force: options.force, sync: options.sync, batchSize: options.batchSize, followSymlinks: options.followSymlinks, onProgress: (p) => progress.update(p) },
      );
      summary.attempts = attempt;
    } catch (error) {
      // The engine went away (killed, restarted): bring it back and run again. Articles confirmed
      // before are skipped by their content hash; the rest are sent again under the same ids.
      if (!(error instanceof LedeError) || error.code !== 'search_unavailable' || attempt >= MAX_ATTEMPTS) throw error;
      log.warn({ attempt, reason: error.message }, 'Meilisearch went away during indexing; reconnecting and resuming');
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      await context.reconnect();
    } finally {
      progress.stop();
    }
  }
  if (json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else process.stdout.write(formatSummary(summary));
  return summary;
}

export function formatSummary(s: IndexSummary): string {
  const a = s.articles;
  const lines = [
    `Indexed in ${(s.durationMs / 1000).toFixed(1)} s${s.rebuilt ? ' (rebuilt and swapped in)' : ''}`,
    `  files      ${s.files.listed} read${s.files.ignored ? `, ${s.files.ignored} not articles (ignored)` : ''}${s.files.unreadable ? `, ${s.files.unreadable} unreadable` : ''}`,
    `  articles   ${a.read} read = ${a.added} added + ${a.updated} updated + ${a.unchanged} unchanged + ${a.empty} empty + ${a.duplicate} duplicate ids + ${a.copies} copies + ${a.failed} rejected`,
    `  paragraphs ${s.paragraphs.indexed} indexed${s.paragraphs.staleDeleted ? `, ${s.paragraphs.staleDeleted} stale removed` : ''}`,
    ...(s.deleted ? [`  deleted    ${s.deleted.articles} article(s) whose source is gone (${s.deleted.paragraphs} paragraphs)`] : []),
    `  entities   ${s.entities.people} people, ${s.entities.organizations} organizations, ${s.entities.places} places, ${s.entities.countries} countries`,
    ...(s.clusters ? [`  clusters   ${s.clusters.clusters} stories filed more than once (${s.clusters.clustered} articles; ${s.clusters.changed} assigned in this run, ${(s.clusters.ms / 1000).toFixed(1)} s)`] : []),
  ];
  if (s.warnings.length > 0) {
    lines.push(`  warnings   ${s.warnings.length}`);
    for (const w of s.warnings.slice(0, 20)) lines.push(`    ${w.path}: ${w.message}`);
  }
  if (s.copies.length > 0) {
    // Not a problem to fix: the story is indexed once.
    lines.push(`  copies     ${s.copies.length}, not indexed again: the same title and text as another article`);
    for (const c of s.copies.slice(0, 10)) lines.push(`    ${formatOrigin(c)}: same as "${c.of}" (${c.ofWhere})`);
    if (s.copies.length > 10) lines.push(`    … and ${s.copies.length - 10} more (use --json for all)`);
  }
  if (s.skipped.length > 0) {
    lines.push(`  skipped    ${s.skipped.length}`);
    for (const k of s.skipped.slice(0, 50)) lines.push(`    ${formatOrigin(k)}: ${k.reason}`);
    if (s.skipped.length > 50) lines.push(`    … and ${s.skipped.length - 50} more (use --json for all)`);
  }
  return `${lines.join('\n')}\n`;
}

function lowerPriority(): void {
  try {
    setPriority(constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // Not permitted here (some containers): index at normal priority.
  }
}

export function registerIndexCommand(program: Command, loadConfig: () => Config): void {
  program
    .command('index')
    .description('Index articles (.txt, .md, .json, .jsonl, .html files, or folders of them) into Meilisearch')
    .argument('<paths...>', 'files or folders to index')
    .option('--rebuild', 'build fresh indexes and swap them in atomically')
    .option('--force', 're-index unchanged articles too, in place (after changing the alias table)')
    .option('--sync', 'also delete the articles whose source under these paths is gone')
    .option('--allow-skips', 'exit 0 even when some inputs were skipped')
    .option('--batch-size <n>', 'paragraph documents per Meilisearch task', '4000')
    .option('--json', 'print the summary as JSON')
    .option('--follow-symlinks', 'follow symbolic links that lead out of the folders named (skipped by default)')
    .action(async (paths: string[], raw: unknown) => {
      // A batch job: a smaller heap is worth more here than V8's headroom (memory.ts).
      favourMemory();
      const options = parseOptions(optionsSchema, raw, 'index');
      const config = loadConfig();
      const context = await openContext(config, commandLogger(config));
      // Indexing is background work: the pipeline yields the CPU to a server answering searches on
      // the same machine. Set after the engine is up, so an engine this command starts keeps its priority.
      lowerPriority();
      const summary = await runIndex(context, { paths, rebuild: options.rebuild, force: options.force, sync: options.sync, batchSize: options.batchSize, followSymlinks: options.followSymlinks }, options.json);
      if (summary.skipped.length > 0 && !options.allowSkips) {
        process.stderr.write(`lede: ${summary.skipped.length} input(s) skipped (listed above); pass --allow-skips to exit 0 anyway.\n`);
        process.exitCode = EXIT.skipped;
      }
    });
}
