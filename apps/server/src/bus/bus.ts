import type { AlertMessage, GpuInfo, GpuProcess, GpuSample, SourceState, SystemStatus } from '@gpu-sentinel/protocol';

/** One tick: every GPU's sample, stamped by the sampler. */
export interface TickEvent {
  ts: number;
  samples: GpuSample[];
}

/** Everything that moves through the server, by topic. */
export interface BusEvents {
  tick: TickEvent;
  inventory: GpuInfo[];
  processes: GpuProcess[];
  source: SourceState;
  system: SystemStatus;
  /** An alert opened, was acknowledged or silenced, or resolved. */
  alert: AlertMessage;
}

export type BusTopic = keyof BusEvents;
export type BusHandler<Topic extends BusTopic> = (event: BusEvents[Topic]) => void;

/** The event bus port: in-process now, Redis pub/sub when the server is scaled out. */
export interface Bus {
  publish<Topic extends BusTopic>(topic: Topic, event: BusEvents[Topic]): void;
  /** Returns the function that unsubscribes. */
  subscribe<Topic extends BusTopic>(topic: Topic, handler: BusHandler<Topic>): () => void;
}
