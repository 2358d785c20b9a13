import type { ConditionState } from './condition.js';
import type { AlertTransition, EvaluatedRule } from './evaluator-types.js';
import type { RuleIndex } from './rule-index.js';

/** One (rule, target): its condition phase and, once firing, what the engine knows of its alert. */
export interface AlertInstance extends ConditionState {
  readonly ruleId: number;
  hostId: string;
  readonly uuid: string | null;
  /** Null until the engine attaches the stored alert's id (or for an alert it never stored). */
  alertId: number | null;
  lastNotifiedAt: number;
  acknowledged: boolean;
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
  silencedUntil: number | null;
  /** The last non-null value seen (what a repeat reports). */
  lastValue: number | null;
}

/** What the evaluator remembers of one GPU between calls, for the derived metrics. */
export interface GpuTrack {
  hostId: string;
  host: HostTrack;
  /** When the GPU was first known (stale time counts from here until its first sample). */
  firstSeenAt: number;
  lastSampleTs: number | null;
  /** Static facts from KnownGpu, the fallback when a sample lacks them. */
  memoryTotalMiB: number | null;
  powerLimitW: number | null;
  /** corrected + uncorrected ECC errors of the last sample that reported them. */
  eccTotal: number | null;
  /** Recent (ts, °C) pairs from `temperatureStart` on; older entries are dropped in batches. */
  temperatureTs: number[];
  temperatureC: number[];
  temperatureStart: number;
}

export interface HostTrack {
  firstSeenAt: number;
  lastSampleTs: number | null;
}

/**
 * Everything the evaluator keeps between calls. Owned by the caller, mutated in place by
 * `evaluateRules` and the alert control functions; not meant to be read field by field.
 */
export interface EvaluatorState {
  /** ruleId → target key (uuid, or hostId for host metrics) → instance. */
  readonly instances: Map<number, Map<string, AlertInstance>>;
  readonly byAlertId: Map<number, AlertInstance>;
  readonly gpus: Map<string, GpuTrack>;
  readonly hosts: Map<string, HostTrack>;
  /** The index of the last rules array evaluated (rebuilt when another array comes). */
  indexedRules: readonly EvaluatedRule[] | null;
  index: RuleIndex | null;
  /** Set when instances may belong to rules no longer evaluated (new rules array, seeds). */
  sweepNeeded: boolean;
}

export function createEvaluatorState(): EvaluatorState {
  return {
    instances: new Map(),
    byAlertId: new Map(),
    gpus: new Map(),
    hosts: new Map(),
    indexedRules: null,
    index: null,
    sweepNeeded: false,
  };
}

/** The key of a target within its rule: the GPU's uuid, or the host for host-wide metrics. */
export const targetKey = (hostId: string | null, uuid: string | null): string => uuid ?? hostId ?? '';

export function newInstance(ruleId: number, hostId: string, uuid: string | null): AlertInstance {
  return {
    phase: 'inactive',
    pendingSince: 0,
    ruleId,
    hostId,
    uuid,
    alertId: null,
    lastNotifiedAt: 0,
    acknowledged: false,
    acknowledgedBy: null,
    acknowledgedAt: null,
    silencedUntil: null,
    lastValue: null,
  };
}

export function rulesInstances(state: EvaluatorState, ruleId: number): Map<string, AlertInstance> {
  let map = state.instances.get(ruleId);
  if (map === undefined) {
    map = new Map();
    state.instances.set(ruleId, map);
  }
  return map;
}

export function hostTrack(state: EvaluatorState, hostId: string, now: number): HostTrack {
  let host = state.hosts.get(hostId);
  if (host === undefined) {
    host = { firstSeenAt: now, lastSampleTs: null };
    state.hosts.set(hostId, host);
  }
  return host;
}

export function gpuTrack(state: EvaluatorState, hostId: string, uuid: string, now: number): GpuTrack {
  let gpu = state.gpus.get(uuid);
  if (gpu === undefined) {
    gpu = {
      hostId,
      host: hostTrack(state, hostId, now),
      firstSeenAt: now,
      lastSampleTs: null,
      memoryTotalMiB: null,
      powerLimitW: null,
      eccTotal: null,
      temperatureTs: [],
      temperatureC: [],
      temperatureStart: 0,
    };
    state.gpus.set(uuid, gpu);
  } else if (gpu.hostId !== hostId) {
    gpu.hostId = hostId;
    gpu.host = hostTrack(state, hostId, now);
  }
  return gpu;
}

/** Resolves a firing instance: forgets its alert id and returns the transition. */
export function resolveTransition(
  state: EvaluatorState,
  instance: AlertInstance,
  value: number | null,
  now: number,
): AlertTransition {
  instance.phase = 'inactive';
  const alertId = instance.alertId;
  if (alertId !== null) state.byAlertId.delete(alertId);
  instance.alertId = null;
  instance.acknowledged = false;
  instance.acknowledgedBy = null;
  instance.acknowledgedAt = null;
  instance.silencedUntil = null;
  const target = { ruleId: instance.ruleId, hostId: instance.hostId, uuid: instance.uuid };
  return { kind: 'resolve', target, alertId, value, at: now };
}
