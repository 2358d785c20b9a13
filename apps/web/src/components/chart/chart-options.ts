import type uPlot from 'uplot';
import { formatFixed } from '../../lib/format';
import type { ChartSpec } from './chart-spec';

function cssVar(element: Element, name: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim();
}

function formatValue(value: number | null | undefined, unit: string, digits: number): string {
  return value === null || value === undefined ? 'N/A' : `${formatFixed(value, digits)} ${unit}`;
}

/** uPlot options for a spec, with colours read from the theme's CSS variables at creation time. */
export function buildChartOptions(spec: ChartSpec, element: Element, width: number, height: number): uPlot.Options {
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
    legend: { show: !spec.isCompact, live: true },
    cursor: { show: !spec.isCompact, drag: { x: false, y: false }, points: { size: 6 } },
    scales: {
      x: {
        time: true,
        range: (_u, _min, max) => {
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
        stroke: cssVar(element, series.colorVar),
        width: spec.isCompact ? 1.5 : 1.75,
        points: { show: false },
        value: (_u, value) => formatValue(value, series.unit, series.digits ?? 0),
        ...(series.fillVar ? { fill: cssVar(element, series.fillVar) } : {}),
        ...(series.isDashed ? { dash: [6, 4] } : {}),
      })),
    ],
    hooks: {
      // Outside hover, the legend shows the newest values instead of dashes.
      setCursor: [(chart) => showLatestInLegend(chart)],
    },
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
