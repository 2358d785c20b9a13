import type { Clock } from '@gpu-sentinel/core';
import type { HostIdentity } from '../inventory.js';
import type { BackoffPolicy } from './backoff.js';

export type SourceLogLevel = 'debug' | 'info' | 'warn' | 'error';
export type SourceLogger = (level: SourceLogLevel, message: string) => void;

export interface NvidiaSmiSourceOptions extends HostIdentity {
  /** Path or name of the executable (default "nvidia-smi", looked up on PATH). */
  executable?: string;
  /** The loop's `-lms` (default 250). */
  intervalMs?: number;
  /** How often to ask for compute processes (default 2 s). */
  processIntervalMs?: number;
  clock?: Clock;
  log?: SourceLogger;
  /** Restart backoff (default 0.5 s doubling to 30 s). */
  backoff?: Partial<BackoffPolicy>;
  /** A child that ran this long without trouble resets the backoff (default 30 s). */
  healthyAfterMs?: number;
  /** Silent intervals before the loop counts as stalled (default 3). */
  stallIntervals?: number;
  /** How long the loop's first line may take (default 10 s). */
  firstLineTimeoutMs?: number;
  /** Limit for `-q -x`, `--help-query-gpu` and `--query-compute-apps` (default 10 s). */
  commandTimeoutMs?: number;
  /** Least time between two inventory reads triggered by a changed GPU set (default 5 s). */
  inventoryRefreshGapMs?: number;
  /** How long a child gets between SIGTERM and SIGKILL (default 2 s). */
  killGraceMs?: number;
}

export const formatDuration = (ms: number): string =>
  ms < 1_000 ? `${Math.round(ms)} ms` : `${Number((ms / 1_000).toFixed(1))} s`;
