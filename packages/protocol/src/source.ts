import { z } from 'zod';
import { EpochMs } from './gpu.js';

/** Where samples come from; `none`: a server with no local source (a fleet server: samples come from agents). */
export const SourceKind = z.enum(['nvidia-smi', 'simulated', 'replay', 'none']);
export type SourceKind = z.infer<typeof SourceKind>;

/**
 * The supervision state of a source:
 * - `starting`: spawned, no sample yet;
 * - `running`: samples arrive;
 * - `stalled`: no line for 3 intervals (it is being restarted);
 * - `restarting`: exited or stalled, waiting for the backoff before the next spawn;
 * - `missing`: the executable or the driver is not there;
 * - `failed`: gave up (see `reason`);
 * - `stopped`: stopped on purpose.
 */
export const SourceStatus = z.enum(['starting', 'running', 'stalled', 'restarting', 'missing', 'failed', 'stopped']);
export type SourceStatus = z.infer<typeof SourceStatus>;

export const SourceState = z.object({
  kind: SourceKind,
  status: SourceStatus,
  /** Human-readable cause for any status but `running`. */
  reason: z.string().nullable(),
  /** When the status last changed. */
  since: EpochMs,
  restarts: z.number().int().nonnegative(),
  /** Lines from the source that could not be parsed and were skipped. */
  badLines: z.number().int().nonnegative(),
  isSimulated: z.boolean(),
});
export type SourceState = z.infer<typeof SourceState>;
