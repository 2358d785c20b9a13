import { z } from 'zod';
import { EpochMs, GpuInfo, GpuProcess, GpuSample } from './gpu.js';
import { SourceState } from './source.js';
import { IntervalMs } from './system.js';

/**
 * The agent protocol: `gpu-sentinel agent` on a GPU host ships its samples to a server over the
 * WebSocket `/api/v1/agent` (HTTP `POST /api/v1/ingest` when WebSocket is blocked), with an
 * `ingest`-scoped API key.
 *
 * Exactly once: every agent run picks a random `streamId` and numbers its batches 1, 2, 3, … The
 * server stores a stream's batch and moves the stream's mark to its `seq` in one transaction, and
 * skips any batch at or below the mark; acks are cumulative. A batch the agent spooled while the
 * server was away is replayed with its original stream and seq, so a replay never duplicates.
 */
export const AGENT_PROTOCOL_VERSION = 1;

/** Samples one batch may carry: a whole tick of the largest host (64 GPUs), with room for coalesced replays. */
export const MAX_BATCH_SAMPLES = 4_096;
/** Labels a host may carry, and their size. */
export const MAX_HOST_LABELS = 32;

/** A host id as `hostIdentity` derives it from the hostname: lower case, digits, dots and dashes. */
export const HostId = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9][a-z0-9.-]*$/, 'expected lower-case letters, digits, dots and dashes');
export type HostId = z.infer<typeof HostId>;

/** `--label k=v`: keys like Prometheus label names (plus `.`, `/`, `-`), short values. */
export const LabelKey = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[A-Za-z_][A-Za-z0-9_./-]*$/, 'expected a letter or _ then letters, digits, _ . / -');
export const HostLabels = z
  .record(LabelKey, z.string().max(128))
  .refine((labels) => Object.keys(labels).length <= MAX_HOST_LABELS, {
    error: `at most ${String(MAX_HOST_LABELS)} labels`,
  });
export type HostLabels = z.infer<typeof HostLabels>;

/** Who the agent is; sent first on a WebSocket and with every HTTP ingest. */
export const AgentIdentity = z
  .object({
    protocol: z.literal(AGENT_PROTOCOL_VERSION),
    /** Random per agent run (a UUID); batches are numbered and deduplicated per stream. */
    streamId: z.uuid(),
    hostId: HostId,
    hostname: z.string().min(1).max(253),
    labels: HostLabels,
    agentVersion: z.string().min(1).max(64),
    intervalMs: IntervalMs,
  })
  .strict();
export type AgentIdentity = z.infer<typeof AgentIdentity>;

/** Samples of one or more ticks, all of the agent's host. */
export const AgentBatch = z
  .object({
    type: z.literal('batch'),
    /** 1, 2, 3, … within the stream. A gap is allowed (the spool dropped its oldest batches when full). */
    seq: z.number().int().positive(),
    samples: z.array(GpuSample).max(MAX_BATCH_SAMPLES),
  })
  .strict();
export type AgentBatch = z.infer<typeof AgentBatch>;

/** Agent → server on `/api/v1/agent`. `hello` first; inventory, processes and source state are latest-wins, never spooled. */
export const AgentHelloMessage = AgentIdentity.extend({ type: z.literal('hello') }).strict();
export const AgentInventoryMessage = z
  .object({ type: z.literal('inventory'), inventory: z.array(GpuInfo).max(64) })
  .strict();
export const AgentProcessesMessage = z
  .object({ type: z.literal('processes'), processes: z.array(GpuProcess).max(4_096) })
  .strict();
export const AgentSourceMessage = z.object({ type: z.literal('source'), source: SourceState }).strict();
export const AgentMessage = z.discriminatedUnion('type', [
  AgentHelloMessage,
  AgentBatch,
  AgentInventoryMessage,
  AgentProcessesMessage,
  AgentSourceMessage,
]);
export type AgentMessage = z.infer<typeof AgentMessage>;
export type AgentHelloMessage = z.infer<typeof AgentHelloMessage>;

/** Server → agent: after `hello`, the stream's mark (0: nothing stored yet), so the agent drops what is already stored. */
export const AgentWelcomeMessage = z
  .object({ type: z.literal('welcome'), ackedSeq: z.number().int().nonnegative(), serverVersion: z.string() })
  .strict();
/** Every batch of the stream up to `seq` is stored (cumulative). */
export const AgentAckMessage = z.object({ type: z.literal('ack'), seq: z.number().int().nonnegative() }).strict();
/** Sent before the server closes the socket on bad input (close code 1008) or a host mismatch. */
export const AgentErrorMessage = z
  .object({ type: z.literal('error'), message: z.string(), field: z.string().optional() })
  .strict();
export const ServerToAgentMessage = z.discriminatedUnion('type', [
  AgentWelcomeMessage,
  AgentAckMessage,
  AgentErrorMessage,
]);
export type ServerToAgentMessage = z.infer<typeof ServerToAgentMessage>;

/**
 * `POST /api/v1/ingest`: the HTTP fallback. The answer comes once the batches are stored:
 * `{ ackedSeq }`, the stream's mark after them.
 */
export const IngestRequest = z
  .object({
    agent: AgentIdentity,
    batches: z.array(AgentBatch).max(256),
    inventory: z.array(GpuInfo).max(64).optional(),
    processes: z.array(GpuProcess).max(4_096).optional(),
    source: SourceState.optional(),
  })
  .strict();
export type IngestRequest = z.infer<typeof IngestRequest>;
export const IngestResponse = z.object({ ackedSeq: z.number().int().nonnegative() });
export type IngestResponse = z.infer<typeof IngestResponse>;

/** A host is online while its samples arrive; offline after this long without one. */
export const HOST_OFFLINE_AFTER_MS = 15_000;

export const HostStatus = z.enum(['online', 'offline']);
export type HostStatus = z.infer<typeof HostStatus>;

/** What the fleet view shows of a host beyond its stored facts. */
export const HostFleetFacts = z.object({
  labels: HostLabels,
  /** The agent's version; null for the server's own (built-in) host or a host seen before agents. */
  agentVersion: z.string().nullable(),
  status: HostStatus,
  /** The agent's source state as last reported; null when unknown (never connected since this server started). */
  source: SourceState.nullable(),
  /** The server's own host (the built-in local agent of `serve`). */
  isLocal: z.boolean(),
  firstSeenAt: EpochMs.nullable(),
});
export type HostFleetFacts = z.infer<typeof HostFleetFacts>;
