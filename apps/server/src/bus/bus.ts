import type {
  AlertMessage,
  GpuInfo,
  GpuProcess,
  GpuSample,
  HostLabels,
  SourceState,
  SystemStatus,
} from '@gpu-sentinel/protocol';

/** One live batch of a host: its samples (one tick, or a few coalesced), stamped by its sampler. */
export interface TickEvent {
  /** The newest sample's time. */
  ts: number;
  hostId: string;
  samples: GpuSample[];
}

/** A host's whole GPU set (latest wins). */
export interface InventoryEvent {
  hostId: string;
  inventory: GpuInfo[];
}

/** A host's compute processes at its latest poll (latest wins). */
export interface ProcessesEvent {
  hostId: string;
  processes: GpuProcess[];
}

/** A host's source state (nvidia-smi running, stalled, …) as its agent reports it. */
export interface SourceEvent {
  hostId: string;
  source: SourceState;
}

/** An agent (or the server's built-in local agent) connected or went away, on whichever replica it talks to. */
export interface HostPresenceEvent {
  hostId: string;
  hostname: string;
  labels: HostLabels;
  /** null for the server's own host. */
  agentVersion: string | null;
  isLocal: boolean;
  /** The agent's sampling interval: its GPUs are stale after a few of these without a sample. */
  intervalMs: number;
  connected: boolean;
  /** Epoch ms on the publishing replica's clock. */
  at: number;
}

/**
 * Everything that moves through the server, by topic. Every event is plain JSON: a Redis-backed bus
 * carries all topics but `system` between replicas, so a subscriber also sees hosts connected to
 * other replicas. Nothing that must happen once per sample (the store writer) subscribes here.
 */
export interface BusEvents {
  tick: TickEvent;
  inventory: InventoryEvent;
  processes: ProcessesEvent;
  source: SourceEvent;
  host: HostPresenceEvent;
  /** This replica's own status (never shared: each replica has its own source and writer). */
  system: SystemStatus;
  /** An alert opened, was acknowledged or silenced, or resolved. */
  alert: AlertMessage;
  /** Told to the replica that evaluates the rules when another replica changed what it must know. */
  alertControl: AlertControlEvent;
}

/** An alert acknowledged or silenced through another replica (already stored), or rules that changed. */
export type AlertControlEvent =
  | { action: 'acknowledged'; id: number; by: string; at: number }
  | { action: 'silenced'; id: number; until: number }
  | { action: 'rulesChanged' };

/** Every topic but `system` crosses replicas when the server is scaled out. */
export const SHARED_TOPICS: ReadonlySet<BusTopic> = new Set<BusTopic>([
  'tick',
  'inventory',
  'processes',
  'source',
  'host',
  'alert',
  'alertControl',
]);

export type BusTopic = keyof BusEvents;
export type BusHandler<Topic extends BusTopic> = (event: BusEvents[Topic]) => void;

/** The event bus port: in-process now, Redis pub/sub when the server is scaled out. */
export interface Bus {
  publish<Topic extends BusTopic>(topic: Topic, event: BusEvents[Topic]): void;
  /** Returns the function that unsubscribes. */
  subscribe<Topic extends BusTopic>(topic: Topic, handler: BusHandler<Topic>): () => void;
}
