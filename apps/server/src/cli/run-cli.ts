import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/config-error.js';
import { readServerVersion } from '../version.js';
import { agentCommand } from './agent-command.js';
import { addApiKeyCommands } from './apikey-command.js';
import { backupCommand, restoreCommand } from './backup-command.js';
import type { CliIo } from './cli-io.js';
import { doctorCommand } from './doctor-command.js';
import { parseCommand } from './parse-command.js';
import { processIo } from './process-io.js';
import { serveCommand } from './serve-command.js';
import { snapshotCommand } from './snapshot-command.js';
import { DATA_DIR_HELP, DATABASE_URL_HELP, withStoreOptions } from './store-options.js';
import { addUserCommands } from './user-command.js';

const SOURCE_HELP = 'nvidia-smi | simulated | replay:<dir> | auto';

/**
 * Runs one `gpu-sentinel` command and resolves with its exit code. Only `serve` and `agent` keep running, until
 * SIGINT or SIGTERM.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const program = new Command('gpu-sentinel')
    .description('Self-hosted, real-time NVIDIA GPU monitor.')
    .version(readServerVersion())
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(run `gpu-sentinel --help` for the commands and options)');

  program
    .command('serve')
    .description('Run the server and dashboard.')
    .option('--port <port>', 'HTTP port (default 3055)')
    .option('--host <host>', 'address to listen on (default 0.0.0.0)')
    .option('--source <source>', `where samples come from: ${SOURCE_HELP} (default auto)`)
    .option('--gpus <n>', 'number of simulated GPUs (default 4)')
    .option('--interval-ms <ms>', 'sampling interval, 100 to 60000 (default 250)')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--database-url <url>', DATABASE_URL_HELP)
    .option('--retention-raw-hours <h>', 'keep raw samples this long until an admin changes it (default 48)')
    .option('--retention-minute-days <d>', 'keep 1-minute rollups this long (default 30)')
    .option('--retention-ten-minute-days <d>', 'keep 10-minute rollups this long (default 90)')
    .option('--retention-hour-days <d>', 'keep 1-hour rollups this long (default 400)')
    .option('--public-url <url>', "the dashboard's address as users reach it, for links in alert notifications")
    .option(
      '--trust-proxy <hops|addresses>',
      'the load balancers in front: a hop count or their addresses/CIDRs (client IPs from X-Forwarded-For)',
    )
    .option('--metrics-auth <key|public>', 'who may read /metrics: a read API key (default key) or anyone (public)')
    .option('--config <file>', 'a JSON config file (or GPU_SENTINEL_CONFIG)')
    .option('--nvidia-smi <path>', 'the nvidia-smi executable (default: nvidia-smi on PATH)')
    .option('--log-level <level>', 'fatal | error | warn | info | debug | trace | silent (default info)')
    .option('--hostname <name>', 'the name this host is shown under')
    .option('--tls-cert <file>', 'PEM certificate: serve HTTPS and WSS (with --tls-key)')
    .option('--tls-key <file>', 'PEM private key of --tls-cert')
    .action(async (options: Record<string, string | undefined>) => {
      exitCode = await serveCommand(options, io);
    });

  const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
  program
    .command('agent')
    .description("Sample this host's GPUs and ship them to a GPU Sentinel server, spooling to disk while it is away.")
    .option(
      '--server <url>',
      'server base URL, repeatable or comma-separated; tried in turn (or GPU_SENTINEL_SERVER)',
      collect,
    )
    .option('--key <key>', 'an ingest API key; prefer GPU_SENTINEL_AGENT_KEY (argv is visible in ps)')
    .option('--source <source>', `where samples come from: ${SOURCE_HELP} (default auto)`)
    .option('--gpus <n>', 'number of simulated GPUs (default 4)')
    .option('--interval-ms <ms>', 'sampling interval, 100 to 60000 (default 250)')
    .option('--hostname <name>', 'the name this host is shown under (default: the OS hostname)')
    .option('--label <key=value>', 'a label for this host, repeatable (e.g. --label rack=b4)', collect)
    .option(
      '--spool-dir <dir>',
      'where batches wait while no server takes them (or GPU_SENTINEL_SPOOL_DIR; default ./agent-spool)',
    )
    .option('--spool-max-samples <n>', 'oldest batches are dropped past this many spooled samples (default 115200)')
    .option('--nvidia-smi-path <path>', 'the nvidia-smi executable (default: nvidia-smi on PATH)')
    .option('--log-level <level>', 'fatal | error | warn | info | debug | trace | silent (default info)')
    .action(async (options: Record<string, string | string[] | undefined>) => {
      exitCode = await agentCommand(options, io);
    });

  program
    .command('doctor')
    .description(
      'Check nvidia-smi, the driver and the store (SQLite in the data dir, or Postgres with DATABASE_URL); print a fix for each problem.',
    )
    .option('--nvidia-smi <path>', 'the nvidia-smi executable to check')
    .option('--data-dir <dir>', 'the data dir to check')
    .option('--database-url <url>', DATABASE_URL_HELP)
    .option('--config <file>', 'a JSON config file (or GPU_SENTINEL_CONFIG)')
    .option('--json', 'print the checks as JSON')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      exitCode = await doctorCommand(options, io);
    });

  program
    .command('snapshot')
    .description('Print every GPU once, as a table (like gpustat) or as JSON.')
    .option('--source <source>', `${SOURCE_HELP} (default auto)`)
    .option('--gpus <n>', 'number of simulated GPUs')
    .option('--nvidia-smi <path>', 'the nvidia-smi executable')
    .option('--config <file>', 'a JSON config file (or GPU_SENTINEL_CONFIG)')
    .option('--hostname <name>', 'the name this host is shown under')
    .option('--json', 'print JSON instead of a table')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      exitCode = await snapshotCommand(options, io);
    });

  program
    .command('parse')
    .description('Print what the parsers make of a captured nvidia-smi output (-q -x XML or --query-gpu CSV).')
    .argument('<file>', 'the capture')
    .action(async (file: string) => {
      exitCode = await parseCommand(file, io);
    });

  withStoreOptions(
    program
      .command('backup')
      .description(
        'Write every table of the store (SQLite, or Postgres with DATABASE_URL) to FILE: gzip-compressed, portable between engines.',
      )
      .argument('<file>', 'the backup file to write (e.g. gpu-sentinel.gsb)'),
  ).action(async (file: string, options: Record<string, string | boolean | undefined>) => {
    exitCode = await backupCommand(file, options, io);
  });

  withStoreOptions(
    program
      .command('restore')
      .description(
        'Load a backup into the store (SQLite, or Postgres with DATABASE_URL), all or nothing. Move an embedded install to ' +
          'Postgres with `gpu-sentinel backup f.gsb --data-dir ./data`, then `DATABASE_URL=… gpu-sentinel restore f.gsb`.',
      )
      .argument('<file>', 'a file written by `gpu-sentinel backup`')
      .option('--replace', 'delete what the target holds first (without it, a non-empty target is refused)'),
  ).action(async (file: string, options: Record<string, string | boolean | undefined>) => {
    exitCode = await restoreCommand(file, options, io);
  });

  const done = (code: number): void => {
    exitCode = code;
  };
  addUserCommands(program, io, done);
  addApiKeyCommands(program, io, done);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof ConfigError) {
      io.stderr.write(`gpu-sentinel: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
