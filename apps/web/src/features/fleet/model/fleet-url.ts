import { isFleetDensity, type FleetDensity } from './fleet-density';
import { isFleetMetric, type FleetMetric } from './fleet-metrics';

export const STATE_FILTERS = ['all', 'online', 'offline', 'busy', 'idle', 'hot', 'stale'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

/** Hosts are sorted by the highest value of a metric among their GPUs, or by hostname. */
export const FLEET_SORTS = ['util', 'temp', 'mem', 'host'] as const;
export type FleetSort = (typeof FLEET_SORTS)[number];

/** Everything the fleet view shows, as kept in its URL so that a link reproduces the view. */
export interface FleetViewState {
  /** Matches a hostname, host id or label value; case-insensitive. */
  text: string;
  /** `key=value` pairs a host must all carry. */
  labels: readonly string[];
  state: StateFilter;
  sort: FleetSort;
  /** What the cells show and colour; follows the sort unless chosen. */
  metric: FleetMetric;
  /** The density chosen; null: it follows the number of hosts shown (see shownDensity). */
  density: FleetDensity | null;
}

export const DEFAULT_FLEET_VIEW: FleetViewState = {
  text: '',
  labels: [],
  state: 'all',
  sort: 'util',
  metric: 'util',
  density: null,
};

function isStateFilter(value: string | null): value is StateFilter {
  return (STATE_FILTERS as readonly (string | null)[]).includes(value);
}

function isFleetSort(value: string | null): value is FleetSort {
  return (FLEET_SORTS as readonly (string | null)[]).includes(value);
}

/** The metric a sort implies when none is chosen. */
export function defaultMetricFor(sort: FleetSort): FleetMetric {
  return sort === 'host' ? 'util' : sort;
}

/** A `key=value` label selector, or null when it is not one. */
export function parseLabel(text: string): { key: string; value: string } | null {
  const at = text.indexOf('=');
  if (at <= 0) return null;
  return { key: text.slice(0, at), value: text.slice(at + 1) };
}

/** Reads `?q=…&label=k=v&state=…&sort=…&metric=…&density=…`; anything unreadable falls back to the default. */
export function parseFleetSearch(search: string): FleetViewState {
  const params = new URLSearchParams(search);
  const state = params.get('state');
  const sortText = params.get('sort');
  const metric = params.get('metric');
  const density = params.get('density');
  const sort = isFleetSort(sortText) ? sortText : DEFAULT_FLEET_VIEW.sort;
  const labels = params.getAll('label').filter((label) => parseLabel(label) !== null);
  return {
    text: (params.get('q') ?? '').trim(),
    labels: [...new Set(labels)].sort(),
    state: isStateFilter(state) ? state : 'all',
    sort,
    metric: isFleetMetric(metric) ? metric : defaultMetricFor(sort),
    density: isFleetDensity(density) ? density : null,
  };
}

/** The query string for a state, defaults left out, in one fixed order (so equal views have equal URLs). */
export function fleetSearch(state: FleetViewState): string {
  const params = new URLSearchParams();
  const text = state.text.trim();
  if (text !== '') params.set('q', text);
  for (const label of [...new Set(state.labels)].sort()) params.append('label', label);
  if (state.state !== 'all') params.set('state', state.state);
  if (state.sort !== DEFAULT_FLEET_VIEW.sort) params.set('sort', state.sort);
  if (state.metric !== defaultMetricFor(state.sort)) params.set('metric', state.metric);
  if (state.density !== null) params.set('density', state.density);
  const query = params.toString().replaceAll('%3D', '=');
  return query === '' ? '' : `?${query}`;
}

/** A new sort keeps the metric only when it was chosen apart from the old sort. */
export function withSort(state: FleetViewState, sort: FleetSort): FleetViewState {
  const isMetricChosen = state.metric !== defaultMetricFor(state.sort);
  return { ...state, sort, metric: isMetricChosen ? state.metric : defaultMetricFor(sort) };
}

/** Filters cleared; how the fleet is drawn (sort, metric, density) stays as chosen. */
export function withoutFilters(state: FleetViewState): FleetViewState {
  return { ...state, text: '', labels: [], state: 'all' };
}

export function toggleLabel(state: FleetViewState, label: string): FleetViewState {
  const labels = state.labels.includes(label)
    ? state.labels.filter((each) => each !== label)
    : [...state.labels, label].sort();
  return { ...state, labels };
}
