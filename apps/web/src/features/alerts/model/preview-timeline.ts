import type { PreviewFiring, RulePreview } from '@gpu-sentinel/protocol';

export interface TimelineSegment {
  startedAt: number;
  resolvedAt: number | null;
  peakValue: number;
  /** Position on the strip, in % of the preview's span. */
  leftPct: number;
  widthPct: number;
}

export interface TimelineRow {
  hostId: string;
  uuid: string | null;
  segments: TimelineSegment[];
}

/** A firing as narrow as this is still drawn, so a one-sample blip stays visible. */
const MIN_WIDTH_PCT = 0.4;

function segmentOf(firing: PreviewFiring, from: number, spanMs: number, to: number): TimelineSegment {
  const start = Math.min(Math.max(firing.startedAt, from), to);
  const end = Math.min(Math.max(firing.resolvedAt ?? to, start), to);
  const leftPct = ((start - from) / spanMs) * 100;
  return {
    startedAt: firing.startedAt,
    resolvedAt: firing.resolvedAt,
    peakValue: firing.peakValue,
    leftPct,
    widthPct: Math.min(100 - leftPct, Math.max(MIN_WIDTH_PCT, ((end - start) / spanMs) * 100)),
  };
}

/** The preview's firings as one strip per GPU (or host), in first-firing order. */
export function timelineRows(preview: RulePreview): TimelineRow[] {
  const spanMs = Math.max(1, preview.to - preview.from);
  const rows = new Map<string, TimelineRow>();
  const sorted = [...preview.firings].sort((a, b) => a.startedAt - b.startedAt);
  for (const firing of sorted) {
    const key = `${firing.hostId}\u0000${firing.uuid ?? ''}`;
    let row = rows.get(key);
    if (row === undefined) {
      row = { hostId: firing.hostId, uuid: firing.uuid, segments: [] };
      rows.set(key, row);
    }
    row.segments.push(segmentOf(firing, preview.from, spanMs, preview.to));
  }
  return [...rows.values()];
}
