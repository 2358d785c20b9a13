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
  /** The edge of a band (a min or max): no line, no legend row, no hover point; the band shows it. */
  isBandEdge?: boolean;
  /** The legend adds "(min–max)" read from these series (uPlot indices: 1 is the first series). */
  legendRange?: { minSeries: number; maxSeries: number };
}

/** A filled area between two series (uPlot indices), e.g. the min–max spread around an average. */
export interface ChartBand {
  upper: number;
  lower: number;
  /** CSS custom property holding the fill. */
  fillVar: string;
}

export interface ChartSpec {
  series: readonly ChartSeries[];
  /** The time span on the x axis, ending at the newest point. */
  windowMs: number;
  /** A fixed x axis (epoch ms) instead of the window ending at the newest point. */
  rangeMs?: { from: number; to: number };
  bands?: readonly ChartBand[];
  yMin?: number;
  /** A fixed top (100 for percentages, the memory size); omitted: fits the data. */
  yMax?: number;
  /** Sparkline: no axes, no legend, no cursor. */
  isCompact?: boolean;
}

/** What needs a new chart when it changes; a fixed x range is a value, applied with the data. */
export function chartShapeKey(spec: ChartSpec): string {
  return JSON.stringify({ ...spec, rangeMs: null });
}
