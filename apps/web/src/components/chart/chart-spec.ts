/** What a chart shows. Plain data, so a change of shape (not of values) is easy to detect. */
export interface ChartSeries {
  label: string;
  /** CSS custom property holding the line colour, e.g. `--chart-1`. */
  colorVar: string;
  /** CSS custom property holding the area fill, if any. */
  fillVar?: string;
  unit: string;
  digits?: number;
  isDashed?: boolean;
}

export interface ChartSpec {
  series: readonly ChartSeries[];
  /** The time span on the x axis, ending at the newest point. */
  windowMs: number;
  yMin?: number;
  /** A fixed top (100 for percentages, the memory size); omitted: fits the data. */
  yMax?: number;
  /** Sparkline: no axes, no legend, no cursor. */
  isCompact?: boolean;
}

export function chartShapeKey(spec: ChartSpec): string {
  return JSON.stringify(spec);
}
