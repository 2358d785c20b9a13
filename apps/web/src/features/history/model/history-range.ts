/** The time ranges the history view offers, and how a range in the URL becomes epoch milliseconds. */
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const RANGE_PRESETS = [
  { id: '15m', label: '15 min', ms: 15 * MINUTE_MS },
  { id: '1h', label: '1 h', ms: HOUR_MS },
  { id: '6h', label: '6 h', ms: 6 * HOUR_MS },
  { id: '24h', label: '24 h', ms: DAY_MS },
  { id: '7d', label: '7 d', ms: 7 * DAY_MS },
  { id: '30d', label: '30 d', ms: 30 * DAY_MS },
] as const;

export type RangePresetId = (typeof RANGE_PRESETS)[number]['id'];
export const DEFAULT_PRESET: RangePresetId = '1h';

/** A preset ends at "now" whenever it is read; an absolute range (custom or zoomed) is fixed. */
export type HistoryRange = { kind: 'preset'; preset: RangePresetId } | { kind: 'absolute'; from: number; to: number };

export interface TimeWindow {
  from: number;
  to: number;
}

export function presetById(id: string | null): (typeof RANGE_PRESETS)[number] | undefined {
  return RANGE_PRESETS.find((preset) => preset.id === id);
}

export function rangeSpanMs(range: HistoryRange): number {
  return range.kind === 'absolute' ? range.to - range.from : (presetById(range.preset)?.ms ?? HOUR_MS);
}

export function resolveRange(range: HistoryRange, nowMs: number): TimeWindow {
  if (range.kind === 'absolute') return { from: range.from, to: range.to };
  const spanMs = rangeSpanMs(range);
  const to = Math.round(nowMs);
  return { from: Math.max(0, to - spanMs), to };
}

/** Below this a drag is taken for a click, and a zoom would ask for less than one sample. */
export const MIN_ZOOM_SPAN_MS = 1_000;

/** The dragged span, rounded to whole milliseconds; null when too narrow to be meant. */
export function zoomRange(fromMs: number, toMs: number): HistoryRange | null {
  const from = Math.round(Math.min(fromMs, toMs));
  const to = Math.round(Math.max(fromMs, toMs));
  if (!Number.isFinite(from) || !Number.isFinite(to) || to - from < MIN_ZOOM_SPAN_MS || from < 0) return null;
  return { kind: 'absolute', from, to };
}

/** Twice the span around the same middle, not past now: the keyboard's way back out of a zoom. */
export function zoomOutRange(window: TimeWindow, nowMs: number): HistoryRange {
  const spanMs = window.to - window.from;
  const to = Math.min(Math.round(nowMs), window.to + spanMs / 2);
  const from = Math.max(0, to - 2 * spanMs);
  return { kind: 'absolute', from: Math.round(from), to: Math.round(to) };
}

/** `datetime-local` text ("2026-11-26T14:05") for a time, in the viewer's time zone. */
export function toLocalInput(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export type CustomRangeResult = { ok: true; range: HistoryRange } | { ok: false; message: string };

/** The custom range form's two `datetime-local` values, checked the way a person would read them. */
export function parseCustomRange(fromText: string, toText: string): CustomRangeResult {
  if (fromText === '' || toText === '') return { ok: false, message: 'Enter both a start and an end.' };
  // `datetime-local` values carry no zone: Date parses them as local time, as the inputs show them.
  const from = new Date(fromText).getTime();
  const to = new Date(toText).getTime();
  if (Number.isNaN(from) || Number.isNaN(to)) return { ok: false, message: 'Enter dates as shown in the fields.' };
  if (from >= to) return { ok: false, message: 'The start must be before the end.' };
  return { ok: true, range: { kind: 'absolute', from, to } };
}
