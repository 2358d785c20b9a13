import { createSource, type GpuSource, type HostIdentity, type SourceLogLevel } from '@gpu-sentinel/collector';
import type { Clock } from '@gpu-sentinel/core';
import type { GpuInfo, ServerConfig, SourceState } from '@gpu-sentinel/protocol';

export interface SourceChoice {
  source: GpuSource;
  /** Why `auto` fell back to the simulated source; null when it did not. */
  fallbackReason: string | null;
}

export interface SourceLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The GpuSource the config asks for; `auto` probes nvidia-smi once and falls back to simulated GPUs. */
export async function selectSource(
  config: Pick<ServerConfig, 'source' | 'nvidiaSmiPath' | 'intervalMs' | 'processIntervalMs' | 'gpus' | 'seed'>,
  host: HostIdentity,
  clock: Clock,
  log?: SourceLog,
): Promise<SourceChoice> {
  if (config.source === 'none') return { source: new NoLocalSource(clock.now()), fallbackReason: null };
  const created = await createSource(config.source, {
    ...host,
    executable: config.nvidiaSmiPath,
    intervalMs: config.intervalMs,
    processIntervalMs: config.processIntervalMs,
    gpuCount: config.gpus,
    seed: config.seed,
    clock,
    ...(log === undefined ? {} : { log: (level: SourceLogLevel, message: string) => log[level](message) }),
  });
  return { source: created.source, fallbackReason: created.fallbackReason };
}

/** `--source none`: a server without GPUs of its own (a fleet server); it never samples anything. */
export class NoLocalSource implements GpuSource {
  readonly kind = 'none' as const;
  private readonly current: SourceState;

  constructor(since: number) {
    this.current = {
      kind: 'none',
      status: 'stopped',
      reason: 'no local source: samples come from agents',
      since,
      restarts: 0,
      badLines: 0,
      isSimulated: false,
    };
  }

  start(): void {
    // Nothing to sample.
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  setIntervalMs(): void {
    // The interval is the agents' own; the setting only changes what the server reports.
  }

  state(): SourceState {
    return this.current;
  }

  inventory(): GpuInfo[] {
    return [];
  }
}

/** The start-up line when `auto` fell back: the cause, then what it means and what to run. */
export function fallbackMessage(reason: string): string {
  const cause = reason.replace(/;\s*using simulated GPUs instead\.?$/i, '');
  return `${cause} — showing SIMULATED GPUs; run \`gpu-sentinel doctor\``;
}
