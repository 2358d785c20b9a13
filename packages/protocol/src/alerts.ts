import { z } from 'zod';
import { EpochMs, NUMERIC_METRICS } from './gpu.js';
import { TimeParam } from './history.js';

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

/**
 * Metrics a rule can watch beside the sample's own, computed by the evaluator:
 * - `memoryUsedPct`: memoryUsedMiB / memoryTotalMiB × 100;
 * - `powerLimitPct`: powerDrawW / powerLimitW × 100 ("power above the limit" is `> 100`);
 * - `temperatureRiseCPerMin`: °C gained over the last minute of samples, per minute;
 * - `eccErrorsIncrease`: corrected + uncorrected ECC errors added since the previous sample;
 * - `gpuStaleSeconds`: seconds since the GPU's last sample;
 * - `nvidiaSmiDown`: 1 while the source is not running (stalled, restarting, missing, failed), else 0;
 * - `hostOfflineSeconds`: seconds since any sample from the host.
 */
export const DERIVED_METRICS = [
  'memoryUsedPct',
  'powerLimitPct',
  'temperatureRiseCPerMin',
  'eccErrorsIncrease',
  'gpuStaleSeconds',
  'nvidiaSmiDown',
  'hostOfflineSeconds',
] as const;
export const DerivedMetric = z.enum(DERIVED_METRICS);
export type DerivedMetric = z.infer<typeof DerivedMetric>;

/** Derived metrics that are about the host, not one GPU: their alerts carry no uuid. */
export const HOST_METRICS: readonly DerivedMetric[] = ['nvidiaSmiDown', 'hostOfflineSeconds'];

export const RULE_METRICS = [...NUMERIC_METRICS, ...DERIVED_METRICS] as const;
export const RuleMetric = z.enum(RULE_METRICS);
export type RuleMetric = z.infer<typeof RuleMetric>;

export const RuleOp = z.enum(['>', '>=', '<', '<=']);
export type RuleOp = z.infer<typeof RuleOp>;

/** Which GPUs a rule watches: all (empty), one host's, or one GPU. */
export const RuleScope = z
  .object({
    hostId: z.string().min(1).max(200).optional(),
    uuid: z.string().min(1).max(200).optional(),
  })
  .strict();
export type RuleScope = z.infer<typeof RuleScope>;

const RuleFields = z.object({
  name: z.string().trim().min(1).max(120),
  metric: RuleMetric,
  op: RuleOp,
  threshold: z.number(),
  /** The condition must hold this long before the alert fires (0: at once). */
  forSeconds: z.number().int().min(0).max(86_400),
  /**
   * Hysteresis: a firing alert resolves only once the value is back past this (below it for `>`/`>=`,
   * above it for `<`/`<=`). Null: it resolves when the condition stops holding.
   */
  clearThreshold: z.number().nullable().default(null),
  severity: Severity,
  scope: RuleScope.default({}),
  /** Channels to notify; empty: every enabled channel that takes the alert's severity. */
  channels: z.array(z.number().int().positive()).max(50).default([]),
  /** Notify again this often while firing, unacknowledged and not silenced; null: once. */
  repeatIntervalSeconds: z.number().int().min(60).max(604_800).nullable().default(null),
  enabled: z.boolean().default(true),
});

function clearIsOnTheQuietSide(rule: { op: RuleOp; threshold: number; clearThreshold: number | null }): boolean {
  if (rule.clearThreshold === null) return true;
  return rule.op === '>' || rule.op === '>='
    ? rule.clearThreshold <= rule.threshold
    : rule.clearThreshold >= rule.threshold;
}

const CLEAR_MESSAGE = {
  message: 'clearThreshold must be on the quiet side of threshold (≤ it for > and >=, ≥ it for < and <=)',
  path: ['clearThreshold'],
};

/** `POST /api/v1/rules` and `PUT /api/v1/rules/:id` (a whole rule). */
export const RuleBody = RuleFields.strict().refine(clearIsOnTheQuietSide, CLEAR_MESSAGE);
export type RuleBody = z.infer<typeof RuleBody>;
export type RuleBodyInput = z.input<typeof RuleBody>;

export const AlertRule = RuleFields.extend({
  id: z.number().int().positive(),
  /** Shipped with the product (it can still be edited, disabled or deleted). */
  isDefault: z.boolean(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type AlertRule = z.infer<typeof AlertRule>;

/** A stored rule as the body that would save it again (for edits that change one field). */
export function ruleBodyOf(rule: AlertRule): RuleBody {
  return RuleFields.parse(rule);
}

export const RuleList = z.object({ items: z.array(AlertRule) });
export type RuleList = z.infer<typeof RuleList>;

/** `POST /api/v1/rules/preview`: a rule (saved or not) replayed over stored history. */
export const RulePreviewBody = z
  .object({
    rule: RuleFields.omit({ name: true, channels: true, repeatIntervalSeconds: true, enabled: true })
      .strict()
      .refine(clearIsOnTheQuietSide, CLEAR_MESSAGE),
    /** Defaults: the last 24 hours. */
    from: EpochMs.optional(),
    to: EpochMs.optional(),
  })
  .strict();
export type RulePreviewBody = z.infer<typeof RulePreviewBody>;

/** One period the rule would have fired for one GPU. `resolvedAt` null: still firing at the end. */
export const PreviewFiring = z.object({
  hostId: z.string(),
  uuid: z.string().nullable(),
  startedAt: EpochMs,
  resolvedAt: EpochMs.nullable(),
  /** The worst value seen while firing. */
  peakValue: z.number(),
});
export type PreviewFiring = z.infer<typeof PreviewFiring>;

export const RulePreview = z.object({
  from: EpochMs,
  to: EpochMs,
  /** Width of the history buckets replayed (the preview is only as fine as that). */
  stepMs: z.number().int().positive(),
  gpus: z.number().int().nonnegative(),
  firings: z.array(PreviewFiring),
  /** Set when the metric cannot be replayed from history (source and host state are not stored). */
  unsupportedReason: z.string().nullable(),
});
export type RulePreview = z.infer<typeof RulePreview>;

/**
 * Stored alert states. `pending` (the condition holds, `forSeconds` not yet over) lives in the
 * evaluator only; `acknowledged` is still active, someone has taken it.
 */
export const AlertState = z.enum(['firing', 'acknowledged', 'resolved']);
export type AlertState = z.infer<typeof AlertState>;

export const Alert = z.object({
  id: z.number().int().positive(),
  ruleId: z.number().int().positive().nullable(),
  ruleName: z.string(),
  hostId: z.string().nullable(),
  /** Null for host-wide alerts (nvidia-smi down, host offline). */
  uuid: z.string().nullable(),
  state: AlertState,
  severity: Severity,
  metric: RuleMetric,
  op: RuleOp,
  /** The value that fired it. */
  value: z.number().nullable(),
  threshold: z.number(),
  message: z.string(),
  startedAt: EpochMs,
  resolvedAt: EpochMs.nullable(),
  acknowledgedAt: EpochMs.nullable(),
  acknowledgedBy: z.string().nullable(),
  /** No repeat notifications until then (the resolution is still sent). */
  silencedUntil: EpochMs.nullable(),
});
export type Alert = z.infer<typeof Alert>;

/** `GET /api/v1/alerts` query. `active=true`: firing and acknowledged ones, whatever `state` says. */
export const AlertListQuery = z
  .object({
    state: AlertState.optional(),
    active: z.enum(['true', 'false']).optional(),
    severity: Severity.optional(),
    uuid: z.string().min(1).max(200).optional(),
    hostId: z.string().min(1).max(200).optional(),
    ruleId: z.coerce.number().int().positive().optional(),
    from: TimeParam.optional(),
    to: TimeParam.optional(),
    /** Opaque; from the previous page's `nextCursor`. */
    cursor: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type AlertListQuery = z.infer<typeof AlertListQuery>;

/** Newest first. `nextCursor` null: no more. `total` counts every alert the filters match. */
export const AlertPage = z.object({
  items: z.array(Alert),
  nextCursor: z.string().nullable(),
  total: z.number().int().nonnegative(),
});
export type AlertPage = z.infer<typeof AlertPage>;

/** `POST /api/v1/alerts/:id/silence`. */
export const SilenceBody = z.object({ durationSeconds: z.number().int().min(60).max(2_592_000) }).strict();
export type SilenceBody = z.infer<typeof SilenceBody>;
