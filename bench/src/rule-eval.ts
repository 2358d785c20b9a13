/**
 * Alert rule evaluation: the cost of one `evaluateRules` call (packages/core) for 8 GPUs × 20 rules
 * and 2,000 GPUs × 20 rules (250 hosts of 8), steady state: a fresh evaluator per run, warmed up,
 * then timed call by call, one call per 250 ms tick of simulated samples. Baselines in the same run:
 * - naive: the same rules evaluated rule by rule over every sample, no index, instance state in one
 *   Map under a `ruleId|uuid` string built per lookup (the shared `stepCondition` for the rest; it
 *   skips temperature rise and ECC increase, so it does less than the real thing);
 * - floor: reading each rule's metric from each sample and comparing it, no state at all.
 * Each call's wall time (median, p95) and the process CPU time per call (user + system over the timed
 * calls: what a call costs when it is not waiting for a core this shared 2-core machine gives others).
 * Usage: npm run bench:alerts. BENCH_RUNS (default 5) runs per size and target, alternating targets.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import {
  conditionHolds,
  createEvaluatorState,
  evaluateRules,
  newConditionState,
  stepCondition,
  type ConditionState,
  type EvaluatedRule,
  type EvaluationInput,
  type KnownGpu,
} from '@gpu-sentinel/core';
import type { DerivedMetric, GpuSample, NumericMetric, RuleMetric } from '@gpu-sentinel/protocol';
import { SimulatedFleet, TICK_MS } from './lib/simulated-fleet.js';
import { median, quantile, round } from './lib/stats.js';
import { markdownTable } from './lib/table.js';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const SIZES = [
  { gpus: 8, goalMs: 0.2, warmupCalls: 2_000, calls: 4_000 },
  { gpus: 2_000, goalMs: 20, warmupCalls: 120, calls: 400 },
] as const;
const LOOP_TICKS = 160; // 40 s of simulated samples, replayed with fresh timestamps

const hostOf = (index: number) => `bench-host-${String(Math.floor(index / 8))}`;

/** 20 rules: the shipped defaults and others on various metrics, some scoped, one disabled. */
function benchRules(uuids: readonly string[]): EvaluatedRule[] {
  const rule = (id: number, metric: RuleMetric, op: EvaluatedRule['op'], threshold: number, more = {}) => ({
    id,
    metric,
    op,
    threshold,
    forSeconds: 30,
    clearThreshold: null,
    scope: {},
    repeatIntervalSeconds: null,
    enabled: true,
    ...more,
  });
  const hourly = { repeatIntervalSeconds: 3_600 };
  return [
    rule(1, 'temperatureC', '>=', 80, { clearThreshold: 75 }),
    rule(2, 'temperatureC', '>=', 85, { clearThreshold: 80, ...hourly }),
    rule(3, 'memoryUsedPct', '>=', 90, { forSeconds: 60, clearThreshold: 85 }),
    rule(4, 'memoryUsedPct', '>=', 95, { forSeconds: 60, clearThreshold: 90, ...hourly }),
    rule(5, 'powerLimitPct', '>', 100, { clearThreshold: 95 }),
    rule(6, 'gpuStaleSeconds', '>=', 30, { forSeconds: 0, ...hourly }),
    rule(7, 'nvidiaSmiDown', '>=', 1, { forSeconds: 10, ...hourly }),
    rule(8, 'utilizationGpuPct', '<', 5, { forSeconds: 600, clearThreshold: 10, scope: { hostId: hostOf(8) } }),
    rule(9, 'fanSpeedPct', '>=', 95, { forSeconds: 60 }),
    rule(10, 'memoryTemperatureC', '>=', 95, { clearThreshold: 90 }),
    rule(11, 'eccErrorsIncrease', '>', 0, { forSeconds: 0 }),
    rule(12, 'temperatureRiseCPerMin', '>=', 10, { forSeconds: 0 }),
    rule(13, 'clockSmMHz', '<', 300, { forSeconds: 120, scope: { uuid: uuids[3] } }),
    rule(14, 'powerDrawW', '>=', 650, { scope: { hostId: hostOf(0) } }),
    rule(15, 'hostOfflineSeconds', '>=', 60, { forSeconds: 0 }),
    rule(16, 'pcieRxKBps', '>', 10_000_000, { forSeconds: 60 }),
    rule(17, 'utilizationMemoryPct', '>=', 95, { forSeconds: 300 }),
    rule(18, 'temperatureC', '>=', 75, { scope: { uuid: uuids[5] }, repeatIntervalSeconds: 600 }),
    rule(19, 'memoryUsedMiB', '>=', 70_000, { scope: { hostId: hostOf(16) } }),
    rule(20, 'decoderPct', '>=', 90, { enabled: false }),
  ];
}

/** Ticks of samples for `gpuCount` GPUs spread over hosts of 8, and what the engine knows of them. */
function fleetTicks(gpuCount: number) {
  const fleet = new SimulatedFleet(gpuCount, LOOP_TICKS);
  const gpus: KnownGpu[] = fleet.inventory.map((gpu) => ({
    hostId: hostOf(gpu.index),
    uuid: gpu.uuid,
    memoryTotalMiB: gpu.memoryTotalMiB,
    powerLimitW: gpu.powerLimitW,
  }));
  const ticks = Array.from({ length: LOOP_TICKS }, (_, tick) =>
    fleet.samples(tick, 0).map((sample) => ({ ...sample, hostId: hostOf(sample.index) })),
  );
  const hosts = [...new Set(gpus.map((gpu) => gpu.hostId))].map((hostId) => ({ hostId, isSourceUp: true }));
  return { gpus, hosts, ticks };
}

type Evaluate = (rules: readonly EvaluatedRule[], input: EvaluationInput) => number;

function realEvaluator(): Evaluate {
  const state = createEvaluatorState();
  return (rules, input) => evaluateRules(state, rules, input).length;
}

/** Rule by rule over every sample, state under a string key built per lookup. */
function naiveEvaluator(): Evaluate {
  const instances = new Map<string, ConditionState>();
  return (rules, input) => {
    const known = new Map(input.gpus.map((gpu) => [gpu.uuid, gpu]));
    let changes = 0;
    for (const rule of rules) {
      if (!rule.enabled) continue;
      for (const sample of input.samples) {
        if (rule.scope.hostId !== undefined && rule.scope.hostId !== sample.hostId) continue;
        if (rule.scope.uuid !== undefined && rule.scope.uuid !== sample.uuid) continue;
        const value = naiveValue(rule.metric, sample, known.get(sample.uuid), input.now);
        const key = `${String(rule.id)}|${sample.uuid}`;
        let instance = instances.get(key);
        if (instance === undefined) instances.set(key, (instance = newConditionState()));
        if (stepCondition(instance, rule, value, input.now) !== 'none') changes++;
      }
    }
    return changes;
  };
}

function naiveValue(metric: RuleMetric, sample: GpuSample, gpu: KnownGpu | undefined, now: number): number | null {
  const pct = (part: number | null, whole: number | null | undefined) =>
    part === null || whole === null || whole === undefined || whole <= 0 ? null : (part / whole) * 100;
  if (metric in sample) return sample[metric as NumericMetric];
  switch (metric as DerivedMetric) {
    case 'memoryUsedPct':
      return pct(sample.memoryUsedMiB, sample.memoryTotalMiB ?? gpu?.memoryTotalMiB);
    case 'powerLimitPct':
      return pct(sample.powerDrawW, sample.powerLimitW ?? gpu?.powerLimitW);
    case 'gpuStaleSeconds':
    case 'hostOfflineSeconds':
      return (now - sample.ts) / 1000;
    case 'nvidiaSmiDown':
      return 0;
    case 'temperatureRiseCPerMin':
    case 'eccErrorsIncrease':
      return null;
  }
}

/** Each rule's metric read from each sample and compared: the least any evaluator must do. */
function floorEvaluator(): Evaluate {
  return (rules, input) => {
    let holds = 0;
    for (const rule of rules) {
      for (const sample of input.samples) {
        const value = naiveValue(rule.metric, sample, undefined, input.now);
        if (value !== null && conditionHolds(rule.op, rule.threshold, value)) holds++;
      }
    }
    return holds;
  };
}

const TARGETS = {
  evaluateRules: realEvaluator,
  'naive (no index)': naiveEvaluator,
  'floor (read + compare)': floorEvaluator,
};
type TargetName = keyof typeof TARGETS;

/** One run: a fresh evaluator, warmed up, then each call timed (ms). */
function timeRun(make: () => Evaluate, fleet: ReturnType<typeof fleetTicks>, warmup: number, calls: number) {
  const evaluate = make();
  const rules = benchRules(fleet.gpus.map((gpu) => gpu.uuid));
  const durations: number[] = [];
  let transitions = 0;
  let cpuMicros = 0;
  for (let call = 0; call < warmup + calls; call++) {
    const now = Date.UTC(2026, 10, 26) + call * TICK_MS;
    const samples = fleet.ticks[call % fleet.ticks.length] ?? [];
    for (const sample of samples) sample.ts = now;
    const input = { now, samples, gpus: fleet.gpus, hosts: fleet.hosts };
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const changes = evaluate(rules, input);
    const elapsed = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    if (call >= warmup) {
      durations.push(elapsed);
      cpuMicros += cpu.user + cpu.system;
      transitions += changes;
    }
  }
  const cpuMsPerCall = cpuMicros / 1000 / calls;
  return { medianMs: median(durations), p95Ms: quantile(durations, 0.95), cpuMsPerCall, transitions };
}

const rows = [];
for (const size of SIZES) {
  const fleet = fleetTicks(size.gpus);
  const perRun: Record<TargetName, ReturnType<typeof timeRun>[]> = {
    evaluateRules: [],
    'naive (no index)': [],
    'floor (read + compare)': [],
  };
  for (let run = 0; run < runs; run++) {
    for (const name of Object.keys(TARGETS) as TargetName[]) {
      perRun[name].push(timeRun(TARGETS[name], fleet, size.warmupCalls, size.calls));
    }
  }
  const summary = (name: TargetName) => ({
    medianMs: median(perRun[name].map((r) => r.medianMs)),
    p95Ms: median(perRun[name].map((r) => r.p95Ms)),
    cpuMsPerCall: median(perRun[name].map((r) => r.cpuMsPerCall)),
  });
  const ours = summary('evaluateRules');
  rows.push({
    gpus: size.gpus,
    rules: 20,
    runs,
    callsPerRun: size.calls,
    goalMs: size.goalMs,
    goalMet: ours.p95Ms <= size.goalMs,
    medianToGoal: round(ours.medianMs / size.goalMs, 3),
    targets: Object.fromEntries(
      (Object.keys(TARGETS) as TargetName[]).map((name) => [name, { ...summary(name), perRun: perRun[name] }]),
    ),
    ratioToNaive: round(ours.medianMs / summary('naive (no index)').medianMs, 2),
    ratioToFloor: round(ours.medianMs / summary('floor (read + compare)').medianMs, 2),
  });
}

const ms = (value: number) => (value < 1 ? `${round(value * 1000, 1)} µs` : `${round(value, 2)} ms`);
const table = markdownTable(
  ['GPUs × rules', 'target', 'median per call', 'p95 per call', 'CPU time per call'],
  rows.flatMap((row) =>
    Object.entries(row.targets).map(([name, t]) => [
      `${String(row.gpus)} × 20`,
      name,
      ms(t.medianMs),
      ms(t.p95Ms),
      ms(t.cpuMsPerCall),
    ]),
  ),
);
const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
const machine = {
  cpus: `${String(cpus().length)} × ${cpus()[0]?.model ?? 'unknown'}`,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  date: new Date().toISOString(),
  commit: git('rev-parse', '--short', 'HEAD'),
  uncommitted: git('status', '--porcelain', '--', 'packages/core/src/alerts').split('\n').filter(Boolean),
};
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/rule-eval.json',
  `${JSON.stringify({ machine, settings: { runs, SIZES }, rows }, null, 2)}\n`,
);
process.stdout.write(`\n## rule-eval\n\n${table}\n\n`);
for (const row of rows) {
  process.stdout.write(
    `${String(row.gpus)} GPUs: goal ${ms(row.goalMs)} ${row.goalMet ? 'met' : 'missed'} (median/goal ${String(row.medianToGoal)}), ` +
      `ours/naive ${String(row.ratioToNaive)}, ours/floor ${String(row.ratioToFloor)}\n`,
  );
}
