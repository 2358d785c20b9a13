import { gpuTrack, hostTrack, newInstance, rulesInstances, targetKey, type EvaluatorState } from './evaluator-state.js';
import type { ActiveAlertSeed, AlertTarget } from './evaluator-types.js';

/**
 * Tells the evaluator the id the engine stored a `fire` under (repeats and resolves carry it).
 * False when the target is not firing (it resolved in between, or never fired).
 */
export function attachAlertId(state: EvaluatorState, target: AlertTarget, alertId: number): boolean {
  const instance = state.instances.get(target.ruleId)?.get(targetKey(target.hostId, target.uuid));
  if (instance?.phase !== 'firing') return false;
  if (instance.alertId !== null) state.byAlertId.delete(instance.alertId);
  instance.alertId = alertId;
  state.byAlertId.set(alertId, instance);
  return true;
}

/** Someone took the alert: no more repeats; it still resolves. False when no active alert has this id. */
export function acknowledgeAlert(state: EvaluatorState, alertId: number, by: string, at: number): boolean {
  const instance = state.byAlertId.get(alertId);
  if (instance === undefined) return false;
  instance.acknowledged = true;
  instance.acknowledgedBy = by;
  instance.acknowledgedAt = at;
  return true;
}

/** No repeats until `until` (epoch ms; null lifts the silence). False when no active alert has this id. */
export function silenceAlert(state: EvaluatorState, alertId: number, until: number | null): boolean {
  const instance = state.byAlertId.get(alertId);
  if (instance === undefined) return false;
  instance.silencedUntil = until;
  return true;
}

/**
 * After a restart: resumes the alerts that were active as firing, with their ids, acknowledgement,
 * silence and last notification, so they are not fired again. Seeds of rules that are gone or
 * disabled resolve on the next evaluation.
 */
export function seedActiveAlerts(state: EvaluatorState, seeds: readonly ActiveAlertSeed[]): void {
  for (const seed of seeds) {
    const instance = newInstance(seed.ruleId, seed.hostId ?? '', seed.uuid);
    instance.phase = 'firing';
    instance.pendingSince = seed.startedAt;
    instance.alertId = seed.alertId;
    instance.lastNotifiedAt = seed.lastNotifiedAt;
    instance.acknowledged = seed.acknowledgedAt !== null;
    instance.acknowledgedBy = seed.acknowledgedBy;
    instance.acknowledgedAt = seed.acknowledgedAt;
    instance.silencedUntil = seed.silencedUntil;
    instance.lastValue = seed.value;
    const previous = state.byAlertId.get(seed.alertId);
    if (previous !== undefined) previous.alertId = null;
    rulesInstances(state, seed.ruleId).set(targetKey(seed.hostId, seed.uuid), instance);
    state.byAlertId.set(seed.alertId, instance);
    restoreLastHeard(state, seed);
  }
  state.sweepNeeded = true;
}

/**
 * A GPU or host that was stale or offline before a restart stays so: it was last heard of
 * `value` seconds before the alert started, not at the restart (which would resolve the alert at
 * once and fire it again later).
 */
function restoreLastHeard(state: EvaluatorState, seed: ActiveAlertSeed): void {
  if (seed.value === null || seed.hostId === null) return;
  const lastHeardAt = seed.startedAt - seed.value * 1_000;
  if (seed.metric === 'gpuStaleSeconds' && seed.uuid !== null) {
    const track = gpuTrack(state, seed.hostId, seed.uuid, lastHeardAt);
    if (track.lastSampleTs === null) track.firstSeenAt = Math.min(track.firstSeenAt, lastHeardAt);
  } else if (seed.metric === 'hostOfflineSeconds') {
    const track = hostTrack(state, seed.hostId, lastHeardAt);
    if (track.lastSampleTs === null) track.firstSeenAt = Math.min(track.firstSeenAt, lastHeardAt);
  }
}
