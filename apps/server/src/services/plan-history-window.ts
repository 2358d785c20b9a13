import { planHistoryRead, type Clock, type HistoryReadPlan } from '@gpu-sentinel/core';
import { retentionMs } from '@gpu-sentinel/protocol';
import type { RetentionControl } from './retention/retention-job.js';

export interface PlanHistoryDeps {
  clock: Clock;
  retention: Pick<RetentionControl, 'retention'>;
}

/** Plan a history read of [from, to) in `points` against the retention in force now (so a dropped tier is skipped). */
export function planHistoryWindow(deps: PlanHistoryDeps, from: number, to: number, points: number): HistoryReadPlan {
  return planHistoryRead({
    from,
    to,
    points,
    now: deps.clock.now(),
    retentionMs: retentionMs(deps.retention.retention()),
  });
}
