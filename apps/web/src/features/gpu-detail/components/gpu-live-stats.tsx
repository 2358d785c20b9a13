import type { GpuInfo, GpuSample } from '@gpu-sentinel/protocol';
import type { ReactNode } from 'react';
import { MemoryReadout, PowerReadout, ThrottleReasons } from '../../../components/gpu-readouts';
import { MetricValue, TextValue } from '../../../components/metric-value';
import { TemperatureValue } from '../../../components/temperature-value';

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="stat">
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value">{children}</dd>
    </div>
  );
}

/** The GPU's current numbers, above its charts. */
export function GpuLiveStats({ info, latest }: { info: GpuInfo; latest: GpuSample | null }) {
  return (
    <>
      <dl className="stats" aria-label="Current values">
        <Stat label="Utilisation">
          <MetricValue value={latest?.utilizationGpuPct ?? null} unit="%" testId="gpu-util" />
        </Stat>
        <Stat label="Memory">
          <MemoryReadout
            usedMiB={latest?.memoryUsedMiB ?? null}
            totalMiB={latest?.memoryTotalMiB ?? info.memoryTotalMiB}
            testId="gpu-mem"
          />
        </Stat>
        <Stat label="Temperature">
          <TemperatureValue temperatureC={latest?.temperatureC ?? null} testId="gpu-temp" />
        </Stat>
        <Stat label="Power">
          <PowerReadout
            drawW={latest?.powerDrawW ?? null}
            limitW={latest?.powerLimitW ?? info.powerLimitW}
            testId="gpu-power"
          />
        </Stat>
        <Stat label="Fan">
          <MetricValue value={latest?.fanSpeedPct ?? null} unit="%" />
        </Stat>
        <Stat label="SM clock">
          <MetricValue value={latest?.clockSmMHz ?? null} unit="MHz" />
        </Stat>
        <Stat label="Memory clock">
          <MetricValue value={latest?.clockMemMHz ?? null} unit="MHz" />
        </Stat>
        <Stat label="P-state">
          <TextValue value={latest?.pstate} />
        </Stat>
      </dl>
      <ThrottleReasons reasons={latest?.throttleReasons ?? []} />
    </>
  );
}
