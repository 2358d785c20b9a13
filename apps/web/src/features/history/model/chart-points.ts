import { MAX_HISTORY_SERIES_POINTS } from '@gpu-sentinel/protocol';

/** One point per this many CSS pixels of plot: finer is invisible, coarser looks stepped. */
export const PX_PER_POINT = 2;
/** What the y axis and the frame take from a chart's width, roughly. */
export const CHART_CHROME_PX = 72;
const MIN_POINTS = 20;

/** Points to ask the server for, for charts this wide (CSS px of the chart's box). */
export function pointsForWidth(chartWidthPx: number): number {
  const plotPx = Math.max(0, chartWidthPx - CHART_CHROME_PX);
  return Math.min(MAX_HISTORY_SERIES_POINTS, Math.max(MIN_POINTS, Math.round(plotPx / PX_PER_POINT)));
}
