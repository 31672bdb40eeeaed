/** What every CLI command needs, built once from the config: logger, Meilisearch, entity resources. */
import type { Meilisearch } from 'meilisearch';
import type { Config } from '../config.js';
import { loadEntityResources, type EntityResources } from '../ingest/entities/index.js';
import { createLogger, type Logger } from '../log.js';
import { createClient } from '../meili/client.js';
import { connectMeili, type ConnectOptions, type MeiliConnection } from '../meili/embedded.js';
import { onShutdown } from '../lifecycle.js';
import { LedeError } from '../errors.js';

export interface CommandContext {
  config: Config;
  log: Logger;
  connection: MeiliConnection;
  admin: Meilisearch;
  /**
   * After Meilisearch went away: restarts the embedded engine (or waits for the server at
   * MEILI_URL to answer again) and replaces `connection` and `admin`.
   */
  reconnect(): Promise<void>;
}

export function commandLogger(config: Config): Logger {
  return createLogger(config.logLevel);
}

const RECONNECT_TIMEOUT_MS = 60_000;

export async function openContext(config: Config, log: Logger, options: ConnectOptions = {}): Promise<CommandContext> {
  const connect = async () => {
    const connection = await connectMeili(config, log, options);
    onShutdown(() => connection.release());
    return { connection, admin: createClient({ url: connection.url, apiKey: connection.masterKey }) };
  };
  const context: CommandContext = {
    config,
    log,
    ...(await connect()),
    async reconnect() {
      if (context.connection.embedded) {
        await context.connection.release();
        Object.assign(context, await connect());
        return;
      }
      const deadline = Date.now() + RECONNECT_TIMEOUT_MS;
      for (let delay = 250; Date.now() < deadline; delay = Math.min(delay * 2, 5_000)) {
        if (await context.admin.isHealthy()) return;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
      throw new LedeError({
        code: 'search_unavailable',
        message: `Meilisearch at ${config.meili.mode === 'external' ? config.meili.url : 'MEILI_URL'} did not come back within ${RECONNECT_TIMEOUT_MS / 1000} s.`,
        suggestion: 'Start it again, then re-run the same command: finished articles are skipped.',
      });
    },
  };
  return context;
}

export function entityResources(config: Config): EntityResources {
  return loadEntityResources({ aliasFile: config.aliasFile });
}
