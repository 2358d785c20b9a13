import type { GpusResponse } from '@gpu-sentinel/protocol';
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { gpusQueryOptions, useIsGpuListSimulated } from '../../../lib/api/get-gpus';
import { isSimulatedSystem, useSystem } from '../../../lib/api/get-system';
import { overviewLayout } from '../model/overview-layout';
import { FleetPointer, FleetStrip } from './fleet-strip';
import { GpuCard } from './gpu-card';
import { NoGpu } from './no-gpu';
import './overview.css';

function GpuGrid({ uuids, isSimulated }: { uuids: readonly string[]; isSimulated: boolean }) {
  return (
    <div className="gpu-grid">
      {uuids.map((uuid) => (
        <GpuCard key={uuid} uuid={uuid} isSimulated={isSimulated} />
      ))}
    </div>
  );
}

/**
 * A host's GPUs, one card each. On a fleet (several hosts, or a server without GPUs of its own):
 * the fleet's counts, then the server's own GPUs only.
 */
export function OverviewPage() {
  const system = useSystem().data;
  const localHostId = system?.hostId;
  const sourceKind = system?.source.kind;
  const select = useCallback(
    (response: GpusResponse) => overviewLayout(response.gpus, localHostId, sourceKind),
    [localHostId, sourceKind],
  );
  const layout = useQuery({ ...gpusQueryOptions(), select });
  const isSimulated = useIsGpuListSimulated() || isSimulatedSystem(system);
  const sourceStatus = system?.source.status;
  const isSourceDown = sourceStatus === 'missing' || sourceStatus === 'failed';

  if (layout.data === undefined) {
    return layout.isError ? (
      <p className="page-state page-state--error" role="alert">
        Cannot load the GPUs: {errorMessage(layout.error)}
      </p>
    ) : (
      <p className="page-state">Loading GPUs…</p>
    );
  }

  if (layout.data.kind === 'host') {
    const { uuids } = layout.data;
    return (
      <div className="overview">
        <h1 className="visually-hidden">GPUs</h1>
        {isSourceDown || uuids.length === 0 ? <NoGpu source={system?.source} /> : null}
        {uuids.length > 0 ? <GpuGrid uuids={uuids} isSimulated={isSimulated} /> : null}
      </div>
    );
  }

  const { localUuids, isFleetServer } = layout.data;
  return (
    <div className="overview">
      <h1 className="visually-hidden">GPUs</h1>
      <FleetStrip />
      {localUuids.length > 0 ? (
        <section className="overview__local" aria-labelledby="overview-local-title">
          <h2 id="overview-local-title" className="overview__heading">
            This server’s GPUs{system ? <span className="overview__host"> · {system.hostname}</span> : null}
          </h2>
          <GpuGrid uuids={localUuids} isSimulated={isSimulated} />
        </section>
      ) : isSourceDown && !isFleetServer ? (
        <NoGpu source={system?.source} />
      ) : (
        <FleetPointer isFleetServer={isFleetServer} />
      )}
    </div>
  );
}
