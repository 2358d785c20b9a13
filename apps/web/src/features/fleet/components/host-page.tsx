import type { GpuView } from '@gpu-sentinel/protocol';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Badge } from '../../../components/badge';
import { Link } from '../../../components/link';
import { ApiError, errorMessage } from '../../../lib/api-client';
import { gpusQueryOptions } from '../../../lib/api/get-gpus';
import { isSimulatedSystem, useIntervalMs, useSystem } from '../../../lib/api/get-system';
import { paths } from '../../../lib/router';
import { isServerTimeKnown, serverNow } from '../../../lib/stream/server-clock';
import { useNow } from '../../../lib/use-now';
import { useHost } from '../api/get-host';
import { snapshotFleet } from '../model/fleet-hosts';
import { HostFacts } from './host-facts';
import { HostGpuCard } from './host-gpu-card';
import { StatusDot } from './host-status';
import './fleet.css';
import './host-page.css';

const NO_VIEWS: readonly GpuView[] = [];

function BackLink() {
  return (
    <Link href={paths.fleet} className="fleet-back-link">
      ← Fleet
    </Link>
  );
}

/** `/fleet/:hostId`: one host's facts and its GPUs, live from the stream. */
export function HostPage({ hostId }: { hostId: string }) {
  const query = useHost(hostId);
  const liveViews =
    useQuery({ ...gpusQueryOptions(), select: (response) => response.gpus.filter((v) => v.info.hostId === hostId) })
      .data ?? NO_VIEWS;
  const isSystemSimulated = isSimulatedSystem(useSystem().data);
  const intervalMs = useIntervalMs();
  const localNow = useNow();
  const nowTs = isServerTimeKnown() ? serverNow(localNow) : null;
  const facts = query.data?.host;
  const views = liveViews.length > 0 ? liveViews : (query.data?.gpus ?? NO_VIEWS);
  const snapshot = useMemo(
    () => (facts ? snapshotFleet([facts], views, nowTs, intervalMs)[0] : undefined),
    [facts, views, nowTs, intervalMs],
  );

  if (facts === undefined || snapshot === undefined) {
    const isNotFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <div className="host-page">
        <BackLink />
        {isNotFound ? (
          <div className="page-state" data-testid="host-not-found">
            <p>
              No host <code>{hostId}</code> has reported to this server.
            </p>
            <Link href={paths.fleet}>See every host</Link>
          </div>
        ) : query.isError ? (
          <p className="page-state page-state--error" role="alert">
            Cannot load the host: {errorMessage(query.error)}
          </p>
        ) : (
          <p className="page-state">Loading…</p>
        )}
      </div>
    );
  }

  const isSimulated = (query.data?.simulated ?? false) || (facts.source?.isSimulated ?? isSystemSimulated);
  const labels = Object.entries(facts.labels);
  return (
    <div className="host-page" data-testid="host-page" data-host-id={facts.hostId}>
      <BackLink />
      <header className="host-page__head">
        <h1 className="host-page__title">
          <StatusDot status={snapshot.status} />
          {facts.hostname}
        </h1>
        <Badge tone={snapshot.status === 'online' ? 'ok' : 'neutral'} testId="host-status-badge">
          {snapshot.status}
        </Badge>
        {facts.isLocal ? <Badge>local</Badge> : null}
        {isSimulated ? (
          <Badge tone="sim" title="The data is simulated, not read from GPUs">
            SIMULATED
          </Badge>
        ) : null}
      </header>
      {labels.length > 0 ? (
        <ul className="fleet-row__labels host-page__labels" aria-label="Labels">
          {labels.map(([key, value]) => (
            <li key={key} className="fleet-label">
              <span className="fleet-label__key">{key}</span>={value}
            </li>
          ))}
        </ul>
      ) : null}
      <section className="panel" aria-label="Host details">
        <HostFacts host={facts} lastSeenTs={snapshot.lastSeenTs} nowTs={nowTs} />
      </section>
      <h2 className="host-page__subtitle">GPUs ({snapshot.gpus.length})</h2>
      {snapshot.gpus.length === 0 ? <p className="panel-note">This host reports no GPU.</p> : null}
      <div className="host-page__gpus">
        {snapshot.gpus.map((gpu) => (
          <HostGpuCard key={gpu.view.info.uuid} gpu={gpu} isSimulated={isSimulated} />
        ))}
      </div>
    </div>
  );
}
