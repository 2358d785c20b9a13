import type { GpusResponse } from '@gpu-sentinel/protocol';
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { Link } from '../../../components/link';
import { gpusQueryOptions } from '../../../lib/api/get-gpus';
import { paths } from '../../../lib/router';
import { useOverviewHosts } from '../api/get-hosts';
import { BUSY_FROM_PCT, countFleet, HOT_FROM_C, type FleetCounts } from '../model/overview-layout';

interface Stat {
  key: string;
  value: string;
  label: string;
  hint: string;
  tone?: 'ok' | 'warn' | 'danger';
}

function stats(counts: FleetCounts): Stat[] {
  const format = (value: number) => value.toLocaleString('en-US');
  return [
    {
      key: 'hosts',
      value: `${format(counts.hostsOnline)}/${format(counts.hosts)}`,
      label: 'hosts online',
      hint: 'Hosts reporting now, of every host the server knows',
      ...(counts.hostsOnline < counts.hosts ? { tone: 'warn' as const } : {}),
    },
    { key: 'gpus', value: format(counts.gpus), label: 'GPUs', hint: 'Every GPU of the fleet' },
    {
      key: 'busy',
      value: format(counts.gpusBusy),
      label: 'busy',
      hint: `GPUs at ${String(BUSY_FROM_PCT)} % utilisation or more`,
    },
    {
      key: 'hot',
      value: format(counts.gpusHot),
      label: 'hot',
      hint: `GPUs at ${String(HOT_FROM_C)} °C or more`,
      ...(counts.gpusHot > 0 ? { tone: 'danger' as const } : {}),
    },
    {
      key: 'stale',
      value: format(counts.gpusStale),
      label: 'stale',
      hint: 'GPUs with no recent sample',
      ...(counts.gpusStale > 0 ? { tone: 'warn' as const } : {}),
    },
  ];
}

/** The fleet in one line, above the server's own GPUs; the fleet view has the rest. */
export function FleetStrip() {
  const hosts = useOverviewHosts(true).data?.hosts;
  const select = useCallback((response: GpusResponse) => countFleet(response.gpus, hosts), [hosts]);
  const counts = useQuery({ ...gpusQueryOptions(), select }).data;
  if (!counts) return null;
  return (
    <section className="fleet-strip" aria-label="Fleet" data-testid="fleet-strip">
      <h2 className="fleet-strip__title">Fleet</h2>
      <ul className="fleet-strip__stats">
        {stats(counts).map((stat) => (
          <li
            key={stat.key}
            className={stat.tone ? `fleet-strip__stat fleet-strip__stat--${stat.tone}` : 'fleet-strip__stat'}
            title={stat.hint}
            data-testid={`fleet-strip-${stat.key}`}
          >
            <span className="fleet-strip__value">{stat.value}</span>
            <span className="fleet-strip__label">{stat.label}</span>
          </li>
        ))}
      </ul>
      <Link href={paths.fleet} className="fleet-strip__link" data-testid="fleet-strip-link">
        Fleet view →
      </Link>
    </section>
  );
}

/** Where the GPUs are when this server has none of its own to show. */
export function FleetPointer({ isFleetServer }: { isFleetServer: boolean }) {
  return (
    <section className="fleet-pointer" data-testid="fleet-pointer">
      <h2 className="fleet-pointer__title">
        {isFleetServer ? 'No local GPUs: this is a fleet server' : 'This server’s host reports no GPU'}
      </h2>
      <p className="fleet-pointer__text">
        {isFleetServer ? (
          <>
            It runs without a GPU source of its own (<code className="fleet-pointer__code">--source none</code>); the
            GPUs counted above are its agents’.{' '}
          </>
        ) : (
          'The GPUs counted above are its agents’. '
        )}
        The <Link href={paths.fleet}>fleet view</Link> shows every host and GPU, live.
      </p>
    </section>
  );
}
