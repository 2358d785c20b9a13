import { useMemo } from 'react';
import { Badge } from '../../../components/badge';
import { errorMessage } from '../../../lib/api-client';
import { fleetCounts } from '../model/fleet-hosts';
import { labelChoices } from '../model/fleet-order';
import { shownDensity } from '../model/fleet-density';
import { withoutFilters } from '../model/fleet-url';
import { CompactFleetList } from './compact-fleet-list';
import { DensityControl } from './density-control';
import { FleetFilters } from './fleet-filters';
import { FleetLegend } from './fleet-legend';
import { FleetList } from './fleet-list';
import { goToFleetView, useFleetView } from './fleet-page-state';
import { FleetSummary } from './fleet-summary';
import { ORDER_REFRESH_MS, useFleet, useFleetOrder } from './use-fleet';
import './fleet-scale.css';
import './fleet.css';
import './fleet-compact.css';

const SORT_NOTES = { util: 'busiest', temp: 'hottest', mem: 'fullest memory' } as const;

/** `/fleet`: every host and its GPUs at a glance, live. */
export function FleetPage() {
  const view = useFleetView();
  const fleet = useFleet();
  const { hosts } = fleet;
  const order = useFleetOrder(hosts, view);
  const counts = useMemo(() => fleetCounts(hosts), [hosts]);
  const choices = useMemo(() => labelChoices(hosts), [hosts]);
  const density = shownDensity(view.density, order.hostIds.length);

  if (fleet.isLoading) return <p className="page-state">Loading the fleet…</p>;
  if (fleet.gpusError !== null && hosts.length === 0) {
    return (
      <p className="page-state page-state--error" role="alert">
        Cannot load the fleet: {errorMessage(fleet.gpusError)}
      </p>
    );
  }

  return (
    <div className={`fleet fleet-scale--${view.metric}`}>
      <header className="fleet__head">
        <h1 className="fleet__title">
          Fleet
          {fleet.isSimulated ? (
            <Badge tone="sim" title="The data is simulated, not read from GPUs" testId="fleet-simulated">
              SIMULATED
            </Badge>
          ) : null}
        </h1>
        <FleetSummary counts={counts} view={view} />
      </header>
      <FleetFilters view={view} labelChoices={choices} />
      <div className="fleet__bar">
        <p className="panel-note" data-testid="fleet-shown" data-count={order.hostIds.length} aria-live="polite">
          {order.hostIds.length === hosts.length
            ? `${String(hosts.length)} hosts`
            : `${String(order.hostIds.length)} of ${String(hosts.length)} hosts`}
          {view.sort === 'host'
            ? ' · by hostname'
            : ` · ${SORT_NOTES[view.sort]} first, by each host’s highest GPU · re-sorted every ${String(ORDER_REFRESH_MS / 1_000)} s`}
        </p>
        <div className="fleet__bar-end">
          <DensityControl view={view} shown={density} />
          <FleetLegend metric={view.metric} />
        </div>
      </div>
      {fleet.hostsError !== null ? (
        <p className="form-error" role="alert">
          Host details are unavailable ({errorMessage(fleet.hostsError)}): showing the GPUs the stream reports.
        </p>
      ) : null}
      {order.hostIds.length === 0 ? (
        <div className="page-state" data-testid="fleet-empty">
          {hosts.length === 0 ? (
            <p>No host has reported yet. Start an agent with `gpu-sentinel agent` on a GPU host.</p>
          ) : (
            <p>
              No host matches these filters.{' '}
              <button type="button" className="button" onClick={() => goToFleetView(withoutFilters(view))}>
                Clear filters
              </button>
            </p>
          )}
        </div>
      ) : density === 'compact' ? (
        <CompactFleetList hosts={hosts} order={order} view={view} nowTs={fleet.nowTs} />
      ) : (
        <FleetList hosts={hosts} order={order} view={view} nowTs={fleet.nowTs} isSimulated={fleet.isSimulated} />
      )}
    </div>
  );
}
