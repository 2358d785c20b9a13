import { NUMERIC_METRICS, type NumericMetric } from '@gpu-sentinel/protocol';
import { DEFAULT_PRESET, presetById, type HistoryRange } from './history-range';

export const COMPARE_CHOICES = ['off', '1d', '1w'] as const;
export type CompareChoice = (typeof COMPARE_CHOICES)[number];

export const DEFAULT_METRICS: readonly NumericMetric[] = [
  'utilizationGpuPct',
  'memoryUsedMiB',
  'temperatureC',
  'powerDrawW',
];

/** Everything the history view shows, as kept in its URL so that a link reproduces the view. */
export interface HistoryViewState {
  range: HistoryRange;
  /** null: every GPU (also those that appear later); a list: only these. */
  gpus: readonly string[] | null;
  metrics: readonly NumericMetric[];
  compare: CompareChoice;
}

function isMetric(value: string): value is NumericMetric {
  return (NUMERIC_METRICS as readonly string[]).includes(value);
}

function isCompare(value: string | null): value is CompareChoice {
  return (COMPARE_CHOICES as readonly (string | null)[]).includes(value);
}

function list(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function parseRange(params: URLSearchParams): HistoryRange {
  const from = Number(params.get('from'));
  const to = Number(params.get('to'));
  if (params.has('from') && params.has('to') && Number.isSafeInteger(from) && Number.isSafeInteger(to) && from >= 0) {
    if (from < to) return { kind: 'absolute', from, to };
  }
  const preset = presetById(params.get('range'));
  return { kind: 'preset', preset: preset?.id ?? DEFAULT_PRESET };
}

/** Reads `?range=6h` or `?from=…&to=…`, `gpus`, `metrics` and `compare`; anything unreadable falls back to the default. */
export function parseHistorySearch(search: string): HistoryViewState {
  const params = new URLSearchParams(search);
  const gpusText = params.get('gpus');
  const metrics = list(params.get('metrics') ?? '').filter(isMetric);
  const compare = params.get('compare');
  return {
    range: parseRange(params),
    gpus: gpusText === null ? null : list(gpusText),
    metrics: metrics.length > 0 ? [...new Set(metrics)] : DEFAULT_METRICS,
    compare: isCompare(compare) ? compare : 'off',
  };
}

/** The query string for a state, defaults left out, in one fixed order (so equal views have equal URLs). */
export function historySearch(state: HistoryViewState): string {
  const params = new URLSearchParams();
  if (state.range.kind === 'preset') {
    if (state.range.preset !== DEFAULT_PRESET) params.set('range', state.range.preset);
  } else {
    params.set('from', String(state.range.from));
    params.set('to', String(state.range.to));
  }
  if (state.gpus !== null) params.set('gpus', state.gpus.join(','));
  const isDefaultMetrics =
    state.metrics.length === DEFAULT_METRICS.length && state.metrics.every((m, i) => m === DEFAULT_METRICS[i]);
  if (!isDefaultMetrics) params.set('metrics', state.metrics.join(','));
  if (state.compare !== 'off') params.set('compare', state.compare);
  const text = params.toString().replaceAll('%2C', ',');
  return text === '' ? '' : `?${text}`;
}

/** The GPUs shown, in the order of the GPU list; `null` in the state means all of them. */
export function selectedGpus(state: HistoryViewState, known: readonly string[]): readonly string[] {
  return state.gpus ?? known;
}

/** The state with one GPU switched on or off; all switched on again reads as "every GPU". */
export function toggleGpu(state: HistoryViewState, known: readonly string[], uuid: string): HistoryViewState {
  const current = selectedGpus(state, known);
  const next = current.includes(uuid) ? current.filter((item) => item !== uuid) : [...current, uuid];
  const ordered = [...known.filter((item) => next.includes(item)), ...next.filter((item) => !known.includes(item))];
  const isAll = known.length > 0 && known.every((item) => ordered.includes(item)) && ordered.length === known.length;
  return { ...state, gpus: isAll ? null : ordered };
}

/** The state with one metric switched on or off, kept in the catalogue's order; the last one stays. */
export function toggleMetric(state: HistoryViewState, metric: NumericMetric): HistoryViewState {
  const isOn = state.metrics.includes(metric);
  if (isOn && state.metrics.length === 1) return state;
  const next = isOn ? state.metrics.filter((item) => item !== metric) : [...state.metrics, metric];
  return { ...state, metrics: NUMERIC_METRICS.filter((item) => next.includes(item)) };
}
