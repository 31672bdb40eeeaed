/** What every CLI command needs, built once from the config: logger, Meilisearch, entity resources. */
import type { Meilisearch } from 'meilisearch';
import type { Config } from '../config.js';
import { loadEntityResources, type EntityResources } from '../ingest/entities/index.js';
import { createLogger, type Logger } from '../log.js';
import { createClient } from '../meili/client.js';
import { connectMeili, type MeiliConnection } from '../meili/embedded.js';
import { onShutdown } from '../lifecycle.js';

export interface CommandContext {
  config: Config;
  log: Logger;
  connection: MeiliConnection;
  admin: Meilisearch;
}

export function commandLogger(config: Config): Logger {
  return createLogger(config.logLevel);
}

export async function openContext(config: Config, log: Logger): Promise<CommandContext> {
  const connection = await connectMeili(config, log);
  onShutdown(() => connection.release());
  const admin = createClient({ url: connection.url, apiKey: connection.masterKey });
  return { config, log, connection, admin };
}

export function entityResources(config: Config): EntityResources {
  return loadEntityResources({ aliasFile: config.aliasFile });
}
