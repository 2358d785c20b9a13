import { ConfigError } from '../config/config-error.js';
import { loadConfig } from '../config/load-config.js';
import { configPathOf, pickConfigFlags } from '../config/pick-flags.js';
import { createLogger } from '../logging/create-logger.js';
import { RecentLogEntries } from '../logging/recent-log-entries.js';
import { fallbackMessage } from '../select-source.js';
import { startServer, type RunningServer } from '../start-server.js';
import type { CliIo } from './cli-io.js';

/** `gpu-sentinel serve`: run until SIGINT/SIGTERM, then stop the source, flush, close the store and the server. */
export async function serveCommand(options: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const loaded = await loadConfig({ flags: pickConfigFlags(options), configPath: configPathOf(options), env: io.env });
  const { config } = loaded;
  const recentLog = new RecentLogEntries();
  const logger = createLogger({ level: config.logLevel, isPretty: io.stdout.isTTY === true, recent: recentLog });
  for (const warning of loaded.warnings) logger.warn(warning);
  if (loaded.configFile !== null) logger.info(`config file: ${loaded.configFile}`);

  let server: RunningServer;
  try {
    server = await startServer({ config, logger, recentLog });
  } catch (error) {
    // A bad TLS file is a configuration error: the CLI prints it and exits 2.
    if (error instanceof ConfigError) throw error;
    logger.fatal({ err: error }, 'GPU Sentinel could not start');
    logger.flush();
    return 1;
  }
  logStart(server, logger);

  const signal = await io.waitForStopSignal();
  logger.info(`${signal} received: shutting down`);
  await server.close();
  logger.info('stopped');
  logger.flush();
  return 0;
}

function logStart(server: RunningServer, logger: ReturnType<typeof createLogger>): void {
  const state = server.source.state();
  if (server.fallbackReason !== null) {
    logger.warn(fallbackMessage(server.fallbackReason));
  } else if (state.isSimulated) {
    logger.info('source: simulated — the GPUs shown are SIMULATED');
  } else {
    logger.info(`source: ${server.source.kind}`);
  }
  logger.info(`GPU Sentinel is listening on ${server.url}`);
  if (server.setupUrl !== null) {
    // The only copy of the one-time token: make it impossible to miss.
    const rule = '='.repeat(72);
    logger.warn(
      // isSecret: the System page's list of recent warnings leaves this one out.
      { security: true, isSecret: true, setupUrl: server.setupUrl },
      `\n${rule}\nNo user exists yet. Create the first admin within this run by opening:\n\n    ${server.setupUrl}\n\n` +
        `(or restart with GPU_SENTINEL_ADMIN_PASSWORD set to create user "admin")\n${rule}`,
    );
  }
}
