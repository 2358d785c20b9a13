import type { GpuSample } from '@gpu-sentinel/protocol';
import { conditionHolds, stepCondition } from './condition.js';
import { eccIncrease, percentOf, temperatureRise } from './derived-metrics.js';
import {
  gpuTrack,
  hostTrack,
  newInstance,
  resolveTransition,
  type AlertInstance,
  type EvaluatorState,
  type GpuTrack,
} from './evaluator-state.js';
import type { AlertTransition, EvaluatedRule, EvaluationInput } from './evaluator-types.js';
import { inScope, ruleIndexFor, type CompiledRule, type RuleIndex } from './rule-index.js';
import { sweepInstances } from './sweep-instances.js';

/**
 * Evaluates the enabled rules against one tick and returns what the engine must do (fire, repeat,
 * resolve). Deterministic: time comes from `input.now` (pending periods, repeats, stale and offline
 * time) and the samples' `ts` (when each GPU and host was last heard from). `state` is mutated in
 * place. Pass the same `rules` array while the rules are unchanged: its index is cached on it.
 *
 * Sample-metric rules are evaluated on the GPUs with a sample in this input; stale-GPU rules on every
 * known GPU and host rules on every known host, on every call, samples or not. Rules no longer in
 * `rules` (or disabled) resolve their firing alerts.
 */
export function evaluateRules(
  state: EvaluatorState,
  rules: readonly EvaluatedRule[],
  input: EvaluationInput,
): AlertTransition[] {
  const out: AlertTransition[] = [];
  const now = input.now;
  const index = ruleIndexFor(state, rules);
  if (state.sweepNeeded) sweepInstances(state, index, now, out);
  for (const gpu of input.gpus) {
    const track = gpuTrack(state, gpu.hostId, gpu.uuid, now);
    track.memoryTotalMiB = gpu.memoryTotalMiB;
    track.powerLimitW = gpu.powerLimitW;
  }
  for (const sample of input.samples) evaluateSample(state, index, sample, now, out);
  if (index.stale.length > 0) {
    for (const gpu of input.gpus) {
      const track = gpuTrack(state, gpu.hostId, gpu.uuid, now);
      const staleSeconds = secondsSince(now, track.lastSampleTs ?? track.firstSeenAt);
      for (const rule of index.stale) {
        if (inScope(rule, gpu.hostId, gpu.uuid))
          evaluateTarget(state, rule, gpu.hostId, gpu.uuid, staleSeconds, now, out);
      }
    }
  }
  if (index.host.length > 0) {
    for (const host of input.hosts) {
      const track = hostTrack(state, host.hostId, now);
      const down = host.isSourceUp ? 0 : 1;
      const offlineSeconds = secondsSince(now, track.lastSampleTs ?? track.firstSeenAt);
      for (const rule of index.host) {
        if (!hostInScope(state, rule, host.hostId)) continue;
        const value = rule.metric === 'nvidiaSmiDown' ? down : offlineSeconds;
        evaluateTarget(state, rule, host.hostId, null, value, now, out);
      }
    }
  }
  return out;
}

/** Never negative: a sample stamped after `now` (the clock went back) is 0 s old. */
const secondsSince = (now: number, since: number): number => (now > since ? (now - since) / 1000 : 0);

function hostInScope(state: EvaluatorState, rule: CompiledRule, hostId: string): boolean {
  if (rule.scopeHostId !== null && rule.scopeHostId !== hostId) return false;
  // A host rule scoped to one GPU watches that GPU's host.
  return rule.scopeUuid === null || state.gpus.get(rule.scopeUuid)?.hostId === hostId;
}

function evaluateSample(
  state: EvaluatorState,
  index: RuleIndex,
  sample: GpuSample,
  now: number,
  out: AlertTransition[],
): void {
  const track = gpuTrack(state, sample.hostId, sample.uuid, now);
  track.lastSampleTs = sample.ts;
  track.host.lastSampleTs = sample.ts;
  const ecc = eccIncrease(track, sample);
  const rise = index.needsTemperature ? temperatureRise(track, sample) : null;
  evaluateSampleRules(state, index.sampleUnscoped, sample, track, ecc, rise, now, out);
  if (index.sampleByHost.size > 0) {
    const scoped = index.sampleByHost.get(sample.hostId);
    if (scoped !== undefined) evaluateSampleRules(state, scoped, sample, track, ecc, rise, now, out);
  }
  if (index.sampleByUuid.size > 0) {
    const scoped = index.sampleByUuid.get(sample.uuid);
    if (scoped !== undefined) evaluateSampleRules(state, scoped, sample, track, ecc, rise, now, out);
  }
}

function evaluateSampleRules(
  state: EvaluatorState,
  rules: readonly CompiledRule[],
  sample: GpuSample,
  track: GpuTrack,
  ecc: number | null,
  rise: number | null,
  now: number,
  out: AlertTransition[],
): void {
  for (const rule of rules) {
    if (rule.scopeHostId !== null && rule.scopeHostId !== sample.hostId) continue;
    const value = sampleValue(rule, sample, track, ecc, rise);
    evaluateTarget(state, rule, sample.hostId, sample.uuid, value, now, out);
  }
}

function sampleValue(
  rule: CompiledRule,
  sample: GpuSample,
  track: GpuTrack,
  ecc: number | null,
  rise: number | null,
): number | null {
  switch (rule.valueKind) {
    case 'sample':
      return rule.sampleMetric === null ? null : sample[rule.sampleMetric];
    case 'memoryUsedPct':
      return percentOf(sample.memoryUsedMiB, sample.memoryTotalMiB ?? track.memoryTotalMiB);
    case 'powerLimitPct':
      return percentOf(sample.powerDrawW, sample.powerLimitW ?? track.powerLimitW);
    case 'temperatureRiseCPerMin':
      return rise;
    case 'eccErrorsIncrease':
      return ecc;
    case 'gpuStaleSeconds':
    case 'nvidiaSmiDown':
    case 'hostOfflineSeconds':
      return null; // not read from samples (indexed elsewhere)
  }
}

/** One (rule, target) at `now`: advance its condition and emit what changed. */
export function evaluateTarget(
  state: EvaluatorState,
  rule: CompiledRule,
  hostId: string,
  uuid: string | null,
  value: number | null,
  now: number,
  out: AlertTransition[],
): void {
  const key = uuid ?? hostId;
  let instance = rule.instances.get(key);
  if (instance === undefined) {
    // Nothing to remember until the condition first holds: stepping a fresh instance is a no-op.
    if (value === null || !conditionHolds(rule.op, rule.threshold, value)) return;
    instance = newInstance(rule.id, hostId, uuid);
    rule.instances.set(key, instance);
  }
  // Clock went back: no negative durations, no storm of repeats.
  if (now < instance.pendingSince && instance.phase === 'pending') instance.pendingSince = now;
  if (now < instance.lastNotifiedAt) instance.lastNotifiedAt = now;
  const step = stepCondition(instance, rule, value, now);
  if (value !== null) instance.lastValue = value;
  if (instance.hostId !== hostId) instance.hostId = hostId; // a seed may not have known it, or the GPU moved
  if (step === 'fire' && value !== null) {
    instance.alertId = null;
    instance.lastNotifiedAt = now;
    instance.acknowledged = false;
    instance.silencedUntil = null;
    out.push({ kind: 'fire', target: { ruleId: rule.id, hostId, uuid }, metric: rule.metric, value, at: now });
  } else if (step === 'resolve') {
    out.push(resolveTransition(state, instance, value, now));
  } else if (instance.phase === 'firing') {
    maybeRepeat(rule, instance, now, out);
  }
}

function maybeRepeat(rule: CompiledRule, instance: AlertInstance, now: number, out: AlertTransition[]): void {
  if (rule.repeatMs === null || instance.alertId === null || instance.lastValue === null) return;
  if (instance.acknowledged) return;
  if (instance.silencedUntil !== null && instance.silencedUntil > now) return;
  if (now - instance.lastNotifiedAt < rule.repeatMs) return;
  instance.lastNotifiedAt = now;
  const target = { ruleId: instance.ruleId, hostId: instance.hostId, uuid: instance.uuid };
  out.push({ kind: 'repeat', target, alertId: instance.alertId, value: instance.lastValue, at: now });
}
