import { COMPUTE_APPS_FIELDS, parseComputeAppsCsv } from '@gpu-sentinel/core';
import type { GpuProcess } from '@gpu-sentinel/protocol';
import { runCommand } from '../process/run-command.js';
import { commandProblem } from './nvidia-smi-failure.js';

export interface ProcessPollerOptions {
  executable: string;
  intervalMs: number;
  /** A query that takes longer is killed; the next round runs on time. */
  timeoutMs: number;
  hostId: string;
  now: () => number;
  onProcesses: (processes: GpuProcess[]) => void;
  onProblem: (reason: string) => void;
}

const ARGS = [`--query-compute-apps=${COMPUTE_APPS_FIELDS.join(',')}`, '--format=csv,noheader,nounits'];

/**
 * Asks `nvidia-smi --query-compute-apps` for the GPU processes every `intervalMs`. Rounds never
 * overlap: while one runs, the next is skipped.
 */
export class ProcessPoller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly abort = new AbortController();

  constructor(private readonly options: ProcessPollerOptions) {}

  start(): void {
    if (this.timer !== null || this.abort.signal.aborted) return;
    this.poll();
    this.timer = setInterval(() => this.poll(), this.options.intervalMs);
  }

  /** Stops polling and kills a query in flight; resolves once it has exited. */
  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.abort.abort();
    await this.running;
  }

  private poll(): void {
    if (this.running !== null) return;
    this.running = this.round().finally(() => {
      this.running = null;
    });
  }

  private async round(): Promise<void> {
    const { executable, timeoutMs } = this.options;
    const result = await runCommand(executable, ARGS, { timeoutMs, signal: this.abort.signal });
    if (result.isAborted) return;
    const problem = commandProblem(executable, '--query-compute-apps', result);
    if (problem !== null) {
      this.options.onProblem(problem.reason);
      return;
    }
    const ts = this.options.now();
    const hostId = this.options.hostId;
    this.options.onProcesses(parseComputeAppsCsv(result.stdout).map((app) => ({ ...app, ts, hostId })));
  }
}
