import { describe, expect, it } from 'vitest';
import type { EvaluatedRule } from './evaluator-types.js';
import { makeRule, makeSample, TestEngine } from './test-engine.js';

/** One step: at `seconds`, GPU-a reports `temperatureC` (null: N/A), after `before` runs. */
type Step = [seconds: number, temperatureC: number | null, before?: (engine: TestEngine) => void];

interface Case {
  name: string;
  rule: Partial<EvaluatedRule>;
  steps: Step[];
  expected: string[];
}

const cases: Case[] = [
  {
    name: 'fires exactly when the condition has held forSeconds, not before',
    rule: { forSeconds: 30 },
    steps: [
      [0, 85],
      [10, 85],
      [29, 85],
      [30, 85],
      [40, 85],
    ],
    expected: ['fire@30=85'],
  },
  {
    name: 'forSeconds 0 fires on the first breaching evaluation',
    rule: { forSeconds: 0 },
    steps: [
      [0, 79],
      [1, 80],
    ],
    expected: ['fire@1=80'],
  },
  {
    name: 'a pending period that breaks goes back to inactive and starts over',
    rule: { forSeconds: 30 },
    steps: [
      [0, 85],
      [20, 70],
      [30, 85],
      [50, 85],
      [59, 85],
      [60, 85],
    ],
    expected: ['fire@60=85'],
  },
  {
    name: 'without a clear threshold, a value hovering at the threshold flaps',
    rule: {},
    steps: [
      [0, 81],
      [1, 79],
      [2, 81],
      [3, 79],
    ],
    expected: ['fire@0=81', 'resolve#1@1=79', 'fire@2=81', 'resolve#2@3=79'],
  },
  {
    name: 'with a clear threshold the same values stay one alert until below it',
    rule: { clearThreshold: 75 },
    steps: [
      [0, 81],
      [1, 79],
      [2, 81],
      [3, 75],
      [4, 74.9],
    ],
    expected: ['fire@0=81', 'resolve#1@4=74.9'],
  },
  {
    name: 'repeats every repeatIntervalSeconds while firing',
    rule: { repeatIntervalSeconds: 60 },
    steps: [
      [0, 85],
      [30, 85],
      [59, 85],
      [60, 85],
      [90, 85],
      [120, 85],
      [130, 70],
    ],
    expected: ['fire@0=85', 'repeat#1@60=85', 'repeat#1@120=85', 'resolve#1@130=70'],
  },
  {
    name: 'an acknowledged alert does not repeat, and still resolves',
    rule: { repeatIntervalSeconds: 60 },
    steps: [
      [0, 85],
      [30, 85, (engine) => expect(engine.ack(1, 30)).toBe(true)],
      [60, 85],
      [120, 85],
      [130, 70],
    ],
    expected: ['fire@0=85', 'resolve#1@130=70'],
  },
  {
    name: 'a silenced alert does not repeat until the silence ends, then resumes',
    rule: { repeatIntervalSeconds: 60 },
    steps: [
      [0, 85],
      [10, 85, (engine) => expect(engine.silence(1, 150)).toBe(true)],
      [60, 85],
      [120, 85],
      [149, 85],
      [150, 85],
      [180, 85],
      [210, 85],
    ],
    expected: ['fire@0=85', 'repeat#1@150=85', 'repeat#1@210=85'],
  },
  {
    name: 'a silenced alert still resolves',
    rule: {},
    steps: [
      [0, 85],
      [5, 85, (engine) => expect(engine.silence(1, 3600)).toBe(true)],
      [10, 60],
    ],
    expected: ['fire@0=85', 'resolve#1@10=60'],
  },
  {
    name: 'N/A neither starts a condition nor fires a pending one',
    rule: { forSeconds: 20 },
    steps: [
      [0, null],
      [10, 85],
      [30, null],
      [40, null],
      [45, 85],
    ],
    expected: ['fire@45=85'],
  },
  {
    name: 'N/A neither breaks a pending period nor clears a firing one',
    rule: { forSeconds: 20 },
    steps: [
      [0, 85],
      [10, null],
      [20, 85],
      [30, null],
      [40, 70],
    ],
    expected: ['fire@20=85', 'resolve#1@40=70'],
  },
  {
    name: 'the clock going back below a pending start restarts the pending period there',
    rule: { forSeconds: 30 },
    steps: [
      [0, 85],
      [20, 85],
      [-100, 85],
      [-80, 85],
      [-70, 85],
    ],
    expected: ['fire@-70=85'],
  },
  {
    name: 'the clock going back below the last notification: no repeat storm, the interval counts from now',
    rule: { repeatIntervalSeconds: 60 },
    steps: [
      [0, 85],
      [-1000, 85],
      [-990, 85],
      [-941, 85],
      [-940, 85],
      [-900, 85],
    ],
    expected: ['fire@0=85', 'repeat#1@-940=85'],
  },
  {
    name: 'a forward jump is time passing: pending fires, one repeat, not one per missed interval',
    rule: { forSeconds: 300, repeatIntervalSeconds: 60 },
    steps: [
      [0, 85],
      [10_000, 85],
      [20_000, 85],
      [20_001, 85],
    ],
    expected: ['fire@10000=85', 'repeat#1@20000=85'],
  },
];

describe('evaluateRules: condition, duration, hysteresis, repeats', () => {
  for (const c of cases) {
    it(c.name, () => {
      const engine = new TestEngine([makeRule(c.rule)]);
      const seen: string[] = [];
      for (const [seconds, temperatureC, before] of c.steps) {
        before?.(engine);
        seen.push(...engine.tick(seconds, [makeSample(seconds, { temperatureC })]));
      }
      expect(seen).toEqual(c.expected);
    });
  }

  it('a < rule fires below its threshold and resolves only above its clear threshold', () => {
    const engine = new TestEngine([makeRule({ metric: 'clockSmMHz', op: '<', threshold: 300, clearThreshold: 500 })]);
    const seen = [250, 400, 290, 500, 501].flatMap((clockSmMHz, i) => engine.tick(i, [makeSample(i, { clockSmMHz })]));
    expect(seen).toEqual(['fire@0=250', 'resolve#1@4=501']);
  });

  it('GPUs without a sample in this input keep their state: no resolve, no repeat', () => {
    const engine = new TestEngine([makeRule({ repeatIntervalSeconds: 60 })]);
    expect(engine.tick(0, [makeSample(0, { temperatureC: 90 })])).toEqual(['fire@0=90']);
    expect(engine.tick(120)).toEqual([]);
    expect(engine.tick(121, [makeSample(121, { temperatureC: 60 })])).toEqual(['resolve#1@121=60']);
  });

  it('acknowledging or silencing an unknown alert id says so', () => {
    const engine = new TestEngine([makeRule()]);
    expect(engine.ack(42, 0)).toBe(false);
    expect(engine.silence(42, 100)).toBe(false);
  });
});

describe('evaluateRules: scope', () => {
  const hot = (seconds: number) => [
    makeSample(seconds, { temperatureC: 90 }),
    makeSample(seconds, { hostId: 'h2', uuid: 'GPU-b', index: 0, temperatureC: 90 }),
    makeSample(seconds, { hostId: 'h2', uuid: 'GPU-c', index: 1, temperatureC: 90 }),
  ];

  it('watches every GPU without a scope', () => {
    expect(new TestEngine([makeRule()]).tick(0, hot(0), true)).toEqual([
      'fire@0=90 h1/GPU-a',
      'fire@0=90 h2/GPU-b',
      'fire@0=90 h2/GPU-c',
    ]);
  });

  it('watches one host’s GPUs when scoped to the host', () => {
    const engine = new TestEngine([makeRule({ scope: { hostId: 'h2' } })]);
    expect(engine.tick(0, hot(0), true)).toEqual(['fire@0=90 h2/GPU-b', 'fire@0=90 h2/GPU-c']);
  });

  it('watches one GPU when scoped to its uuid (and its host, if given)', () => {
    expect(new TestEngine([makeRule({ scope: { uuid: 'GPU-c' } })]).tick(0, hot(0), true)).toEqual([
      'fire@0=90 h2/GPU-c',
    ]);
    expect(new TestEngine([makeRule({ scope: { uuid: 'GPU-c', hostId: 'h1' } })]).tick(0, hot(0), true)).toEqual([]);
  });

  it('resolves the alerts of GPUs a rule no longer watches once its scope changes', () => {
    const engine = new TestEngine([makeRule()]);
    expect(engine.tick(0, hot(0))).toHaveLength(3);
    engine.rules = [makeRule({ scope: { uuid: 'GPU-b' } })];
    expect(engine.tick(1, hot(1), true)).toEqual(['resolve#1@1 h1/GPU-a', 'resolve#3@1 h2/GPU-c']);
  });
});

describe('evaluateRules: rules that go away, and seeded alerts', () => {
  it('a rule that is disabled resolves its alerts with their ids', () => {
    const engine = new TestEngine([makeRule()]);
    expect(engine.tick(0, [makeSample(0, { temperatureC: 90 })])).toEqual(['fire@0=90']);
    engine.rules = [makeRule({ enabled: false })];
    expect(engine.tick(1, [makeSample(1, { temperatureC: 90 })])).toEqual(['resolve#1@1']);
    expect(engine.tick(2, [makeSample(2, { temperatureC: 90 })])).toEqual([]);
  });

  it('a rule removed from the list resolves its alerts, even ones never given an id', () => {
    const engine = new TestEngine([makeRule(), makeRule({ id: 2, threshold: 50 })]);
    const state = engine.state;
    expect(engine.tick(0, [makeSample(0, { temperatureC: 90 })])).toEqual(['fire@0=90', 'fire@0=90']);
    state.byAlertId.clear();
    for (const instances of state.instances.values())
      for (const instance of instances.values()) instance.alertId = null;
    engine.rules = [makeRule({ id: 2, threshold: 50 })];
    expect(engine.tick(1, [makeSample(1, { temperatureC: 90 })])).toEqual(['resolve#null@1']);
  });

  it('a rule that stays but whose array is new keeps its alerts and takes the new threshold', () => {
    const engine = new TestEngine([makeRule()]);
    expect(engine.tick(0, [makeSample(0, { temperatureC: 90 })])).toEqual(['fire@0=90']);
    engine.rules = [makeRule({ threshold: 95 })];
    expect(engine.tick(1, [makeSample(1, { temperatureC: 90 })])).toEqual(['resolve#1@1=90']);
  });

  const seed = {
    alertId: 7,
    ruleId: 1,
    hostId: 'h1',
    uuid: 'GPU-a',
    startedAt: Date.UTC(2026, 10, 26, 11),
    value: 88,
    acknowledgedAt: null,
    acknowledgedBy: null,
    silencedUntil: null,
  };

  it('a seeded alert resumes firing without a second fire, repeats on its schedule and resolves with its id', () => {
    const engine = new TestEngine([makeRule({ repeatIntervalSeconds: 60 })]);
    engine.seed([{ ...seed, lastNotifiedAt: Date.UTC(2026, 10, 26, 12) - 30_000 }]);
    expect(engine.tick(0, [makeSample(0, { temperatureC: 90 })])).toEqual([]);
    expect(engine.tick(30, [makeSample(30, { temperatureC: 90 })])).toEqual(['repeat#7@30=90']);
    expect(engine.tick(40, [makeSample(40, { temperatureC: 60 })])).toEqual(['resolve#7@40=60']);
  });

  it('a seeded acknowledged alert does not repeat', () => {
    const engine = new TestEngine([makeRule({ repeatIntervalSeconds: 60 })]);
    engine.seed([{ ...seed, acknowledgedAt: seed.startedAt, acknowledgedBy: 'ops', lastNotifiedAt: seed.startedAt }]);
    expect(engine.tick(0, [makeSample(0, { temperatureC: 90 })])).toEqual([]);
    expect(engine.tick(600, [makeSample(600, { temperatureC: 90 })])).toEqual([]);
  });

  it('a seeded alert of a rule that no longer exists resolves on the next evaluation', () => {
    const engine = new TestEngine([makeRule()]);
    engine.seed([{ ...seed, ruleId: 99, lastNotifiedAt: seed.startedAt }]);
    expect(engine.tick(0)).toEqual(['resolve#7@0']);
  });
});
