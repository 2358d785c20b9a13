import { replayRule, type Clock } from '@gpu-sentinel/core';
import type { HistorySeries, NumericMetric, PreviewFiring, RulePreview, RulePreviewBody } from '@gpu-sentinel/protocol';
import { ValidationError } from '../../errors/app-error.js';
import type { LiveState } from '../../live/live-state.js';
import type { Store } from '../../store/store.js';
import { planHistoryWindow } from '../plan-history-window.js';
import type { RetentionControl } from '../retention/retention-job.js';
import { bucketEndFor, previewValues, seriesNeededFor, UNREPLAYABLE_METRICS } from './preview-values.js';

export const DEFAULT_PREVIEW_RANGE_MS = 24 * 3_600_000;
export const MAX_PREVIEW_RANGE_MS = 7 * 24 * 3_600_000;
/** A minute per bucket over the default day; a week comes back in 10-minute buckets. */
export const PREVIEW_POINTS = 1_440;

export interface PreviewRuleDeps {
  live: Pick<LiveState, 'inventory'>;
  store: Pick<Store, 'readSeries'>;
  clock: Clock;
  retention: Pick<RetentionControl, 'retention'>;
}

interface PreviewGpu {
  hostId: string;
  uuid: string;
}

/**
 * `POST /rules/preview`: when a rule (saved or not) would have fired over stored history, per GPU
 * in its scope, replayed with the live evaluator's condition semantics over history buckets.
 */
export async function previewRule(deps: PreviewRuleDeps, body: RulePreviewBody): Promise<RulePreview> {
  const { rule } = body;
  // The default day ends on the next whole minute, so it reads exactly 1,440 one-minute rollup rows.
  const to =
    body.to ?? (body.from === undefined ? nextWholeMinute(deps.clock.now()) : body.from + DEFAULT_PREVIEW_RANGE_MS);
  const from = body.from ?? Math.max(0, to - DEFAULT_PREVIEW_RANGE_MS);
  if (from >= to) throw new ValidationError('from: must be before to', 'from');
  if (to - from > MAX_PREVIEW_RANGE_MS) throw new ValidationError('from: the preview covers at most 7 days', 'from');
  const plan = planHistoryWindow(deps, from, to, PREVIEW_POINTS);
  const gpus = gpusInScope(deps.live, rule.scope);
  const preview: RulePreview = {
    from,
    to,
    stepMs: plan.bucketMs,
    gpus: gpus.length,
    firings: [],
    unsupportedReason: null,
  };
  if (UNREPLAYABLE_METRICS.has(rule.metric)) {
    return {
      ...preview,
      unsupportedReason: `${rule.metric} depends on source and host state, which history does not keep`,
    };
  }
  if (gpus.length === 0) return preview;
  const result = await deps.store.readSeries({
    uuids: gpus.map((gpu) => gpu.uuid),
    metrics: seriesNeededFor(rule.metric),
    ...plan,
    from,
    to,
  });
  const end = bucketEndFor(rule.op);
  const firings: PreviewFiring[] = [];
  for (const gpu of gpus) {
    const series: ReadonlyMap<NumericMetric, HistorySeries> = result.get(gpu.uuid) ?? new Map();
    const values = previewValues(rule.metric, series, end, plan.bucketMs);
    for (const firing of replayRule(rule, values, plan.bucketMs)) firings.push({ ...gpu, ...firing });
  }
  firings.sort((a, b) => a.startedAt - b.startedAt);
  return { ...preview, firings };
}

/**
 * The GPUs a scope covers among those known now; a GPU named by uuid that is not live (gone, or not
 * there yet) is still read, in case history has it.
 */
function gpusInScope(live: Pick<LiveState, 'inventory'>, scope: RulePreviewBody['rule']['scope']): PreviewGpu[] {
  const gpus = live
    .inventory()
    .filter(
      (gpu) =>
        (scope.hostId === undefined || gpu.hostId === scope.hostId) &&
        (scope.uuid === undefined || gpu.uuid === scope.uuid),
    )
    .map(({ hostId, uuid }) => ({ hostId, uuid }));
  if (scope.uuid !== undefined && gpus.length === 0) return [{ hostId: scope.hostId ?? '', uuid: scope.uuid }];
  return gpus;
}

function nextWholeMinute(ms: number): number {
  return Math.ceil(ms / 60_000) * 60_000;
}
