import { resolve } from 'node:path';
import type { Clock } from '@gpu-sentinel/core';
import type { SourceOption } from '@gpu-sentinel/protocol';
import type { GpuSource } from './gpu-source.js';
import type { HostIdentity } from './inventory.js';
import type { SourceLogger } from './nvidia-smi/nvidia-smi-options.js';
import { NvidiaSmiSource } from './nvidia-smi/nvidia-smi-source.js';
import { probeNvidiaSmi, type NvidiaSmiProbe } from './probe-nvidia-smi.js';
import { ReplaySource } from './replay/replay-source.js';
import { SimulatedSource } from './simulated/simulated-source.js';

export interface SourceDeps extends HostIdentity {
  /** nvidia-smi's path (default "nvidia-smi" on PATH). */
  executable?: string;
  intervalMs?: number;
  processIntervalMs?: number;
  /** Simulated GPUs (default 4) and seed (default 42). */
  gpuCount?: number;
  seed?: number;
  clock?: Clock;
  log?: SourceLogger;
  /** How long `auto` waits for `nvidia-smi -L` (default 5 s). */
  probeTimeoutMs?: number;
}

export interface CreatedSource {
  source: GpuSource;
  /** Why `auto` fell back to the simulated source; null when it did not. */
  fallbackReason: string | null;
  /** What `nvidia-smi -L` said, when `auto` asked. */
  probe: NvidiaSmiProbe | null;
}

export interface SourceDetection {
  kind: 'nvidia-smi' | 'simulated';
  /** Why nvidia-smi is not used; null when it is. */
  reason: string | null;
  probe: NvidiaSmiProbe;
}

/** `auto`: nvidia-smi when `nvidia-smi -L` answers with GPUs, else simulated, saying why. */
export async function detectSource(deps: Pick<SourceDeps, 'executable' | 'probeTimeoutMs'>): Promise<SourceDetection> {
  const probe = await probeNvidiaSmi(deps.executable ?? 'nvidia-smi', deps.probeTimeoutMs ?? 5_000);
  if (probe.status === 'ok') return { kind: 'nvidia-smi', reason: null, probe };
  return { kind: 'simulated', reason: `${probe.reason}; using simulated GPUs instead`, probe };
}

function build(option: 'nvidia-smi' | 'simulated' | `replay:${string}`, deps: SourceDeps): GpuSource {
  const host = { hostId: deps.hostId, hostname: deps.hostname };
  const common = {
    ...host,
    ...(deps.intervalMs === undefined ? {} : { intervalMs: deps.intervalMs }),
    ...(deps.clock === undefined ? {} : { clock: deps.clock }),
  };
  const processes = deps.processIntervalMs === undefined ? {} : { processIntervalMs: deps.processIntervalMs };
  if (option === 'nvidia-smi') {
    return new NvidiaSmiSource({
      ...common,
      ...processes,
      ...(deps.executable === undefined ? {} : { executable: deps.executable }),
      ...(deps.log === undefined ? {} : { log: deps.log }),
    });
  }
  if (option === 'simulated') {
    return new SimulatedSource({
      ...common,
      ...processes,
      ...(deps.gpuCount === undefined ? {} : { gpuCount: deps.gpuCount }),
      ...(deps.seed === undefined ? {} : { seed: deps.seed }),
    });
  }
  return new ReplaySource({ ...common, dir: resolve(option.slice('replay:'.length)) });
}

/** The GpuSource for a `--source` value; `auto` probes nvidia-smi once and may fall back. */
export async function createSource(option: SourceOption, deps: SourceDeps): Promise<CreatedSource> {
  if (option === 'auto') {
    const detection = await detectSource(deps);
    return { source: build(detection.kind, deps), fallbackReason: detection.reason, probe: detection.probe };
  }
  if (option === 'nvidia-smi' || option === 'simulated')
    return { source: build(option, deps), fallbackReason: null, probe: null };
  if (option.startsWith('replay:'))
    return { source: build(option as `replay:${string}`, deps), fallbackReason: null, probe: null };
  throw new Error(`unknown source "${option}": expected auto, nvidia-smi, simulated or replay:<dir>`);
}
