import { memo } from 'react';
import { Badge } from '../../../components/badge';
import { MemoryReadout, PowerReadout, ThrottleReasons } from '../../../components/gpu-readouts';
import { Link } from '../../../components/link';
import { MetricValue } from '../../../components/metric-value';
import { TemperatureValue } from '../../../components/temperature-value';
import { UsageBar } from '../../../components/usage-bar';
import { paths } from '../../../lib/router';
import type { GpuSnapshot } from '../model/fleet-hosts';

/** One GPU of a host's page: the numbers at a glance, linking to the GPU's own page. */
export const HostGpuCard = memo(function HostGpuCard({ gpu, isSimulated }: { gpu: GpuSnapshot; isSimulated: boolean }) {
  const { info, latest } = gpu.view;
  const memoryTotalMiB = latest?.memoryTotalMiB ?? info.memoryTotalMiB;
  return (
    <Link
      href={paths.gpu(info.uuid)}
      className={gpu.isStale ? 'host-gpu host-gpu--stale' : 'host-gpu'}
      data-testid="host-gpu-card"
      data-uuid={info.uuid}
      data-stale={String(gpu.isStale)}
    >
      <header className="host-gpu__head">
        <span className="host-gpu__index">#{info.index}</span>
        <h3 className="host-gpu__name">{info.name}</h3>
        {isSimulated ? <Badge tone="sim">SIM</Badge> : null}
        {gpu.isStale ? <Badge tone="warn">stale</Badge> : null}
      </header>
      <div className="host-gpu__meter">
        <span>Utilisation</span>
        <MetricValue value={gpu.utilPct} unit="%" />
        <UsageBar fraction={gpu.utilPct === null ? null : gpu.utilPct / 100} label="GPU utilisation" />
      </div>
      <div className="host-gpu__meter">
        <span>Memory</span>
        <MemoryReadout usedMiB={latest?.memoryUsedMiB ?? null} totalMiB={memoryTotalMiB} />
        <UsageBar fraction={gpu.memPct === null ? null : gpu.memPct / 100} label="Memory used" tone="memory" />
      </div>
      <dl className="host-gpu__stats">
        <div>
          <dt>Temp</dt>
          <dd>
            <TemperatureValue temperatureC={gpu.tempC} />
          </dd>
        </div>
        <div>
          <dt>Power</dt>
          <dd>
            <PowerReadout drawW={latest?.powerDrawW ?? null} limitW={latest?.powerLimitW ?? info.powerLimitW} />
          </dd>
        </div>
      </dl>
      <ThrottleReasons reasons={latest?.throttleReasons ?? []} />
    </Link>
  );
});
