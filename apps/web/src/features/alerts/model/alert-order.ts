import type { Alert, Severity } from '@gpu-sentinel/protocol';

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** Active alerts as an on-call reader wants them: unacknowledged first, then the most severe, then the newest. */
export function sortActiveAlerts(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort(
    (a, b) =>
      Number(a.state === 'acknowledged') - Number(b.state === 'acknowledged') ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      b.startedAt - a.startedAt ||
      b.id - a.id,
  );
}

/** Whether a silence is still running at `nowMs`. */
export function isSilenced(alert: Alert, nowMs: number): boolean {
  return alert.silencedUntil !== null && alert.silencedUntil > nowMs;
}
