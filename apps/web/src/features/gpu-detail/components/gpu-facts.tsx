import type { GpuInfo } from '@gpu-sentinel/protocol';
import type { ReactNode } from 'react';
import { MetricValue, TextValue } from '../../../components/metric-value';

function onOff(value: boolean | null): string | null {
  return value === null ? null : value ? 'Enabled' : 'Disabled';
}

/** The static facts of a GPU and its host, as read from `nvidia-smi -q -x`. */
export function GpuFacts({ info }: { info: GpuInfo }) {
  const facts: [string, ReactNode][] = [
    ['Host', <TextValue key="host" value={info.hostname} />],
    ['Driver', <TextValue key="driver" value={info.driverVersion} />],
    ['CUDA', <TextValue key="cuda" value={info.cudaVersion} />],
    ['Bus ID', <TextValue key="bus" value={info.busId} />],
    ['VBIOS', <TextValue key="vbios" value={info.vbiosVersion} />],
    ['Serial', <TextValue key="serial" value={info.serial} />],
    ['Memory', <MetricValue key="memory" value={info.memoryTotalMiB} unit="MiB" />],
    ['Power limit', <MetricValue key="limit" value={info.powerLimitW} unit="W" />],
    ['Default limit', <MetricValue key="default" value={info.powerLimitDefaultW} unit="W" />],
    ['MIG mode', <TextValue key="mig" value={info.migMode} />],
    ['Persistence', <TextValue key="persistence" value={onOff(info.persistenceMode)} />],
    ['Compute mode', <TextValue key="compute" value={info.computeMode} />],
  ];
  return (
    <section className="panel" aria-labelledby="facts-title">
      <h2 id="facts-title" className="panel__title">
        Details
      </h2>
      <dl className="facts" data-testid="gpu-facts">
        {facts.map(([label, value]) => (
          <div key={label} className="facts__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="facts__uuid">{info.uuid}</p>
    </section>
  );
}
