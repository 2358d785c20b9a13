import { resolveTransition, type AlertInstance, type EvaluatorState } from './evaluator-state.js';
import type { AlertTransition } from './evaluator-types.js';
import type { CompiledRule, RuleIndex } from './rule-index.js';

/**
 * After the rules changed (or alerts were seeded): resolves the firing alerts of rules that are gone
 * or disabled, and of targets a rule no longer watches (its scope or metric changed), and forgets
 * their instances.
 */
export function sweepInstances(state: EvaluatorState, index: RuleIndex, now: number, out: AlertTransition[]): void {
  state.sweepNeeded = false;
  for (const [ruleId, instances] of state.instances) {
    const rule = index.byId.get(ruleId);
    for (const [key, instance] of instances) {
      if (rule !== undefined && stillWatched(state, rule, instance)) continue;
      if (instance.phase === 'firing') out.push(resolveTransition(state, instance, null, now));
      instances.delete(key);
    }
    if (rule === undefined) state.instances.delete(ruleId);
  }
}

function stillWatched(state: EvaluatorState, rule: CompiledRule, instance: AlertInstance): boolean {
  if (rule.scopeHostId !== null && rule.scopeHostId !== instance.hostId) return false;
  if (rule.isHostMetric) {
    if (instance.uuid !== null) return false;
    return rule.scopeUuid === null || state.gpus.get(rule.scopeUuid)?.hostId === instance.hostId;
  }
  return instance.uuid !== null && (rule.scopeUuid === null || rule.scopeUuid === instance.uuid);
}
