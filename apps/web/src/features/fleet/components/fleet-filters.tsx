import { useEffect, useState } from 'react';
import { FLEET_METRICS, METRIC_LABELS, isFleetMetric } from '../model/fleet-metrics';
import {
  FLEET_SORTS,
  STATE_FILTERS,
  toggleLabel,
  withSort,
  type FleetSort,
  type FleetViewState,
} from '../model/fleet-url';
import { goToFleetView } from './fleet-page-state';

/** Typing settles for this long before the URL (and the history) takes the text. */
const TEXT_SETTLE_MS = 300;

const STATE_LABELS: Record<FleetViewState['state'], string> = {
  all: 'All',
  online: 'Online hosts',
  offline: 'Offline hosts',
  busy: 'Busy GPUs (≥ 50 %)',
  idle: 'Idle GPUs (< 10 %)',
  hot: 'Hot GPUs (≥ 80 °C)',
  stale: 'Stale GPUs',
};

const SORT_LABELS: Record<FleetSort, string> = {
  util: 'Utilisation (host max)',
  temp: 'Temperature (host max)',
  mem: 'Memory used % (host max)',
  host: 'Hostname',
};

function isFleetSort(value: string): value is FleetSort {
  return (FLEET_SORTS as readonly string[]).includes(value);
}

function TextFilter({ view }: { view: FleetViewState }) {
  const [text, setText] = useState(view.text);
  // The URL wins when it changes from elsewhere (back button, a shared link).
  useEffect(() => setText(view.text), [view.text]);
  useEffect(() => {
    if (text.trim() === view.text) return;
    const timer = setTimeout(() => goToFleetView({ ...view, text }), TEXT_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [text, view]);
  return (
    <label className="control fleet-filters__search">
      <span className="visually-hidden">Search hosts</span>
      <input
        type="search"
        className="fleet-input"
        placeholder="Host or label…"
        value={text}
        onChange={(event) => setText(event.target.value)}
        data-testid="fleet-filter-text"
        aria-label="Search hosts by name or label"
      />
    </label>
  );
}

function LabelChips({ view, choices }: { view: FleetViewState; choices: readonly string[] }) {
  if (choices.length === 0) return null;
  return (
    <div className="fleet-filters__labels" role="group" aria-label="Filter by label">
      {choices.map((label) => {
        const isOn = view.labels.includes(label);
        return (
          <button
            key={label}
            type="button"
            className={isOn ? 'fleet-chip fleet-chip--on' : 'fleet-chip'}
            aria-pressed={isOn}
            data-testid="fleet-label-chip"
            data-label={label}
            onClick={() => goToFleetView(toggleLabel(view, label))}
          >
            {label}
          </button>
        );
      })}
    </div>
  );
}

/** Text, state, sort and metric, and the label chips; on a phone all but the search fold away. */
export function FleetFilters({ view, labelChoices }: { view: FleetViewState; labelChoices: readonly string[] }) {
  const [isOpen, setIsOpen] = useState(false);
  const activeCount = (view.state === 'all' ? 0 : 1) + view.labels.length;
  return (
    <div className="fleet-filters" data-testid="fleet-filters">
      <div className="fleet-filters__top">
        <TextFilter view={view} />
        <button
          type="button"
          className="button fleet-filters__toggle"
          aria-expanded={isOpen}
          aria-controls="fleet-filters-more"
          onClick={() => setIsOpen((open) => !open)}
        >
          Filters & sort{activeCount > 0 ? ` (${String(activeCount)})` : ''}
        </button>
      </div>
      <div
        id="fleet-filters-more"
        className={isOpen ? 'fleet-filters__more fleet-filters__more--open' : 'fleet-filters__more'}
      >
        <label className="control">
          Show
          <select
            className="control__select"
            data-testid="fleet-filter-state"
            value={view.state}
            onChange={(event) => {
              const state = STATE_FILTERS.find((each) => each === event.target.value) ?? 'all';
              goToFleetView({ ...view, state });
            }}
          >
            {STATE_FILTERS.map((state) => (
              <option key={state} value={state}>
                {STATE_LABELS[state]}
              </option>
            ))}
          </select>
        </label>
        <label className="control">
          Sort hosts by
          <select
            className="control__select"
            data-testid="fleet-sort"
            value={view.sort}
            onChange={(event) => {
              if (isFleetSort(event.target.value)) goToFleetView(withSort(view, event.target.value));
            }}
          >
            {FLEET_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </select>
        </label>
        <label className="control">
          Colour by
          <select
            className="control__select"
            data-testid="fleet-metric"
            value={view.metric}
            onChange={(event) => {
              if (isFleetMetric(event.target.value)) goToFleetView({ ...view, metric: event.target.value });
            }}
          >
            {FLEET_METRICS.map((metric) => (
              <option key={metric} value={metric}>
                {METRIC_LABELS[metric]}
              </option>
            ))}
          </select>
        </label>
        <LabelChips view={view} choices={labelChoices} />
      </div>
    </div>
  );
}
