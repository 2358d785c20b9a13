import type { GpuSample } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import type { EvaluatedRule } from './evaluator-types.js';
import { GPU_B, makeRule, makeSample, TestEngine } from './test-engine.js';

/** One step: at `seconds`, GPU-a reports these fields (null: no sample at all this tick). */
type Step = [seconds: number, fields: Partial<GpuSample> | null];

interface Case {
  name: string;
  rule: Partial<EvaluatedRule>;
  steps: Step[];
  expected: string[];
}

const every = (fromSeconds: number, toSeconds: number, fields: (seconds: number) => Partial<GpuSample>): Step[] =>
  Array.from({ length: toSeconds - fromSeconds + 1 }, (_, i) => [fromSeconds + i, fields(fromSeconds + i)]);

const cases: Case[] = [
  {
    name: 'memoryUsedPct: used / total from the sample',
    rule: { metric: 'memoryUsedPct', threshold: 95 },
    steps: [
      [0, { memoryUsedMiB: 30_000, memoryTotalMiB: 40_000 }],
      [1, { memoryUsedMiB: 38_000, memoryTotalMiB: 40_000 }],
    ],
    expected: ['fire@1=95'],
  },
  {
    name: 'memoryUsedPct: falls back to the known GPU’s total (80,000 MiB) when the sample has none',
    rule: { metric: 'memoryUsedPct', threshold: 95 },
    steps: [
      [0, { memoryUsedMiB: 38_000 }],
      [1, { memoryUsedMiB: 76_000 }],
    ],
    expected: ['fire@1=95'],
  },
  {
    name: 'powerLimitPct: draw over the sample’s limit, else the known GPU’s (300 W)',
    rule: { metric: 'powerLimitPct', op: '>', threshold: 100 },
    steps: [
      [0, { powerDrawW: 330, powerLimitW: 400 }],
      [1, { powerDrawW: 330 }],
      [2, { powerDrawW: 300 }],
    ],
    expected: ['fire@1=110', 'resolve#1@2=100'],
  },
  {
    name: 'temperatureRiseCPerMin: no value under 10 s of history, then °C per minute',
    rule: { metric: 'temperatureRiseCPerMin', threshold: 20 },
    steps: every(0, 12, (s) => ({ temperatureC: 40 + s / 2 })),
    expected: ['fire@10=30'],
  },
  {
    name: 'temperatureRiseCPerMin: looks back one minute only, so a rise long past resolves',
    rule: { metric: 'temperatureRiseCPerMin', threshold: 20 },
    steps: [...every(0, 20, (s) => ({ temperatureC: 40 + s })), ...every(21, 90, () => ({ temperatureC: 60 }))],
    // +1 °C/s for 20 s, then flat: the window [s − 60 s, s] holds the whole 20 °C rise up to s = 60
    // (20 °C/min at s = 60); from s = 61 it starts at 41 °C.
    expected: ['fire@10=60', 'resolve#1@61=19'],
  },
  {
    name: 'eccErrorsIncrease: none on the first sample, then the increase; a counter reset is 0',
    rule: { metric: 'eccErrorsIncrease', op: '>', threshold: 0 },
    steps: [
      [0, { eccErrorsCorrected: 100, eccErrorsUncorrected: 0 }],
      [1, { eccErrorsCorrected: 100, eccErrorsUncorrected: 0 }],
      [2, { eccErrorsCorrected: 103, eccErrorsUncorrected: 2 }],
      [3, { eccErrorsCorrected: 103, eccErrorsUncorrected: 2 }],
      [4, { eccErrorsCorrected: 0, eccErrorsUncorrected: 0 }],
      [5, { eccErrorsCorrected: 1, eccErrorsUncorrected: 0 }],
    ],
    expected: ['fire@2=5', 'resolve#1@3=0', 'fire@5=1'],
  },
  {
    name: 'eccErrorsIncrease: N/A counters give no value and keep the last total',
    rule: { metric: 'eccErrorsIncrease', op: '>', threshold: 0 },
    steps: [
      [0, { eccErrorsCorrected: 10 }],
      [1, {}],
      [2, { eccErrorsCorrected: 12 }],
    ],
    expected: ['fire@2=2'],
  },
  {
    name: 'gpuStaleSeconds: seconds since the GPU’s last sample, evaluated on ticks without samples',
    rule: { metric: 'gpuStaleSeconds', threshold: 30 },
    steps: [
      [0, { temperatureC: 50 }],
      [10, null],
      [29, null],
      [30, null],
      [31, { temperatureC: 50 }],
    ],
    expected: ['fire@30=30', 'resolve#1@31=0'],
  },
  {
    name: 'gpuStaleSeconds: a GPU never seen counts from the first evaluation',
    rule: { metric: 'gpuStaleSeconds', threshold: 30 },
    steps: [
      [100, null],
      [129, null],
      [130, null],
    ],
    expected: ['fire@130=30'],
  },
  {
    name: 'hostOfflineSeconds: seconds since any sample of the host, with no uuid',
    rule: { metric: 'hostOfflineSeconds', threshold: 60 },
    steps: [
      [0, { temperatureC: 50 }],
      [59, null],
      [60, null],
      [61, { temperatureC: 50 }],
    ],
    expected: ['fire@60=60 h1/*', 'resolve#1@61=0 h1/*'],
  },
];

describe('evaluateRules: derived metrics', () => {
  for (const c of cases) {
    it(c.name, () => {
      const engine = new TestEngine([makeRule(c.rule)]);
      const withTarget = c.expected.some((line) => line.includes(' '));
      const seen = c.steps.flatMap(([seconds, fields]) =>
        engine.tick(seconds, fields === null ? [] : [makeSample(seconds, fields)], withTarget),
      );
      expect(seen).toEqual(c.expected);
    });
  }

  it('nvidiaSmiDown: 1 while a host’s source is not running, one host-wide alert per host', () => {
    const engine = new TestEngine([makeRule({ metric: 'nvidiaSmiDown', threshold: 1 })]);
    engine.gpus = [...engine.gpus, GPU_B];
    engine.hosts = [
      { hostId: 'h1', isSourceUp: true },
      { hostId: 'h2', isSourceUp: false },
    ];
    expect(engine.tick(0, [], true)).toEqual(['fire@0=1 h2/*']);
    expect(engine.tick(1, [], true)).toEqual([]);
    engine.hosts = [
      { hostId: 'h1', isSourceUp: true },
      { hostId: 'h2', isSourceUp: true },
    ];
    expect(engine.tick(2, [], true)).toEqual(['resolve#1@2=0 h2/*']);
  });

  it('host rules follow a host scope, and a GPU scope means that GPU’s host', () => {
    const rules = [
      makeRule({ id: 1, metric: 'nvidiaSmiDown', threshold: 1, scope: { hostId: 'h2' } }),
      makeRule({ id: 2, metric: 'nvidiaSmiDown', threshold: 1, scope: { uuid: 'GPU-a' } }),
    ];
    const engine = new TestEngine(rules);
    engine.gpus = [...engine.gpus, GPU_B];
    engine.hosts = [
      { hostId: 'h1', isSourceUp: false },
      { hostId: 'h2', isSourceUp: false },
    ];
    expect(engine.tick(0, [], true)).toEqual(['fire@0=1 h1/*', 'fire@0=1 h2/*']);
    // Which rule fired for which host:
    expect([...(engine.state.instances.get(1)?.keys() ?? [])]).toEqual(['h2']);
    expect([...(engine.state.instances.get(2)?.keys() ?? [])]).toEqual(['h1']);
  });

  it('gpuStaleSeconds is per GPU: a GPU that keeps reporting does not go stale beside one that stopped', () => {
    const engine = new TestEngine([makeRule({ metric: 'gpuStaleSeconds', threshold: 30 })]);
    engine.gpus = [...engine.gpus, GPU_B];
    const b = (seconds: number) => makeSample(seconds, { hostId: 'h2', uuid: 'GPU-b' });
    engine.tick(0, [makeSample(0), b(0)]);
    expect(engine.tick(30, [b(30)], true)).toEqual(['fire@30=30 h1/GPU-a']);
  });
});
