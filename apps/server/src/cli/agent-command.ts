import { startAgent, type AgentLogger, type RunningAgent } from '@gpu-sentinel/collector';
import { AgentConfig } from '@gpu-sentinel/protocol';
import type { Logger } from 'pino';
import { ConfigError } from '../config/config-error.js';
import type { Env } from '../config/read-env.js';
import { hostIdentity } from '../host-identity.js';
import { createLogger } from '../logging/create-logger.js';
import { readServerVersion } from '../version.js';
import type { CliIo } from './cli-io.js';

/** Settings `agent` takes from its flags (commander's camelCase names) and, for some, from env. */
const SETTINGS = {
  servers: { flag: '--server', option: 'server', env: 'GPU_SENTINEL_SERVER' },
  key: { flag: '--key', option: 'key', env: 'GPU_SENTINEL_AGENT_KEY' },
  spoolDir: { flag: '--spool-dir', option: 'spoolDir', env: 'GPU_SENTINEL_SPOOL_DIR' },
  source: { flag: '--source', option: 'source' },
  gpus: { flag: '--gpus', option: 'gpus' },
  intervalMs: { flag: '--interval-ms', option: 'intervalMs' },
  hostname: { flag: '--hostname', option: 'hostname' },
  labels: { flag: '--label', option: 'label' },
  spoolMaxSamples: { flag: '--spool-max-samples', option: 'spoolMaxSamples' },
  nvidiaSmiPath: { flag: '--nvidia-smi-path', option: 'nvidiaSmiPath' },
  logLevel: { flag: '--log-level', option: 'logLevel' },
} as const satisfies Record<string, { flag: string; option: string; env?: string }>;

type Setting = keyof typeof SETTINGS;
const NUMERIC: ReadonlySet<Setting> = new Set<Setting>(['gpus', 'intervalMs', 'spoolMaxSamples']);

/** flags > env > defaults, validated once; a bad value is named by the flag or env var it came from. */
export function agentConfigOf(options: Readonly<Record<string, unknown>>, env: Env): AgentConfig {
  const input: Record<string, unknown> = {};
  const origins: Record<string, string> = {};
  for (const [field, setting] of Object.entries(SETTINGS) as [Setting, (typeof SETTINGS)[Setting]][]) {
    const fromFlag = options[setting.option];
    const fromEnv = 'env' in setting ? nonEmpty(env[setting.env]) : undefined;
    if (fromFlag !== undefined) {
      input[field] = valueOf(field, fromFlag);
      origins[field] = setting.flag;
    } else if (fromEnv !== undefined && 'env' in setting) {
      input[field] = valueOf(field, fromEnv);
      origins[field] = setting.env;
    }
  }
  const result = AgentConfig.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') return `${issue.keys.join(', ')}: unknown setting`;
    const field = String(issue.path[0] ?? '');
    const setting = field in SETTINGS ? SETTINGS[field as Setting] : null;
    const value = input[field];
    if (value === undefined && setting !== null) {
      const where = 'env' in setting ? `${setting.flag} (or ${setting.env})` : setting.flag;
      return `${where}: required`;
    }
    const origin = origins[field] ?? field;
    if (issue.code === 'invalid_key') {
      return `${origin}: ${JSON.stringify(issue.path[1])}: ${issue.issues[0]?.message ?? issue.message}`;
    }
    // The key is a secret: never echoed.
    const shown = field === 'key' ? '' : ` (got ${JSON.stringify(valueAt(value, issue.path.slice(1)))})`;
    return `${origin}: ${issue.message}${shown}`;
  });
  throw new ConfigError(`Invalid agent configuration:\n  ${lines.join('\n  ')}`);
}

function valueOf(field: Setting, raw: unknown): unknown {
  if (field === 'servers')
    return listOf(raw).flatMap((item) =>
      item
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
    );
  if (field === 'labels') return labelsOf(listOf(raw));
  if (NUMERIC.has(field) && typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim())) return Number(raw.trim());
  return raw;
}

function labelsOf(pairs: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0)
      throw new ConfigError(
        `Invalid agent configuration:\n  --label: expected key=value (got ${JSON.stringify(pair)})`,
      );
    labels[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return labels;
}

function listOf(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.filter((item): item is string => typeof item === 'string');
  return typeof raw === 'string' ? [raw] : [];
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return current;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** `gpu-sentinel agent`: sample this host's GPUs and ship them to a server until SIGINT/SIGTERM. */
export async function agentCommand(options: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const config = agentConfigOf(options, io.env);
  const logger = createLogger({ level: config.logLevel, isPretty: io.stdout.isTTY === true });
  const host = hostIdentity(config.hostname);
  let agent: RunningAgent;
  try {
    agent = await startAgent({
      servers: config.servers,
      key: config.key,
      spoolDir: config.spoolDir,
      spoolMaxSamples: config.spoolMaxSamples,
      agentVersion: readServerVersion(),
      hostname: host.hostname,
      hostId: host.hostId,
      labels: config.labels,
      intervalMs: config.intervalMs,
      source: config.source,
      gpus: config.gpus,
      // Simulated agents on several machines are different hosts: their GPUs follow from the host id.
      seed: seedOf(host.hostId),
      processIntervalMs: config.processIntervalMs,
      nvidiaSmiPath: config.nvidiaSmiPath,
      logger: agentLoggerOf(logger),
    });
  } catch (error) {
    logger.fatal({ err: error }, 'the agent could not start');
    logger.flush();
    return 1;
  }
  logStart(agent, config, logger);

  const signal = await io.waitForStopSignal();
  logger.info(`${signal} received: stopping`);
  await agent.stop();
  const stats = agent.stats();
  const { spool, shipper } = stats;
  logger.info(
    {
      batches: stats.batches,
      samples: stats.samples,
      droppedSamples: spool.droppedSamples,
      pendingSamples: spool.pendingSamples,
    },
    `stopped: ${String(shipper.sentBatches)} batch(es) sent, ${String(spool.pendingBatches)} unacked kept in the spool for the next run`,
  );
  logger.flush();
  return 0;
}

function logStart(agent: RunningAgent, config: AgentConfig, logger: Logger): void {
  const { identity } = agent;
  const state = agent.source.state();
  if (agent.fallbackReason !== null) logger.warn(`${agent.fallbackReason} — the GPUs shipped are SIMULATED`);
  else if (state.isSimulated) logger.info('source: simulated — the GPUs shipped are SIMULATED');
  else logger.info(`source: ${agent.source.kind}`);
  const pending = agent.stats().spool.pendingBatches;
  logger.info(
    `agent for ${identity.hostname} (host id ${identity.hostId}), stream ${identity.streamId}: ` +
      `shipping to ${config.servers.join(', ')}; spool ${config.spoolDir} holds ${String(pending)} batch(es)`,
  );
}

function agentLoggerOf(logger: Logger): AgentLogger {
  return {
    debug: (message) => logger.debug(message),
    info: (message) => logger.info(message),
    warn: (message) => logger.warn(message),
    error: (message) => logger.error(message),
  };
}

/** A stable 31-bit seed from a host id (FNV-1a), so each simulated host has GPUs of its own. */
function seedOf(hostId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < hostId.length; i += 1) {
    hash ^= hostId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 1;
}
