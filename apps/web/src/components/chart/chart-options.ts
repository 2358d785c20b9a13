import type uPlot from 'uplot';
import { formatFixed } from '../../lib/format';
import type { ChartSeries, ChartSpec } from './chart-spec';

function cssVar(element: Element, name: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim();
}

function formatValue(value: number | null | undefined, unit: string, digits: number): string {
  return value === null || value === undefined ? 'N/A' : `${formatFixed(value, digits)} ${unit}`;
}

/** What a chart lets the reader do beyond hovering. */
export interface ChartInteractions {
  /** Dragging across the plot selects a time span (epoch ms) instead of zooming the chart itself. */
  onSelectRange?: (fromMs: number, toMs: number) => void;
  /** The fixed x range in force now (it moves with new data without rebuilding the chart); else `spec.rangeMs`. */
  currentRangeMs?: () => ChartSpec['rangeMs'];
}

/** uPlot options for a spec, with colours read from the theme's CSS variables at creation time. */
export function buildChartOptions(
  spec: ChartSpec,
  element: Element,
  width: number,
  height: number,
  interactions: ChartInteractions = {},
): uPlot.Options {
  const windowSec = spec.windowMs / 1_000;
  const axisColor = cssVar(element, '--text-muted');
  const gridColor = cssVar(element, '--chart-grid');
  const font = `11px ${cssVar(element, '--font-sans') || 'sans-serif'}`;
  const axis = (extra: uPlot.Axis): uPlot.Axis => ({
    show: !spec.isCompact,
    stroke: axisColor,
    font,
    grid: { stroke: gridColor, width: 1 },
    ticks: { stroke: gridColor, width: 1, size: 4 },
    ...extra,
  });
  const unit = spec.series[0]?.unit ?? '';
  // As many decimals as the tick step needs (0.25 W steps must not all read "0 W").
  const label = (value: number, stepSize: number) => {
    const digits = stepSize > 0 && stepSize < 1 ? Math.min(3, Math.ceil(-Math.log10(stepSize))) : 0;
    return `${formatFixed(value, digits)}${unit ? ` ${unit}` : ''}`;
  };
  return {
    width,
    height,
    padding: spec.isCompact ? [2, 0, 2, 0] : [8, 8, 0, 0],
    // A dashed line gets a dashed legend marker, so the legend tells it from the solid one.
    legend: {
      show: !spec.isCompact,
      live: true,
      markers: { dash: (_u, index) => (spec.series[index - 1]?.isDashed ? 'dashed' : 'solid') },
    },
    cursor: {
      show: !spec.isCompact,
      drag: interactions.onSelectRange ? { x: true, y: false, setScale: false } : { x: false, y: false },
      points: { size: 6 },
    },
    scales: {
      x: {
        time: true,
        range: (_u, _min, max) => {
          const rangeMs = interactions.currentRangeMs?.() ?? spec.rangeMs;
          if (rangeMs) return [rangeMs.from / 1_000, rangeMs.to / 1_000];
          const endSec = Number.isFinite(max) ? max : Date.now() / 1_000;
          return [endSec - windowSec, endSec];
        },
      },
      y: {
        range: (_u, _min, max) => [
          spec.yMin ?? 0,
          spec.yMax ?? (Number.isFinite(max) && max > 0 ? Math.ceil(max * 1.1) : 1),
        ],
      },
    },
    axes: [
      axis({ space: 60 }),
      axis({
        values: (_u, splits, _axisIndex, _space, stepSize) => splits.map((value) => label(value, stepSize)),
        // Wide enough for the longest tick label ("80,000 MiB"), measured in the axis font.
        size: (chart, values) => axisWidth(chart, values, font),
      }),
    ],
    series: [
      { label: 'Time', value: '{YYYY}-{MM}-{DD} {HH}:{mm}:{ss}' },
      ...spec.series.map((series): uPlot.Series => ({
        label: series.label,
        stroke: series.isBandEdge ? 'transparent' : cssVar(element, series.colorVar),
        width: series.isBandEdge ? 0 : spec.isCompact ? 1.5 : 1.75,
        points: { show: false },
        value: (chart, value, _seriesIndex, index) =>
          formatValue(value, series.unit, series.digits ?? 0) + legendRange(chart, series, index),
        ...(series.isBandEdge ? { class: 'u-series--band-edge' } : {}),
        ...(series.fillVar ? { fill: cssVar(element, series.fillVar) } : {}),
        ...(series.isDashed ? { dash: [6, 4] } : {}),
      })),
    ],
    ...(spec.bands
      ? { bands: spec.bands.map((band) => ({ series: [band.upper, band.lower], fill: cssVar(element, band.fillVar) })) }
      : {}),
    hooks: {
      // Outside hover, the legend shows the newest values instead of dashes.
      setCursor: [(chart) => showLatestInLegend(chart)],
      ...(interactions.onSelectRange ? { setSelect: [selectHandler(interactions.onSelectRange)] } : {}),
    },
  };
}

function legendRange(chart: uPlot, series: ChartSeries, index: number | null): string {
  if (!series.legendRange || index === null) return '';
  const min = chart.data[series.legendRange.minSeries]?.[index];
  const max = chart.data[series.legendRange.maxSeries]?.[index];
  if (typeof min !== 'number' || typeof max !== 'number') return '';
  const digits = series.digits ?? 0;
  return ` (${formatFixed(min, digits)}–${formatFixed(max, digits)})`;
}

/** Drag-to-select hands the span over and clears the shading; the owner decides what a zoom means. */
function selectHandler(onSelectRange: (fromMs: number, toMs: number) => void) {
  return (chart: uPlot) => {
    const { left, width } = chart.select;
    if (width > 0) {
      const fromMs = chart.posToVal(left, 'x') * 1_000;
      const toMs = chart.posToVal(left + width, 'x') * 1_000;
      chart.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
      onSelectRange(fromMs, toMs);
    }
  };
}

function axisWidth(chart: uPlot, values: string[] | null, font: string): number {
  if (values === null || values.length === 0) return 40;
  chart.ctx.save();
  chart.ctx.font = font;
  const widest = Math.max(...values.map((value) => chart.ctx.measureText(value).width));
  chart.ctx.restore();
  return Math.ceil(widest) + 16;
}

export function showLatestInLegend(chart: uPlot): void {
  const length = chart.data[0].length;
  if (chart.cursor.idx === null && length > 0 && chart.legend.show) chart.setLegend({ idx: length - 1 });
}
