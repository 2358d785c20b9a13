import { parseQueryGpuLine } from '@gpu-sentinel/core';
import type { GpuReading } from '../gpu-source.js';
import { LineProcess, type LineProcessEnd } from '../process/line-process.js';
import { driverFailureMessage } from './nvidia-smi-failure.js';
import { TickAssembler } from './tick-assembler.js';

export interface LoopSessionOptions {
  executable: string;
  fields: readonly string[];
  intervalMs: number;
  /** GPUs the inventory knows: a tick is complete when this many have reported. */
  expectedGpus: number;
  /** How long the first line may take (driver start-up without persistence mode takes seconds). */
  firstLineTimeoutMs: number;
  /** After the first line, this many silent intervals is a stall. */
  stallIntervals: number;
}

export interface LoopSessionEvents {
  onTick(readings: GpuReading[]): void;
  onBadLine(problem: string): void;
  onStall(silentMs: number): void;
  /** The child ended on its own; `driverMessage` is set when it said the driver is not usable. */
  onEnd(end: LineProcessEnd, driverMessage: string | null): void;
}

export function loopArgs(fields: readonly string[], intervalMs: number): string[] {
  return [`--query-gpu=${fields.join(',')}`, '--format=csv,noheader,nounits', '-lms', String(intervalMs)];
}

/**
 * One run of the long-lived `nvidia-smi --query-gpu=… -lms N` child: reads its lines, groups them
 * into ticks, and watches for silence. Supervision (restart, backoff, state) is the owner's.
 */
export class LoopSession {
  private readonly process: LineProcess;
  private readonly assembler: TickAssembler;
  private stallTimer: NodeJS.Timeout;
  private flushTimer: NodeJS.Timeout | null = null;
  private hasOutput = false;
  private driverMessage: string | null = null;
  private isStopped = false;

  constructor(
    private readonly options: LoopSessionOptions,
    private readonly events: LoopSessionEvents,
  ) {
    this.assembler = new TickAssembler(options.expectedGpus);
    this.stallTimer = setTimeout(() => this.stalled(options.firstLineTimeoutMs), options.firstLineTimeoutMs);
    this.process = new LineProcess(options.executable, loopArgs(options.fields, options.intervalMs), {
      onLine: (line) => this.line(line),
      onEnd: (end) => {
        this.clearTimers();
        if (!this.isStopped) events.onEnd(end, this.driverMessage);
      },
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  setExpectedGpus(count: number): void {
    this.assembler.setExpectedCount(count);
  }

  /** Kills the child and resolves once it has exited; no event follows. */
  stop(graceMs?: number): Promise<void> {
    this.isStopped = true;
    this.clearTimers();
    return this.process.stop(graceMs);
  }

  private line(line: string): void {
    if (this.isStopped) return;
    this.watchForStall();
    if (line.trim() === '') return;
    const driver = driverFailureMessage(line);
    if (driver !== null) {
      this.driverMessage ??= driver;
      return;
    }
    let reading: GpuReading;
    try {
      reading = parseQueryGpuLine(line, this.options.fields);
    } catch (error) {
      this.events.onBadLine(error instanceof Error ? error.message : String(error));
      return;
    }
    for (const tick of this.assembler.add(reading)) this.events.onTick(tick);
    this.armFlush();
  }

  /** The first line switches the watchdog from start-up patience to `stallIntervals` intervals. */
  private watchForStall(): void {
    if (this.hasOutput) {
      this.stallTimer.refresh();
      return;
    }
    this.hasOutput = true;
    clearTimeout(this.stallTimer);
    const stallMs = this.options.stallIntervals * this.options.intervalMs;
    this.stallTimer = setTimeout(() => this.stalled(stallMs), stallMs);
  }

  /** A GPU that never reports must not hold back the others: close the tick shortly after the burst. */
  private armFlush(): void {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (!this.assembler.hasPending) return;
    const flushMs = Math.min(100, Math.max(5, this.options.intervalMs / 2));
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      const tick = this.assembler.flush();
      if (tick.length > 0 && !this.isStopped) this.events.onTick(tick);
    }, flushMs);
  }

  private stalled(silentMs: number): void {
    if (!this.isStopped) this.events.onStall(silentMs);
  }

  private clearTimers(): void {
    clearTimeout(this.stallTimer);
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }
}
