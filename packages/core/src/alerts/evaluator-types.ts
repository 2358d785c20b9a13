import type { AlertRule, GpuSample, RuleMetric } from '@gpu-sentinel/protocol';

/** What the evaluator needs of a rule (AlertRule satisfies it). */
export type EvaluatedRule = Pick<
  AlertRule,
  'id' | 'metric' | 'op' | 'threshold' | 'forSeconds' | 'clearThreshold' | 'scope' | 'repeatIntervalSeconds' | 'enabled'
>;

/** A GPU the server knows of, with the static facts derived metrics divide by. */
export interface KnownGpu {
  hostId: string;
  uuid: string;
  memoryTotalMiB: number | null;
  powerLimitW: number | null;
}

/** A host and whether its nvidia-smi (or other source) is running. */
export interface KnownHost {
  hostId: string;
  isSourceUp: boolean;
}

/** One evaluation: the samples of this tick (none when the source is down) and what is known. */
export interface EvaluationInput {
  now: number;
  samples: readonly GpuSample[];
  gpus: readonly KnownGpu[];
  hosts: readonly KnownHost[];
}

/** Who an alert instance is about: a GPU, or a whole host (uuid null) for host metrics. */
export interface AlertTarget {
  ruleId: number;
  hostId: string;
  uuid: string | null;
}

/**
 * What the engine must do after an evaluation:
 * - `fire`: open an alert (then tell the evaluator its id with `attachAlertId`);
 * - `repeat`: notify again (firing, unacknowledged, not silenced, repeat interval over);
 * - `resolve`: the condition cleared (past the clear threshold).
 */
export type AlertTransition =
  | { kind: 'fire'; target: AlertTarget; metric: RuleMetric; value: number; at: number }
  | { kind: 'repeat'; target: AlertTarget; alertId: number; value: number; at: number }
  | { kind: 'resolve'; target: AlertTarget; alertId: number | null; value: number | null; at: number };

/** An alert that was active before a restart: the evaluator resumes it instead of firing again. */
export interface ActiveAlertSeed {
  alertId: number;
  ruleId: number;
  hostId: string | null;
  uuid: string | null;
  startedAt: number;
  value: number | null;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  silencedUntil: number | null;
  /** When it was last notified (fired or repeated); startedAt when unknown. */
  lastNotifiedAt: number;
  /** The rule's metric: a stale or offline alert also restores when its GPU or host was last heard of. */
  metric?: RuleMetric;
}
