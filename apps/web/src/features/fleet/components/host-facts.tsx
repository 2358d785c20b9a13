import type { Host } from '@gpu-sentinel/protocol';
import type { ReactNode } from 'react';
import { TextValue } from '../../../components/metric-value';
import { formatDateTime } from '../../../lib/format';
import { agentLine, lastSeenText } from './host-status';

/** The host's facts: versions, status, source and when it was seen. */
export function HostFacts({
  host,
  lastSeenTs,
  nowTs,
}: {
  host: Host;
  lastSeenTs: number | null;
  nowTs: number | null;
}) {
  const { source } = host;
  const facts: [string, ReactNode][] = [
    ['Host id', <TextValue key="id" value={host.hostId} />],
    ['Agent', <TextValue key="agent" value={agentLine(host.agentVersion, host.isLocal, null).split(' · ')[0]} />],
    ['Driver', <TextValue key="driver" value={host.driverVersion} />],
    ['CUDA', <TextValue key="cuda" value={host.cudaVersion} />],
    ['Source', <TextValue key="source" value={source ? `${source.kind} · ${source.status}` : null} />],
    // A running source has no reason to give: the row is shown only when there is one.
    ...(source?.reason == null
      ? []
      : [['Source note', <TextValue key="reason" value={source.reason} />] satisfies [string, ReactNode]]),
    [
      'First seen',
      <TextValue key="first" value={host.firstSeenAt === null ? null : formatDateTime(host.firstSeenAt)} />,
    ],
    [
      'Last seen',
      <TextValue
        key="last"
        value={lastSeenTs === null ? null : `${formatDateTime(lastSeenTs)} (${lastSeenText(lastSeenTs, nowTs)})`}
      />,
    ],
  ];
  return (
    <dl className="host-facts" data-testid="host-facts">
      {facts.map(([label, value]) => (
        <div key={label} className="host-facts__row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
