import {
  DERIVED_METRICS,
  HOST_METRICS,
  type DerivedMetric,
  type NumericMetric,
  type RuleMetric,
  type RuleOp,
} from '@gpu-sentinel/protocol';
import type { ConditionRule } from './condition.js';
import { rulesInstances, type AlertInstance, type EvaluatorState } from './evaluator-state.js';
import type { EvaluatedRule } from './evaluator-types.js';

/** A rule as the hot loop reads it: flat fields of one shape, and its instances at hand. */
export interface CompiledRule extends ConditionRule {
  readonly id: number;
  readonly metric: RuleMetric;
  readonly op: RuleOp;
  readonly threshold: number;
  readonly forSeconds: number;
  readonly clearThreshold: number | null;
  readonly repeatMs: number | null;
  readonly scopeHostId: string | null;
  readonly scopeUuid: string | null;
  readonly isHostMetric: boolean;
  /** How the value is had: a sample's own metric (`sampleMetric`), or a derived one. */
  readonly valueKind: DerivedMetric | 'sample';
  readonly sampleMetric: NumericMetric | null;
  readonly instances: Map<string, AlertInstance>;
}

/**
 * The enabled rules of one rules array, sorted by what they are evaluated on: rules on a sample's
 * metrics (by scope, so a sample meets only the rules that can apply to it), stale-GPU rules (every
 * known GPU, every call) and host rules (every known host, every call).
 */
export interface RuleIndex {
  readonly byId: Map<number, CompiledRule>;
  readonly sampleUnscoped: CompiledRule[];
  readonly sampleByHost: Map<string, CompiledRule[]>;
  /** Rules scoped to one GPU (and maybe its host too: checked per sample). */
  readonly sampleByUuid: Map<string, CompiledRule[]>;
  readonly stale: CompiledRule[];
  readonly host: CompiledRule[];
  readonly needsTemperature: boolean;
}

const isDerived = (metric: RuleMetric): metric is DerivedMetric =>
  (DERIVED_METRICS as readonly string[]).includes(metric);

function compile(state: EvaluatorState, rule: EvaluatedRule): CompiledRule {
  const metric = rule.metric;
  return {
    id: rule.id,
    metric: rule.metric,
    op: rule.op,
    threshold: rule.threshold,
    forSeconds: rule.forSeconds,
    clearThreshold: rule.clearThreshold,
    repeatMs: rule.repeatIntervalSeconds === null ? null : rule.repeatIntervalSeconds * 1000,
    scopeHostId: rule.scope.hostId ?? null,
    scopeUuid: rule.scope.uuid ?? null,
    isHostMetric: isDerived(metric) && HOST_METRICS.includes(metric),
    valueKind: isDerived(metric) ? metric : 'sample',
    sampleMetric: isDerived(metric) ? null : metric,
    instances: rulesInstances(state, rule.id),
  };
}

function pushTo(map: Map<string, CompiledRule[]>, key: string, rule: CompiledRule): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [rule]);
  else list.push(rule);
}

export function buildRuleIndex(state: EvaluatorState, rules: readonly EvaluatedRule[]): RuleIndex {
  const index: RuleIndex = {
    byId: new Map(),
    sampleUnscoped: [],
    sampleByHost: new Map(),
    sampleByUuid: new Map(),
    stale: [],
    host: [],
    needsTemperature: false,
  };
  let needsTemperature = false;
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const compiled = compile(state, rule);
    index.byId.set(compiled.id, compiled);
    if (compiled.isHostMetric) index.host.push(compiled);
    else if (compiled.metric === 'gpuStaleSeconds') index.stale.push(compiled);
    else if (compiled.scopeUuid !== null) pushTo(index.sampleByUuid, compiled.scopeUuid, compiled);
    else if (compiled.scopeHostId !== null) pushTo(index.sampleByHost, compiled.scopeHostId, compiled);
    else index.sampleUnscoped.push(compiled);
    if (compiled.metric === 'temperatureRiseCPerMin') needsTemperature = true;
  }
  return { ...index, needsTemperature };
}

/** The index for this rules array: cached while the caller passes the same array object. */
export function ruleIndexFor(state: EvaluatorState, rules: readonly EvaluatedRule[]): RuleIndex {
  if (state.indexedRules === rules && state.index !== null) return state.index;
  state.index = buildRuleIndex(state, rules);
  state.indexedRules = rules;
  state.sweepNeeded = true;
  return state.index;
}

/** Whether a GPU (hostId, uuid) is within a rule's scope. */
export function inScope(rule: CompiledRule, hostId: string, uuid: string): boolean {
  return (
    (rule.scopeHostId === null || rule.scopeHostId === hostId) && (rule.scopeUuid === null || rule.scopeUuid === uuid)
  );
}
