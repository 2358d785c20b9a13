import type { GpusResponse, GpuView } from '@gpu-sentinel/protocol';
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { Badge } from '../../../components/badge';
import { MemoryReadout, PowerReadout, ThrottleReasons } from '../../../components/gpu-readouts';
import { Link } from '../../../components/link';
import { MetricValue } from '../../../components/metric-value';
import { TemperatureValue } from '../../../components/temperature-value';
import { UsageBar } from '../../../components/usage-bar';
import { gpusQueryOptions } from '../../../lib/api/get-gpus';
import { formatDuration } from '../../../lib/format';
import { useFreshness } from '../../../lib/live/use-freshness';
import { gpuViewOf } from '../../../lib/stream/gpus-cache';
import { paths } from '../../../lib/router';
import { UtilizationSparkline } from './utilization-sparkline';

function fraction(part: number | null, whole: number | null): number | null {
  return part === null || whole === null || whole <= 0 ? null : part / whole;
}

/** One GPU on the overview: the numbers that matter at a glance, and a link to its page. */
export function GpuCard({ uuid, isSimulated }: { uuid: string; isSimulated: boolean }) {
  // An O(1) look-up in an index shared by all cards; the card re-renders only when its own view changes.
  const select = useCallback((response: GpusResponse) => gpuViewOf(response, uuid), [uuid]);
  const view = useQuery({ ...gpusQueryOptions(), select }).data;
  if (!view) return null;
  return <GpuCardBody view={view} isSimulated={isSimulated} />;
}

function GpuCardBody({ view, isSimulated }: { view: GpuView; isSimulated: boolean }) {
  const { info, latest } = view;
  const { isStale, lastSeenAgoMs } = useFreshness(latest, view.isStale);
  const memoryTotalMiB = latest?.memoryTotalMiB ?? info.memoryTotalMiB;
  const powerLimitW = latest?.powerLimitW ?? info.powerLimitW;
  const utilization = latest?.utilizationGpuPct ?? null;

  return (
    <Link
      href={paths.gpu(info.uuid)}
      className={isStale ? 'gpu-card gpu-card--stale' : 'gpu-card'}
      data-testid="gpu-card"
      data-uuid={info.uuid}
      data-stale={String(isStale)}
    >
      <header className="gpu-card__head">
        <span className="gpu-card__index">#{info.index}</span>
        <h2 className="gpu-card__name">{info.name}</h2>
        <span className="gpu-card__badges">
          {isSimulated ? <Badge tone="sim">SIM</Badge> : null}
          {latest?.pstate ? <Badge title="Performance state (P0 = maximum)">{latest.pstate}</Badge> : null}
        </span>
      </header>

      <div className="gpu-card__meter">
        <span className="gpu-card__label">Utilisation</span>
        <MetricValue value={utilization} unit="%" testId="gpu-util" />
        <UsageBar fraction={utilization === null ? null : utilization / 100} label="GPU utilisation" />
      </div>
      <div className="gpu-card__meter">
        <span className="gpu-card__label">Memory</span>
        <MemoryReadout usedMiB={latest?.memoryUsedMiB ?? null} totalMiB={memoryTotalMiB} testId="gpu-mem" />
        <UsageBar
          fraction={fraction(latest?.memoryUsedMiB ?? null, memoryTotalMiB)}
          label="Memory used"
          tone="memory"
        />
      </div>

      <dl className="gpu-card__stats">
        <div>
          <dt>Temp</dt>
          <dd>
            <TemperatureValue temperatureC={latest?.temperatureC ?? null} testId="gpu-temp" />
          </dd>
        </div>
        <div>
          <dt>Power</dt>
          <dd>
            <PowerReadout drawW={latest?.powerDrawW ?? null} limitW={powerLimitW} testId="gpu-power" />
          </dd>
        </div>
        <div>
          <dt>Fan</dt>
          <dd>
            <MetricValue value={latest?.fanSpeedPct ?? null} unit="%" testId="gpu-fan" />
          </dd>
        </div>
        <div>
          <dt>SM clock</dt>
          <dd>
            <MetricValue value={latest?.clockSmMHz ?? null} unit="MHz" testId="gpu-clock" />
          </dd>
        </div>
      </dl>

      <ThrottleReasons reasons={latest?.throttleReasons ?? []} />
      <UtilizationSparkline uuid={info.uuid} />

      {isStale ? (
        <p className="gpu-card__stale" data-testid="gpu-stale">
          stale · {lastSeenAgoMs === null ? 'no sample yet' : `last seen ${formatDuration(lastSeenAgoMs)} ago`}
        </p>
      ) : null}
    </Link>
  );
}
