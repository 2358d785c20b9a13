import type { GpuInfo } from '@gpu-sentinel/protocol';
import type { GpuReading } from '../gpu-source.js';
import type { HostIdentity } from '../inventory.js';
import type { SourceProblem } from './nvidia-smi-failure.js';
import { readInventory } from './read-inventory.js';

export interface InventoryWatchOptions {
  executable: string;
  host: HostIdentity;
  timeoutMs: number;
  /** Least time between two reads that a changed GPU set asked for. */
  minGapMs: number;
  signal: () => AbortSignal;
  onChange: (inventory: GpuInfo[]) => void;
  log: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
}

/** Ticks in a row that must miss a known GPU before the inventory is read again. */
const MISSING_TICKS = 3;

/**
 * The host's GPU inventory from `nvidia-smi -q -x`: read at start, and again (never more often
 * than `minGapMs`) when the loop shows a GPU the inventory lacks or stops showing one it has.
 */
export class InventoryWatch {
  private inventory: GpuInfo[] = [];
  private hasReported = false;
  private inFlight: Promise<SourceProblem | null> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastReadAt = -Infinity;
  private ticksMissingGpu = 0;

  constructor(private readonly options: InventoryWatchOptions) {}

  current(): GpuInfo[] {
    return this.inventory.map((gpu) => ({ ...gpu }));
  }

  /** Reads the inventory now (joining a read in flight); null when it worked. */
  refresh(): Promise<SourceProblem | null> {
    this.inFlight ??= this.read().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Compares a tick with the inventory and schedules a read when the GPU set looks different. */
  observe(readings: readonly GpuReading[]): void {
    const known = new Set(this.inventory.map((gpu) => gpu.uuid));
    const isUnknown = readings.some((r) => !known.has(r.uuid));
    this.ticksMissingGpu = readings.length < known.size ? this.ticksMissingGpu + 1 : 0;
    if (isUnknown || this.ticksMissingGpu >= MISSING_TICKS) {
      this.ticksMissingGpu = 0;
      this.request(isUnknown ? 'a GPU appeared' : 'a GPU stopped reporting');
    }
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight;
  }

  private request(why: string): void {
    if (this.inFlight !== null || this.timer !== null) return;
    const waitMs = Math.max(0, this.lastReadAt + this.options.minGapMs - performance.now());
    this.options.log('info', `${why}; reading the GPU inventory again`);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.options.signal().aborted) void this.refresh();
    }, waitMs);
  }

  private async read(): Promise<SourceProblem | null> {
    const { executable, host, timeoutMs } = this.options;
    this.lastReadAt = performance.now();
    const result = await readInventory(executable, host, { timeoutMs, signal: this.options.signal() });
    if (!result.ok) {
      if (!this.options.signal().aborted) this.options.log('warn', `GPU inventory: ${result.reason}`);
      return { status: result.status, reason: result.reason };
    }
    const isChanged = JSON.stringify(result.inventory) !== JSON.stringify(this.inventory);
    this.inventory = result.inventory;
    if (isChanged || !this.hasReported) {
      this.hasReported = true;
      this.options.onChange(this.current());
    }
    return null;
  }
}
