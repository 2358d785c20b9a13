import type { FleetCounts } from '../model/fleet-hosts';
import { BUSY_FROM_PCT, HOT_FROM_C, IDLE_BELOW_PCT } from '../model/fleet-metrics';
import type { FleetViewState, StateFilter } from '../model/fleet-url';
import { goToFleetView } from './fleet-page-state';

interface Stat {
  state: StateFilter;
  label: string;
  value: number;
  testId: string;
  hint: string;
  tone?: 'ok' | 'muted' | 'warn' | 'danger';
}

function stats(counts: FleetCounts): Stat[] {
  return [
    {
      state: 'online',
      label: 'online',
      value: counts.hostsOnline,
      testId: 'fleet-count-online',
      hint: 'Hosts online',
      tone: 'ok',
    },
    {
      state: 'offline',
      label: 'offline',
      value: counts.hostsOffline,
      testId: 'fleet-count-offline',
      hint: 'Hosts offline',
      tone: 'muted',
    },
    { state: 'all', label: 'GPUs', value: counts.gpus, testId: 'fleet-count-gpus', hint: 'Every GPU of the fleet' },
    {
      state: 'busy',
      label: 'busy',
      value: counts.gpusBusy,
      testId: 'fleet-count-busy',
      hint: `GPUs at ${String(BUSY_FROM_PCT)} % utilisation or more`,
    },
    {
      state: 'idle',
      label: 'idle',
      value: counts.gpusIdle,
      testId: 'fleet-count-idle',
      hint: `GPUs under ${String(IDLE_BELOW_PCT)} % utilisation`,
    },
    {
      state: 'hot',
      label: 'hot',
      value: counts.gpusHot,
      testId: 'fleet-count-hot',
      hint: `GPUs at ${String(HOT_FROM_C)} °C or more`,
      tone: 'danger',
    },
    {
      state: 'stale',
      label: 'stale',
      value: counts.gpusStale,
      testId: 'fleet-count-stale',
      hint: 'GPUs with no recent sample',
      tone: 'warn',
    },
  ];
}

/** The fleet's counts; each one also filters the list to what it counts. */
export function FleetSummary({ counts, view }: { counts: FleetCounts; view: FleetViewState }) {
  return (
    <ul className="fleet-summary" aria-label="Fleet counts">
      {stats(counts).map((stat) => (
        <li key={stat.testId}>
          <button
            type="button"
            className={`fleet-stat${stat.tone ? ` fleet-stat--${stat.tone}` : ''}`}
            title={`${stat.hint}: show only these`}
            aria-pressed={view.state === stat.state}
            data-testid={stat.testId}
            data-count={stat.value}
            onClick={() => goToFleetView({ ...view, state: view.state === stat.state ? 'all' : stat.state })}
          >
            <span className="fleet-stat__value">{stat.value.toLocaleString('en-US')}</span>
            <span className="fleet-stat__label">
              {stat.state === 'online' || stat.state === 'offline' ? `hosts ${stat.label}` : stat.label}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
