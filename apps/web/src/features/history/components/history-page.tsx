import { useCallback, useMemo, useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { navigate, paths, useSearch } from '../../../lib/router';
import { serverNow } from '../../../lib/stream/server-clock';
import { useHistory, type HistoryRequest } from '../api/get-history';
import { pointsForWidth } from '../model/chart-points';
import { resolveRange, zoomOutRange, zoomRange, type HistoryRange } from '../model/history-range';
import { buildMetricChart } from '../model/history-series';
import {
  historySearch,
  parseHistorySearch,
  selectedGpus,
  toggleGpu,
  toggleMetric,
  type HistoryViewState,
} from '../model/history-url';
import { CompareSelect } from './compare-select';
import { ExportControls } from './export-controls';
import { GpuPicker } from './gpu-picker';
import { HistoryChart } from './history-chart';
import { HistoryStatus } from './history-status';
import { MetricPicker } from './metric-picker';
import { RangePicker } from './range-picker';
import { useChartWidth } from './use-chart-width';
import { useChartedGpus, withPastGpus } from './use-charted-gpus';
import './history-page.css';

function go(state: HistoryViewState, isScrollKept = false): void {
  navigate(paths.history + historySearch(state), { isScrollKept });
}

/** `/history`: recorded metrics over a chosen range, several GPUs overlaid; its state lives in the URL. */
export function HistoryPage() {
  const search = useSearch();
  const state = useMemo(() => parseHistorySearch(search), [search]);
  const { gpus: knownGpus } = useChartedGpus();
  const knownUuids = useMemo(() => knownGpus.map((gpu) => gpu.uuid), [knownGpus]);
  const selected = selectedGpus(state, knownUuids);
  // Only an explicit empty pick: "every GPU" asks the server even before the GPU list has loaded.
  const isNonePicked = state.gpus !== null && state.gpus.length === 0;
  const { ref: chartsRef, widthPx } = useChartWidth<HTMLDivElement>();
  // The search the first zoom started from, so that "Reset zoom" goes back to it.
  const [zoomBase, setZoomBase] = useState<string | null>(null);

  const request = useMemo<HistoryRequest>(
    () => ({
      range: state.range,
      gpus: state.gpus,
      metrics: state.metrics,
      points: pointsForWidth(widthPx ?? 0),
      compare: state.compare,
    }),
    [state, widthPx],
  );
  const history = useHistory(request, widthPx !== null && !isNonePicked);
  const response = history.data;

  const charted = useMemo(() => {
    const all = withPastGpus(knownGpus, Object.keys(response?.series ?? {}));
    return all.filter((gpu) => selected.includes(gpu.uuid) || (state.gpus === null && response?.series[gpu.uuid]));
  }, [knownGpus, response, selected, state.gpus]);
  const charts = useMemo(
    () => (response ? state.metrics.map((metric) => buildMetricChart(response, metric, charted)) : []),
    [response, state.metrics, charted],
  );

  const setRange = (range: HistoryRange) => {
    setZoomBase(null);
    go({ ...state, range });
  };
  const zoomTo = useCallback(
    (fromMs: number, toMs: number) => {
      const range = zoomRange(fromMs, toMs);
      if (range === null) return;
      setZoomBase((base) => base ?? search);
      go({ ...state, range }, true);
    },
    [state, search],
  );
  const exportRequest = () => ({ gpus: state.gpus, ...resolveRange(state.range, serverNow()) });
  const shown = response ?? resolveRange(state.range, serverNow());
  const isZoomed = zoomBase !== null && zoomBase !== search;
  const isEmpty = response !== undefined && charts.every((chart) => !chart.hasValues);

  return (
    <div className="history-page">
      <header className="history-page__head">
        <h1 className="history-page__title">History</h1>
        <CompareSelect value={state.compare} onChange={(compare) => go({ ...state, compare })} />
        <ExportControls currentRequest={exportRequest} isDisabled={isNonePicked} />
      </header>
      <section className="panel history-toolbar" aria-label="What to show">
        <div className="history-toolbar__row">
          <RangePicker range={state.range} shown={shown} onChange={setRange} />
          {state.range.kind === 'absolute' ? (
            <button
              type="button"
              className="button"
              data-testid="history-zoom-out"
              onClick={() => go({ ...state, range: zoomOutRange(resolveRange(state.range, 0), serverNow()) }, true)}
            >
              Zoom out
            </button>
          ) : null}
          {isZoomed ? (
            <button
              type="button"
              className="button"
              data-testid="history-reset-zoom"
              onClick={() => {
                navigate(paths.history + zoomBase, { isScrollKept: true });
                setZoomBase(null);
              }}
            >
              Reset zoom
            </button>
          ) : null}
        </div>
        <GpuPicker
          gpus={withPastGpus(knownGpus, state.gpus ?? [])}
          selected={selected}
          onToggle={(uuid) => go(toggleGpu(state, knownUuids, uuid), true)}
        />
        <MetricPicker selected={state.metrics} onToggle={(metric) => go(toggleMetric(state, metric), true)} />
      </section>
      {/* "Updating" while another range or width loads over the previous answer, not on each background refresh. */}
      {response ? <HistoryStatus response={response} isUpdating={history.isPlaceholderData} /> : null}
      {isNonePicked ? (
        <p className="page-state" data-testid="history-no-gpus">
          Pick at least one GPU to see its history.
        </p>
      ) : history.isError ? (
        <div className="page-state page-state--error" role="alert" data-testid="history-error">
          <p>Cannot load history: {errorMessage(history.error)}</p>
          <button type="button" className="button" onClick={() => void history.refetch()}>
            Try again
          </button>
        </div>
      ) : response === undefined ? (
        <p className="page-state" role="status">
          Loading history…
        </p>
      ) : isEmpty ? (
        <p className="page-state" role="status" data-testid="history-empty">
          No samples recorded in this range.
        </p>
      ) : null}
      <div ref={chartsRef} className="history-charts" data-testid="history-charts" data-points={request.points}>
        {!isNonePicked && !isEmpty
          ? charts.map((chart) => <HistoryChart key={chart.metric} chart={chart} onSelectRange={zoomTo} />)
          : null}
      </div>
    </div>
  );
}
