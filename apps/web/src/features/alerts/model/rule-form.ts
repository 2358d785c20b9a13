import type { AlertRule, RuleBodyInput, RuleMetric, RuleOp, RulePreviewBody, Severity } from '@gpu-sentinel/protocol';
import { ApiError, errorMessage } from '../../../lib/api-client';

/** The rule form as typed: numbers stay text until saved, so a half-typed value is not lost. */
export interface RuleDraft {
  name: string;
  metric: RuleMetric;
  op: RuleOp;
  threshold: string;
  forSeconds: string;
  clearThreshold: string;
  severity: Severity;
  /** '' all hosts, else a host id. */
  hostId: string;
  /** '' every GPU of the scope, else a GPU uuid. */
  uuid: string;
  channels: number[];
  repeatIntervalSeconds: string;
  enabled: boolean;
}

export const RULE_FIELDS = [
  'name',
  'metric',
  'op',
  'threshold',
  'forSeconds',
  'clearThreshold',
  'severity',
  'scope',
  'channels',
  'repeatIntervalSeconds',
  'enabled',
] as const;
export type RuleField = (typeof RULE_FIELDS)[number];
export type RuleErrors = Partial<Record<RuleField, string>>;

export const EMPTY_RULE: RuleDraft = {
  name: '',
  metric: 'temperatureC',
  op: '>=',
  threshold: '85',
  forSeconds: '30',
  clearThreshold: '',
  severity: 'warning',
  hostId: '',
  uuid: '',
  channels: [],
  repeatIntervalSeconds: '',
  enabled: true,
};

const text = (value: number | null): string => (value === null ? '' : String(value));

export function draftOf(rule: AlertRule): RuleDraft {
  return {
    name: rule.name,
    metric: rule.metric,
    op: rule.op,
    threshold: String(rule.threshold),
    forSeconds: String(rule.forSeconds),
    clearThreshold: text(rule.clearThreshold),
    severity: rule.severity,
    hostId: rule.scope.hostId ?? '',
    uuid: rule.scope.uuid ?? '',
    channels: rule.channels,
    repeatIntervalSeconds: text(rule.repeatIntervalSeconds),
    enabled: rule.enabled,
  };
}

type Checked<T> = { ok: true; value: T } | { ok: false; errors: RuleErrors };

function numberOf(raw: string): number | null {
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : Number.NaN;
}

/** Only what the form itself can tell (a number is a number); the API judges the rest and names the field. */
export function previewRuleOf(draft: RuleDraft): Checked<RulePreviewBody['rule']> {
  const errors: RuleErrors = {};
  const threshold = numberOf(draft.threshold);
  const forSeconds = numberOf(draft.forSeconds) ?? 0;
  const clearThreshold = numberOf(draft.clearThreshold);
  if (threshold === null || Number.isNaN(threshold)) errors.threshold = 'Enter a number';
  if (Number.isNaN(forSeconds) || !Number.isInteger(forSeconds)) errors.forSeconds = 'Enter whole seconds';
  if (clearThreshold !== null && Number.isNaN(clearThreshold)) errors.clearThreshold = 'Enter a number, or leave empty';
  if (Object.keys(errors).length > 0 || threshold === null) return { ok: false, errors };
  const scope: RulePreviewBody['rule']['scope'] = {};
  if (draft.hostId !== '') scope.hostId = draft.hostId;
  if (draft.uuid !== '') scope.uuid = draft.uuid;
  return {
    ok: true,
    value: {
      metric: draft.metric,
      op: draft.op,
      threshold,
      forSeconds,
      clearThreshold,
      severity: draft.severity,
      scope,
    },
  };
}

export function ruleBodyOf(draft: RuleDraft): Checked<RuleBodyInput> {
  const checked = previewRuleOf(draft);
  const repeat = numberOf(draft.repeatIntervalSeconds);
  const errors: RuleErrors = checked.ok ? {} : { ...checked.errors };
  if (repeat !== null && (Number.isNaN(repeat) || !Number.isInteger(repeat))) {
    errors.repeatIntervalSeconds = 'Enter whole seconds, or leave empty';
  }
  if (!checked.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      ...checked.value,
      name: draft.name,
      channels: draft.channels,
      repeatIntervalSeconds: repeat,
      enabled: draft.enabled,
    },
  };
}

/**
 * Where an API refusal goes: next to the field it names (`clearThreshold`, `rule.scope.uuid`,
 * `scope`), or above the form when it names none the form shows.
 */
export function placeApiError(error: unknown): { field: RuleField | null; message: string } {
  if (error instanceof ApiError && error.field !== null) {
    const segments = error.field.split(/[.[\]]/).filter((part) => part !== '' && part !== 'rule' && part !== 'body');
    const field = RULE_FIELDS.find((each) => each === segments[0]) ?? null;
    // The API says "clearThreshold: must be …"; beside the field, its name is already there.
    if (field !== null) return { field, message: error.message.replace(`${error.field}: `, '') };
  }
  return { field: null, message: errorMessage(error) };
}
