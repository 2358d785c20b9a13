import type { Alert, NotificationPayload, RuleMetric, RuleOp, Severity } from '@gpu-sentinel/protocol';

/** The words every channel renders from: one pure function of the payload, so channels agree. */
export interface NotificationText {
  /** `[CRITICAL] GPU temperature critical — GPU-1 on host-a: temperatureC 86 °C ≥ 85 °C`. */
  subject: string;
  /** `CRITICAL`, `RESOLVED`, `TEST`. */
  label: string;
  /** Where: `GPU-1 on host-a`, `host-a` for host-wide alerts. */
  target: string;
  /** `temperatureC 86 °C ≥ 85 °C`. */
  condition: string;
  /** Label/value pairs for a details table, in display order. */
  details: readonly (readonly [string, string])[];
  /** Colour as 0xRRGGBB (Discord takes the integer, others the `#rrggbb` form). */
  color: number;
  emoji: string;
}

const SEVERITY_COLOR: Record<Severity, number> = { critical: 0xd32f2f, warning: 0xf9a825, info: 0x1976d2 };
const SEVERITY_EMOJI: Record<Severity, string> = { critical: '🔴', warning: '🟠', info: '🔵' };
const RESOLVED_COLOR = 0x2e7d32;
const TEST_COLOR = 0x757575;

const OP_TEXT: Record<RuleOp, string> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤' };

/** Metric name suffix → unit, longest first (`CPerMin` before `C`). */
const UNIT_BY_SUFFIX: readonly (readonly [string, string])[] = [
  ['CPerMin', ' °C/min'],
  ['Seconds', ' s'],
  ['KBps', ' KB/s'],
  ['MHz', ' MHz'],
  ['MiB', ' MiB'],
  ['Pct', '%'],
  ['C', ' °C'],
  ['W', ' W'],
];

export function metricUnit(metric: RuleMetric): string {
  return UNIT_BY_SUFFIX.find(([suffix]) => metric.endsWith(suffix))?.[1] ?? '';
}

/** `86 °C`, `93.5%`, `n/a` for no value; at most one decimal, no trailing `.0`. */
export function formatValue(metric: RuleMetric, value: number | null): string {
  if (value === null) return 'n/a';
  const rounded = Math.round(value * 10) / 10;
  return `${rounded.toLocaleString('en-US', { maximumFractionDigits: 1, useGrouping: false })}${metricUnit(metric)}`;
}

export function formatCondition(alert: Pick<Alert, 'metric' | 'op' | 'value' | 'threshold'>): string {
  const { metric, op, value, threshold } = alert;
  return `${metric} ${formatValue(metric, value)} ${OP_TEXT[op]} ${formatValue(metric, threshold)}`;
}

export function formatTarget(alert: Pick<Alert, 'uuid' | 'hostId'>): string {
  if (alert.uuid !== null && alert.hostId !== null) return `${alert.uuid} on ${alert.hostId}`;
  return alert.uuid ?? alert.hostId ?? 'unknown host';
}

/** Control characters (newlines included) become spaces: a subject or title is one line. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

/** Cut to `maxChars` (UTF-16 units), ending in `…` when cut; never splits a surrogate pair. */
export function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let cut = text.slice(0, Math.max(0, maxChars - 1));
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

export function formatTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function colorHex(color: number): string {
  return `#${color.toString(16).padStart(6, '0')}`;
}

export function describeNotification(payload: NotificationPayload): NotificationText {
  const { alert, event } = payload;
  const resolved = event === 'resolved';
  const label = resolved ? 'RESOLVED' : event === 'test' ? 'TEST' : alert.severity.toUpperCase();
  const target = formatTarget(alert);
  const condition = formatCondition(alert);
  const lead = event === 'repeat' ? 'Still firing: ' : '';
  const subject = truncate(oneLine(`[${label}] ${lead}${alert.ruleName} — ${target}: ${condition}`), 250);
  const details: [string, string][] = [
    ['Severity', alert.severity],
    ['Host', alert.hostId ?? '—'],
    ['GPU', alert.uuid ?? '— (host-wide)'],
    ['Metric', alert.metric],
    ['Value', formatValue(alert.metric, alert.value)],
    ['Threshold', `${OP_TEXT[alert.op]} ${formatValue(alert.metric, alert.threshold)}`],
    ['Started', formatTime(alert.startedAt)],
  ];
  if (alert.resolvedAt !== null) details.push(['Resolved', formatTime(alert.resolvedAt)]);
  if (alert.acknowledgedAt !== null) {
    details.push(['Acknowledged', `${formatTime(alert.acknowledgedAt)} by ${alert.acknowledgedBy ?? 'someone'}`]);
  }
  const color = resolved ? RESOLVED_COLOR : event === 'test' ? TEST_COLOR : SEVERITY_COLOR[alert.severity];
  const emoji = resolved ? '✅' : event === 'test' ? '🧪' : SEVERITY_EMOJI[alert.severity];
  return { subject, label, target, condition, details, color, emoji };
}
