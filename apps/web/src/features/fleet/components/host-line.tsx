import { memo } from 'react';
import { Link } from '../../../components/link';
import { paths } from '../../../lib/router';
import { hostCells } from '../model/fleet-cells';
import type { HostSnapshot } from '../model/fleet-hosts';
import type { FleetMetric } from '../model/fleet-metrics';
import type { StateFilter } from '../model/fleet-url';
import { GpuCell } from './gpu-cell';
import { StatusDot, agentLine, lastSeenText } from './host-status';

interface HostLineProps {
  host: HostSnapshot;
  gpuOrder: readonly string[] | undefined;
  metric: FleetMetric;
  state: StateFilter;
  /** Only offline lines say how long ago (in the tooltip); online lines get null and so ignore the clock. */
  nowTs: number | null;
}

/** What the comfortable row spells out, for the compact line's tooltip. */
function hostTitle(host: HostSnapshot, nowTs: number | null): string {
  const { facts } = host;
  const lines = [`${host.hostname} · ${host.status}`];
  if (host.status === 'offline') lines.push(lastSeenText(host.lastSeenTs, nowTs));
  lines.push(facts ? agentLine(facts.agentVersion, facts.isLocal, facts.source) : 'no host facts yet');
  const labels = Object.entries(facts?.labels ?? {}).map(([key, value]) => `${key}=${value}`);
  if (labels.length > 0) lines.push(labels.join(' '));
  return lines.join('\n');
}

/** One host on one line: status, name, then a square per GPU. */
export const HostLine = memo(function HostLine({ host, gpuOrder, metric, state, nowTs }: HostLineProps) {
  const cells = hostCells(host, gpuOrder, metric, state);
  return (
    <div
      className={host.status === 'offline' ? 'fleet-line fleet-line--offline' : 'fleet-line'}
      role="listitem"
      data-testid="fleet-host-row"
      data-host-id={host.hostId}
      data-status={host.status}
    >
      <StatusDot status={host.status} />
      <Link
        href={paths.fleetHost(host.hostId)}
        className="fleet-line__name"
        data-testid="fleet-host-link"
        title={hostTitle(host, nowTs)}
      >
        {host.hostname}
      </Link>
      <div className="fleet-line__cells" role="group" aria-label={`GPUs of ${host.hostname}`}>
        {cells.length === 0 ? <span className="fleet-line__empty">no GPU</span> : null}
        {cells.map((cell) => (
          <GpuCell key={cell.uuid} {...cell} isCompact />
        ))}
      </div>
    </div>
  );
});
