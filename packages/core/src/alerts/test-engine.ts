import type { GpuSample } from '@gpu-sentinel/protocol';
import { acknowledgeAlert, attachAlertId, seedActiveAlerts, silenceAlert } from './alert-control.js';
import { evaluateRules } from './evaluate-rules.js';
import { createEvaluatorState } from './evaluator-state.js';
import type { ActiveAlertSeed, AlertTransition, EvaluatedRule, KnownGpu, KnownHost } from './evaluator-types.js';

/** Test support: times in the tests are seconds after T0. */
export const T0 = Date.UTC(2026, 10, 26, 12);
export const at = (seconds: number): number => T0 + seconds * 1000;

export function makeRule(fields: Partial<EvaluatedRule> = {}): EvaluatedRule {
  return {
    id: 1,
    metric: 'temperatureC',
    op: '>=',
    threshold: 80,
    forSeconds: 0,
    clearThreshold: null,
    scope: {},
    repeatIntervalSeconds: null,
    enabled: true,
    ...fields,
  };
}

export function makeSample(seconds: number, fields: Partial<GpuSample> = {}): GpuSample {
  return {
    ts: at(seconds),
    hostId: 'h1',
    uuid: 'GPU-a',
    index: 0,
    utilizationGpuPct: null,
    utilizationMemoryPct: null,
    memoryUsedMiB: null,
    memoryTotalMiB: null,
    temperatureC: null,
    memoryTemperatureC: null,
    powerDrawW: null,
    powerLimitW: null,
    fanSpeedPct: null,
    clockSmMHz: null,
    clockMemMHz: null,
    encoderPct: null,
    decoderPct: null,
    pcieRxKBps: null,
    pcieTxKBps: null,
    eccErrorsCorrected: null,
    eccErrorsUncorrected: null,
    pstate: null,
    throttleReasons: [],
    ...fields,
  };
}

export const GPU_A: KnownGpu = { hostId: 'h1', uuid: 'GPU-a', memoryTotalMiB: 80_000, powerLimitW: 300 };
export const GPU_B: KnownGpu = { hostId: 'h2', uuid: 'GPU-b', memoryTotalMiB: 80_000, powerLimitW: 300 };

/**
 * A stand-in for the alert engine around the evaluator: it attaches an id (1, 2, …) to every `fire`,
 * and describes transitions briefly: "fire@30=85", "resolve#1@40=70", with the target when asked.
 */
export class TestEngine {
  readonly state = createEvaluatorState();
  gpus: KnownGpu[] = [GPU_A];
  hosts: KnownHost[] = [{ hostId: 'h1', isSourceUp: true }];
  private nextId = 1;

  constructor(public rules: readonly EvaluatedRule[]) {}

  tick(seconds: number, samples: readonly GpuSample[] = [], withTarget = false): string[] {
    const now = at(seconds);
    const transitions = evaluateRules(this.state, this.rules, { now, samples, gpus: this.gpus, hosts: this.hosts });
    for (const transition of transitions) {
      if (transition.kind === 'fire') attachAlertId(this.state, transition.target, this.nextId++);
    }
    return transitions.map((transition) => brief(transition, withTarget));
  }

  ack(alertId: number, seconds: number): boolean {
    return acknowledgeAlert(this.state, alertId, 'ops', at(seconds));
  }

  silence(alertId: number, untilSeconds: number): boolean {
    return silenceAlert(this.state, alertId, at(untilSeconds));
  }

  seed(seeds: ActiveAlertSeed[]): void {
    seedActiveAlerts(this.state, seeds);
    for (const seed of seeds) this.nextId = Math.max(this.nextId, seed.alertId + 1);
  }
}

export function brief(transition: AlertTransition, withTarget = false): string {
  const id = transition.kind === 'fire' ? '' : `#${String(transition.alertId)}`;
  const value = transition.value === null ? '' : `=${String(Math.round(transition.value * 100) / 100)}`;
  const target = withTarget ? ` ${transition.target.hostId}/${transition.target.uuid ?? '*'}` : '';
  return `${transition.kind}${id}@${String((transition.at - T0) / 1000)}${value}${target}`;
}
