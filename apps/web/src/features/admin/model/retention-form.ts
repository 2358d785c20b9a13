import { RetentionSettings } from '@gpu-sentinel/protocol';
import { ApiError, errorMessage } from '../../../lib/api-client';

export type RetentionField = keyof RetentionSettings;

export const RETENTION_FIELDS: readonly RetentionField[] = ['rawHours', 'minuteDays', 'tenMinuteDays', 'hourDays'];

/** The form's inputs as typed: strings, so a half-typed or empty value can be shown and named. */
export type RetentionDraft = Record<RetentionField, string>;
export type RetentionErrors = Partial<Record<RetentionField, string>>;

interface FieldSpec {
  label: string;
  unit: 'hours' | 'days';
  min: number;
  max: number;
}

function bounds(field: RetentionField): { min: number; max: number } {
  const { minValue, maxValue } = RetentionSettings.shape[field];
  return { min: minValue ?? 1, max: maxValue ?? Number.MAX_SAFE_INTEGER };
}

/** Labels, units and bounds, the bounds read from the protocol schema the server checks with. */
export const RETENTION_SPECS: Record<RetentionField, FieldSpec> = {
  rawHours: { label: 'Raw samples', unit: 'hours', ...bounds('rawHours') },
  minuteDays: { label: '1-minute rollups', unit: 'days', ...bounds('minuteDays') },
  tenMinuteDays: { label: '10-minute rollups', unit: 'days', ...bounds('tenMinuteDays') },
  hourDays: { label: '1-hour rollups', unit: 'days', ...bounds('hourDays') },
};

export function draftOf(settings: RetentionSettings): RetentionDraft {
  return {
    rawHours: String(settings.rawHours),
    minuteDays: String(settings.minuteDays),
    tenMinuteDays: String(settings.tenMinuteDays),
    hourDays: String(settings.hourDays),
  };
}

function checkField(field: RetentionField, text: string): { value: number } | { error: string } {
  const { label, unit, min, max } = RETENTION_SPECS[field];
  const trimmed = text.trim();
  if (trimmed === '') return { error: `${label}: enter a number of ${unit}` };
  const value = Number(trimmed);
  if (!Number.isInteger(value)) return { error: `${label}: a whole number of ${unit}` };
  if (value < min || value > max) return { error: `${label}: between ${min} and ${max} ${unit}` };
  return { value };
}

/** The settings to send, or an error per field that is not a whole number within its bounds. */
export function validateRetention(
  draft: RetentionDraft,
): { ok: true; settings: RetentionSettings } | { ok: false; errors: RetentionErrors } {
  const errors: RetentionErrors = {};
  const settings: Partial<RetentionSettings> = {};
  for (const field of RETENTION_FIELDS) {
    const checked = checkField(field, draft[field]);
    if ('error' in checked) errors[field] = checked.error;
    else settings[field] = checked.value;
  }
  const parsed = RetentionSettings.safeParse(settings);
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, settings: parsed.data };
}

/** Only what changed, so saving one value does not resend the others. */
export function changedRetention(current: RetentionSettings, next: RetentionSettings): Partial<RetentionSettings> {
  const changed: Partial<RetentionSettings> = {};
  for (const field of RETENTION_FIELDS) if (next[field] !== current[field]) changed[field] = next[field];
  return changed;
}

/**
 * Where a failed save's message belongs: next to the input the server named (`retention.rawHours`),
 * or above the form when it named none of them.
 */
export function saveErrorPlacement(error: unknown): { field: RetentionField | null; message: string } {
  if (!(error instanceof ApiError) || error.field === null) return { field: null, message: errorMessage(error) };
  const name = error.field.replace(/^retention\./, '');
  const field = RETENTION_FIELDS.find((each) => each === name) ?? null;
  return { field, message: field === null ? errorMessage(error) : error.message };
}
