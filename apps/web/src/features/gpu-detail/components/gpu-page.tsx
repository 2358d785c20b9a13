import type { GpuView } from '@gpu-sentinel/protocol';
import { Badge } from '../../../components/badge';
import { Link } from '../../../components/link';
import { ApiError, errorMessage } from '../../../lib/api-client';
import { isSimulatedSystem, useSystem } from '../../../lib/api/get-system';
import { useLiveSamples } from '../../../lib/api/get-live-samples';
import { formatDuration } from '../../../lib/format';
import { useFreshness } from '../../../lib/live/use-freshness';
import { paths } from '../../../lib/router';
import { useGpu } from '../api/get-gpu';
import { GpuCharts } from './gpu-charts';
import { GpuFacts } from './gpu-facts';
import { GpuLiveStats } from './gpu-live-stats';
import { ProcessesTable } from './processes-table';
import './gpu-page.css';

/** `/gpus/:uuid`: one GPU in depth. */
export function GpuPage({ uuid }: { uuid: string }) {
  const query = useGpu(uuid);
  const isSimulated = isSimulatedSystem(useSystem().data) || (query.data?.simulated ?? false);

  if (query.data === undefined) {
    const isNotFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <div className="gpu-page">
        <BackLink />
        {query.isError ? (
          <p className="page-state page-state--error" role="alert">
            {isNotFound
              ? `No GPU with UUID ${uuid} on this server.`
              : `Cannot load the GPU: ${errorMessage(query.error)}`}
          </p>
        ) : (
          <p className="page-state">Loading…</p>
        )}
      </div>
    );
  }
  return <GpuPageBody view={query.data.gpu} isSimulated={isSimulated} />;
}

function BackLink() {
  return (
    <Link href={paths.overview} className="back-link">
      ← All GPUs
    </Link>
  );
}

function GpuPageBody({ view, isSimulated }: { view: GpuView; isSimulated: boolean }) {
  const { info } = view;
  const live = useLiveSamples(info.uuid);
  const latest = live.at(-1) ?? view.latest;
  const { isStale, lastSeenAgoMs } = useFreshness(latest, view.isStale && latest === view.latest);

  return (
    <div className="gpu-page">
      <BackLink />
      <header className="gpu-page__head">
        <h1 className="gpu-page__title">
          <span className="gpu-page__index">#{info.index}</span> {info.name}
        </h1>
        <span className="gpu-page__badges">
          {isSimulated ? <Badge tone="sim">SIMULATED</Badge> : null}
          {isStale ? (
            <Badge tone="warn" testId="gpu-stale">
              stale · {lastSeenAgoMs === null ? 'no sample yet' : `last seen ${formatDuration(lastSeenAgoMs)} ago`}
            </Badge>
          ) : null}
        </span>
      </header>
      <div className={isStale ? 'gpu-page__live gpu-page__live--stale' : 'gpu-page__live'}>
        <GpuLiveStats info={info} latest={latest} />
      </div>
      <GpuCharts info={info} />
      <div className="gpu-page__lower">
        <ProcessesTable uuid={info.uuid} />
        <GpuFacts info={info} />
      </div>
    </div>
  );
}
