import type { RuleOp } from '@gpu-sentinel/protocol';
import type { EvaluatedRule } from './evaluator-types.js';

/** The part of a rule that decides when it fires and resolves (the live evaluator and the preview share it). */
export type ConditionRule = Pick<EvaluatedRule, 'op' | 'threshold' | 'forSeconds' | 'clearThreshold'>;

/** `pending`: the condition holds, `forSeconds` not over yet. */
export type ConditionPhase = 'inactive' | 'pending' | 'firing';

/** Where one (rule, target) stands; mutated in place by `stepCondition`. */
export interface ConditionState {
  phase: ConditionPhase;
  /** When the current pending period began (meaningful while pending). */
  pendingSince: number;
}

/** What one step did: `fire` (pending → firing, or at once with forSeconds 0), `resolve`, or nothing. */
export type ConditionStep = 'none' | 'fire' | 'resolve';

export function conditionHolds(op: RuleOp, threshold: number, value: number): boolean {
  switch (op) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}

/**
 * Whether a firing alert resolves at this value: back past the clear threshold (below it for `>`/`>=`,
 * above it for `<`/`<=`), or, without one, once the condition no longer holds. The gap between the two
 * thresholds is the hysteresis that keeps a value hovering at the threshold from flapping.
 */
export function conditionCleared(rule: ConditionRule, value: number): boolean {
  const clear = rule.clearThreshold;
  if (clear === null) return !conditionHolds(rule.op, rule.threshold, value);
  return rule.op === '>' || rule.op === '>=' ? value < clear : value > clear;
}

/** Whether `value` is worse than `peak` for this rule (higher for `>`/`>=`, lower for `<`/`<=`). */
export function isWorse(op: RuleOp, value: number, peak: number): boolean {
  return op === '>' || op === '>=' ? value > peak : value < peak;
}

export function newConditionState(): ConditionState {
  return { phase: 'inactive', pendingSince: 0 };
}

/**
 * Advances one (rule, target) by one observation at `now`. A null value (N/A) neither starts nor clears
 * the condition: the phase is kept (a pending period keeps counting, but only a value can fire it). forSeconds 0 fires on the first
 * breaching observation; otherwise it fires on the first one at least forSeconds after the period began.
 */
export function stepCondition(
  state: ConditionState,
  rule: ConditionRule,
  value: number | null,
  now: number,
): ConditionStep {
  if (value === null) return 'none';
  switch (state.phase) {
    case 'inactive':
      if (!conditionHolds(rule.op, rule.threshold, value)) return 'none';
      state.pendingSince = now;
      if (rule.forSeconds <= 0) {
        state.phase = 'firing';
        return 'fire';
      }
      state.phase = 'pending';
      return 'none';
    case 'pending':
      if (!conditionHolds(rule.op, rule.threshold, value)) {
        state.phase = 'inactive';
        return 'none';
      }
      if (now - state.pendingSince >= rule.forSeconds * 1000) {
        state.phase = 'firing';
        return 'fire';
      }
      return 'none';
    case 'firing':
      if (!conditionCleared(rule, value)) return 'none';
      state.phase = 'inactive';
      return 'resolve';
  }
}
