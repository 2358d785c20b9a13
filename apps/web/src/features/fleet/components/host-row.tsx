import { memo } from 'react';
import { Badge } from '../../../components/badge';
import { Link } from '../../../components/link';
import { paths } from '../../../lib/router';
import { hostCells } from '../model/fleet-cells';
import type { HostSnapshot } from '../model/fleet-hosts';
import type { FleetMetric } from '../model/fleet-metrics';
import type { StateFilter } from '../model/fleet-url';
import { GpuCell } from './gpu-cell';
import { StatusDot, agentLine, lastSeenText } from './host-status';

interface HostRowProps {
  host: HostSnapshot;
  gpuOrder: readonly string[] | undefined;
  metric: FleetMetric;
  state: StateFilter;
  /** Only offline rows say how long ago; online rows get null and so ignore the clock. */
  nowTs: number | null;
  /** Whether the fleet's data is simulated: labels a host whose own source is not known yet. */
  isSimulated: boolean;
}

/** One host: who it is, then one cell per GPU. */
export const HostRow = memo(function HostRow({ host, gpuOrder, metric, state, nowTs, isSimulated }: HostRowProps) {
  const { facts } = host;
  const isOffline = host.status === 'offline';
  const labels = Object.entries(facts?.labels ?? {});
  const source = facts?.source ?? null;
  const isSourceTrouble = source !== null && source.status !== 'running';
  const cells = hostCells(host, gpuOrder, metric, state);
  return (
    <div
      className={isOffline ? 'fleet-row fleet-row--offline' : 'fleet-row'}
      data-testid="fleet-host-row"
      data-host-id={host.hostId}
      data-status={host.status}
    >
      <div className="fleet-row__host">
        <div className="fleet-row__name-line">
          <StatusDot status={host.status} />
          <Link href={paths.fleetHost(host.hostId)} className="fleet-row__name" data-testid="fleet-host-link">
            {host.hostname}
          </Link>
          {(source ? source.isSimulated : isSimulated) ? <Badge tone="sim">SIM</Badge> : null}
          {facts?.isLocal ? <Badge>local</Badge> : null}
        </div>
        <p className={isSourceTrouble ? 'fleet-row__meta fleet-row__meta--warn' : 'fleet-row__meta'}>
          {facts ? agentLine(facts.agentVersion, facts.isLocal, source) : 'no host facts yet'}
        </p>
        {isOffline ? (
          <p className="fleet-row__meta fleet-row__seen" data-testid="host-last-seen">
            {lastSeenText(host.lastSeenTs, nowTs)}
          </p>
        ) : null}
        {labels.length > 0 ? (
          <ul className="fleet-row__labels" aria-label="Labels">
            {labels.map(([key, value]) => (
              <li key={key} className="fleet-label">
                <span className="fleet-label__key">{key}</span>={value}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="fleet-row__cells" role="group" aria-label={`GPUs of ${host.hostname}`}>
        {cells.length === 0 ? <span className="fleet-row__empty">no GPU reported</span> : null}
        {cells.map((cell) => (
          <GpuCell key={cell.uuid} {...cell} />
        ))}
      </div>
    </div>
  );
});
