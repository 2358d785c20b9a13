import type { HistoryPoint } from '@gpu-sentinel/protocol';
import { useMemo } from 'react';
import { hasAnyValue, toAlignedData, type MetricPoint } from '../../../components/chart/chart-data';
import type { ChartSpec } from '../../../components/chart/chart-spec';
import { UplotChart } from '../../../components/chart/uplot-chart';
import { useGpuHistory } from '../../../lib/api/get-gpu-history';
import { useRecentSamples } from '../../../lib/live/use-live-samples';
import { mergeHistory } from '../../../lib/live/merge-history';

const SPARKLINE_WINDOW_MS = 5 * 60_000;
/** One point per 2 s is plenty for a sparkline a few hundred pixels wide. */
const SPARKLINE_SEED_POINTS = 150;
const NO_POINTS: readonly HistoryPoint[] = [];

const SPEC: ChartSpec = {
  series: [{ label: 'Utilisation', colorVar: '--chart-1', fillVar: '--chart-1-fill', unit: '%' }],
  windowMs: SPARKLINE_WINDOW_MS,
  yMin: 0,
  yMax: 100,
  isCompact: true,
};

/** The last few minutes of a GPU's utilisation: seeded from history, then the live ring buffer. */
export function UtilizationSparkline({ uuid }: { uuid: string }) {
  const history = useGpuHistory(uuid, SPARKLINE_WINDOW_MS, SPARKLINE_SEED_POINTS).data?.points ?? NO_POINTS;
  const samples = useRecentSamples(uuid, SPARKLINE_WINDOW_MS);
  const data = useMemo(
    () => toAlignedData(mergeHistory<MetricPoint>(history, samples, SPARKLINE_WINDOW_MS), ['utilizationGpuPct']),
    [history, samples],
  );
  const hasValues = hasAnyValue(data);
  return (
    <div className="sparkline">
      <span className="sparkline__caption">
        Utilisation · last 5 min
        {hasValues ? null : <span className="value--na"> · not reported</span>}
      </span>
      <UplotChart spec={SPEC} data={data} height={40} name="sparkline" label="GPU utilisation, last 5 minutes" />
    </div>
  );
}
