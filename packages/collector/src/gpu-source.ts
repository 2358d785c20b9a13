import type { GpuInfo, GpuProcess, SampleMetrics, SourceKind, SourceState } from '@gpu-sentinel/protocol';

/** One GPU's reading at one tick, before the sampler stamps host and time. */
export interface GpuReading {
  uuid: string;
  index: number;
  metrics: SampleMetrics;
}

/** What a source tells whoever listens. */
export interface SourceListener {
  /** One tick: one reading per GPU, in index order. */
  onTick(readings: GpuReading[]): void;
  /** The GPU set or its static facts changed (also sent once after start). */
  onInventory(inventory: GpuInfo[]): void;
  /** The latest compute processes of every GPU (sent about every 2 s). */
  onProcesses(processes: GpuProcess[]): void;
  /** The supervision state changed. */
  onState(state: SourceState): void;
}

/** The port every sample source implements: nvidia-smi, simulated, replay. */
export interface GpuSource {
  readonly kind: SourceKind;
  start(listener: SourceListener): void;
  stop(): Promise<void>;
  /** Change the sampling interval; a source that runs a child process restarts it. */
  setIntervalMs(intervalMs: number): void;
  state(): SourceState;
  inventory(): GpuInfo[];
}
