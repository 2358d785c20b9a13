import { z } from 'zod';
import { HostLabels } from './agent.js';
import { ServerConfig, SourceOption } from './config.js';
import { IntervalMs } from './system.js';

/** A server the agent ships to: its base URL (`https://gpu.example.com`); the agent adds `/api/v1/…`. */
export const AgentServerUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });

/** Samples the spool keeps by default: one hour of 8 GPUs sampled every 250 ms. */
export const DEFAULT_SPOOL_MAX_SAMPLES = 115_200;

/** `gpu-sentinel agent`'s configuration, after flags > env > defaults have been merged. */
export const AgentConfig = z
  .object({
    /** Tried in turn: a dead server moves the agent to the next. */
    servers: z.array(AgentServerUrl).min(1, 'at least one server URL is required').max(16),
    /** An `ingest`-scoped API key. */
    key: z.string().min(1, 'an API key is required').max(512),
    source: SourceOption.refine((source) => source !== 'none', {
      error: 'expected nvidia-smi, simulated, auto or replay:<dir> (none is for serve only: an agent needs GPUs)',
    }).default('auto'),
    gpus: ServerConfig.shape.gpus,
    seed: ServerConfig.shape.seed,
    intervalMs: IntervalMs.default(250),
    processIntervalMs: ServerConfig.shape.processIntervalMs,
    nvidiaSmiPath: ServerConfig.shape.nvidiaSmiPath,
    hostname: z.string().min(1).max(253).optional(),
    labels: HostLabels.default({}),
    /** Where batches wait while no server takes them. */
    spoolDir: z.string().min(1).default('./agent-spool'),
    /** Oldest batches are dropped past this many samples. */
    spoolMaxSamples: z.number().int().min(100).max(100_000_000).default(DEFAULT_SPOOL_MAX_SAMPLES),
    logLevel: ServerConfig.shape.logLevel,
  })
  .strict();
export type AgentConfig = z.infer<typeof AgentConfig>;
export type AgentConfigInput = z.input<typeof AgentConfig>;
