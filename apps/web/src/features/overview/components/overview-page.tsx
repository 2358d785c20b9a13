import { errorMessage } from '../../../lib/api-client';
import { useGpuUuids, useIsGpuListSimulated } from '../../../lib/api/get-gpus';
import { isSimulatedSystem, useSystem } from '../../../lib/api/get-system';
import { GpuCard } from './gpu-card';
import { NoGpu } from './no-gpu';
import './overview.css';

/** Every GPU of the host, one card each. */
export function OverviewPage() {
  const system = useSystem().data;
  const uuids = useGpuUuids();
  const isSimulated = useIsGpuListSimulated() || isSimulatedSystem(system);
  const sourceStatus = system?.source.status;
  const isSourceDown = sourceStatus === 'missing' || sourceStatus === 'failed';

  if (uuids.data === undefined) {
    return uuids.isError ? (
      <p className="page-state page-state--error" role="alert">
        Cannot load the GPUs: {errorMessage(uuids.error)}
      </p>
    ) : (
      <p className="page-state">Loading GPUs…</p>
    );
  }

  return (
    <div className="overview">
      <h1 className="visually-hidden">GPUs</h1>
      {isSourceDown || uuids.data.length === 0 ? <NoGpu source={system?.source} /> : null}
      {uuids.data.length > 0 ? (
        <div className="gpu-grid">
          {uuids.data.map((uuid) => (
            <GpuCard key={uuid} uuid={uuid} isSimulated={isSimulated} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
