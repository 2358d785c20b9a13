import type { GpuInfo } from '@gpu-sentinel/protocol';
import { useMemo } from 'react';
import { hasAnyValue, toAlignedData, type MetricPoint } from '../../../components/chart/chart-data';
import { UplotChart } from '../../../components/chart/uplot-chart';
import { errorMessage } from '../../../lib/api-client';
import { historyPoints, useGpuHistory } from '../../../lib/api/get-gpu-history';
import { useIntervalMs } from '../../../lib/api/get-system';
import { useLiveSamples } from '../../../lib/api/get-live-samples';
import { LIVE_WINDOW_MS } from '../../../lib/live/live-buffer';
import { mergeHistory } from '../../../lib/live/merge-history';
import { gpuCharts } from './chart-specs';

const CHART_HEIGHT_PX = 180;
const NO_POINTS: readonly MetricPoint[] = [];

/** Live charts of the last 15 minutes: history from the server, then every sample from the stream. */
export function GpuCharts({ info }: { info: GpuInfo }) {
  const intervalMs = useIntervalMs();
  const history = useGpuHistory(info.uuid, LIVE_WINDOW_MS, historyPoints(LIVE_WINDOW_MS, intervalMs));
  const live = useLiveSamples(info.uuid);
  const charts = useMemo(() => gpuCharts(info), [info]);
  const seed = history.data?.points ?? NO_POINTS;
  const points = useMemo(() => mergeHistory<MetricPoint>(seed, live), [seed, live]);
  const columns = useMemo(() => charts.map((chart) => toAlignedData(points, chart.metrics)), [charts, points]);

  return (
    <section className="gpu-charts" aria-label="Charts, last 15 minutes">
      {history.isError ? (
        <p className="panel-note" role="status">
          History unavailable ({errorMessage(history.error)}); the charts start from now.
        </p>
      ) : null}
      {charts.map((chart, index) => {
        const data = columns[index] ?? [[]];
        const isEmpty = points.length > 0 && !hasAnyValue(data);
        return (
          <figure key={chart.name} className="panel chart-panel">
            <figcaption className="panel__title">{chart.title}</figcaption>
            <UplotChart
              spec={chart.spec}
              data={data}
              height={CHART_HEIGHT_PX}
              name={chart.name}
              label={`${chart.title}, last 15 minutes`}
              emptyLabel={isEmpty ? 'Not reported by this GPU or driver' : null}
            />
          </figure>
        );
      })}
    </section>
  );
}
