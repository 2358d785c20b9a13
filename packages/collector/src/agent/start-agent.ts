import { hostIdOf, type Clock } from '@gpu-sentinel/core';
import {
  AGENT_PROTOCOL_VERSION,
  AgentIdentity,
  type HostLabels,
  type SourceOption,
  type SourceState,
} from '@gpu-sentinel/protocol';
import { createSource } from '../create-source.js';
import type { GpuSource, SourceListener } from '../gpu-source.js';
import { Sampler } from '../sampler.js';
import { errorMessageOf, silentAgentLogger, type AgentLogger } from './agent-logger.js';
import { DiskSpool, type SpoolStats } from './disk-spool.js';
import { Shipper } from './shipper.js';
import type { ShipperStats, ShipperTuning } from './shipper-tuning.js';

export interface StartAgentOptions {
  /** Server base URLs (`https://gpu.example.com`), tried in turn. */
  servers: readonly string[];
  /** An `ingest`-scoped API key. */
  key: string;
  spoolDir: string;
  agentVersion: string;
  hostname: string;
  /** Default: derived from the hostname, as the server derives its own. */
  hostId?: string;
  labels?: HostLabels;
  /** Sampling interval (default 250 ms). */
  intervalMs?: number;
  /** A ready source (tests, benchmarks), or which one to make (default `auto`). */
  source?: GpuSource | SourceOption;
  /** For a source made here: simulated GPUs and seed, process poll interval, nvidia-smi's path. */
  gpus?: number;
  seed?: number;
  processIntervalMs?: number;
  nvidiaSmiPath?: string;
  spoolMaxSamples?: number;
  spoolSegmentBatches?: number;
  tuning?: Partial<ShipperTuning>;
  /** On stop, how long to wait for the server to acknowledge what was sent (default 3 s). */
  stopDrainMs?: number;
  logger?: AgentLogger;
  clock?: Clock;
}

export interface AgentStats {
  /** Ticks spooled as batches, and the samples they hold. */
  batches: number;
  samples: number;
  /** Readings the sampler dropped as invalid. */
  invalidReadings: number;
  /** Ticks lost because the spool could not be written (disk full, …). */
  spoolWriteErrors: number;
  source: SourceState;
  spool: SpoolStats;
  shipper: ShipperStats;
}

export interface RunningAgent {
  readonly identity: AgentIdentity;
  readonly source: GpuSource;
  /** Why `auto` fell back to simulated GPUs; null when it did not. */
  readonly fallbackReason: string | null;
  stats(): AgentStats;
  /** Stop sampling, close the connection, flush the spool. Unacked batches are sent by the next run. */
  stop(): Promise<void>;
}

/** Run an agent: source → sampler (stamps the host) → spool → shipper. Cheap enough to run many in one process. */
export async function startAgent(options: StartAgentOptions): Promise<RunningAgent> {
  const logger = options.logger ?? silentAgentLogger;
  const hostId = options.hostId ?? hostIdOf(options.hostname);
  const intervalMs = options.intervalMs ?? 250;
  const spool = await DiskSpool.open({
    dir: options.spoolDir,
    logger,
    ...(options.spoolMaxSamples === undefined ? {} : { maxSamples: options.spoolMaxSamples }),
    ...(options.spoolSegmentBatches === undefined ? {} : { segmentBatches: options.spoolSegmentBatches }),
  });
  const identity = AgentIdentity.parse({
    protocol: AGENT_PROTOCOL_VERSION,
    streamId: spool.streamId,
    hostId,
    hostname: options.hostname,
    labels: options.labels ?? {},
    agentVersion: options.agentVersion,
    intervalMs,
  });
  const { source, fallbackReason } = await sourceOf(options, hostId, intervalMs, logger);
  const shipper = new Shipper({
    servers: options.servers,
    key: options.key,
    identity,
    spool,
    logger,
    ...(options.tuning === undefined ? {} : { tuning: options.tuning }),
  });
  const sampler = new Sampler({ hostId, ...(options.clock === undefined ? {} : { clock: options.clock }) });
  let batches = 0;
  let sampleCount = 0;
  let spoolWriteErrors = 0;
  const listener: SourceListener = {
    onTick(readings) {
      const samples = sampler.sample(readings);
      if (samples.length === 0) return;
      try {
        shipper.onBatch(spool.append(samples));
        batches++;
        sampleCount += samples.length;
      } catch (error) {
        // Told once per run of failures, not on every tick.
        if (spoolWriteErrors++ === 0) logger.error(`cannot write the spool: ${errorMessageOf(error)}; ticks are lost`);
      }
    },
    onInventory(inventory) {
      sampler.retain(new Set(inventory.map((gpu) => gpu.uuid)));
      shipper.setInventory(inventory);
    },
    onProcesses(processes) {
      shipper.setProcesses(processes);
    },
    onState(state) {
      shipper.setSource(state);
    },
  };
  shipper.start();
  source.start(listener);
  return {
    identity,
    source,
    fallbackReason,
    stats: () => ({
      batches,
      samples: sampleCount,
      invalidReadings: sampler.invalidCount,
      spoolWriteErrors,
      source: source.state(),
      spool: spool.stats(),
      shipper: shipper.stats(),
    }),
    async stop() {
      await source.stop();
      await drainSpool(spool, shipper, options.stopDrainMs ?? DEFAULT_STOP_DRAIN_MS);
      await shipper.stop();
      await spool.close();
    },
  };
}

/** On a clean stop, wait this long at most for the server to acknowledge what was sent. */
const DEFAULT_STOP_DRAIN_MS = 3_000;

/** While connected, wait until every spooled batch is acknowledged (or the time is up): a clean stop leaves nothing behind. */
async function drainSpool(spool: DiskSpool, shipper: Shipper, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (shipper.stats().connected && spool.stats().pendingBatches > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function sourceOf(
  options: StartAgentOptions,
  hostId: string,
  intervalMs: number,
  logger: AgentLogger,
): Promise<{ source: GpuSource; fallbackReason: string | null }> {
  if (typeof options.source === 'object') {
    if (options.intervalMs !== undefined) options.source.setIntervalMs(intervalMs);
    return { source: options.source, fallbackReason: null };
  }
  const created = await createSource(options.source ?? 'auto', {
    hostId,
    hostname: options.hostname,
    intervalMs,
    log: (level, message) => logger[level](message),
    ...(options.gpus === undefined ? {} : { gpuCount: options.gpus }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.processIntervalMs === undefined ? {} : { processIntervalMs: options.processIntervalMs }),
    ...(options.nvidiaSmiPath === undefined ? {} : { executable: options.nvidiaSmiPath }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  return { source: created.source, fallbackReason: created.fallbackReason };
}
