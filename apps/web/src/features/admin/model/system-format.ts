import type { SourceDiagnostics, SourceStatus, SystemDiagnostics } from '@gpu-sentinel/protocol';
import type { BadgeTone } from '../../../components/badge';
import { formatDuration, formatFixed } from '../../../lib/format';

/** A writer whose oldest queued sample waited this long is falling behind; at the second, samples are piling up. */
export const LAG_WARN_MS = 5_000;
export const LAG_ALARM_MS = 30_000;

/** How the System page colours a source's state. */
export const SOURCE_STATUS_TONES: Record<SourceStatus, BadgeTone> = {
  running: 'ok',
  starting: 'neutral',
  stopped: 'neutral',
  stalled: 'warn',
  restarting: 'warn',
  missing: 'danger',
  failed: 'danger',
};

/**
 * The server's clock now, from the moment it answered and how long ago (on this browser's clock) the
 * answer came: ages then need no agreement between the two clocks.
 */
export function serverNow(checkedAt: number, fetchedAt: number, now: number): number {
  return checkedAt + Math.max(0, now - fetchedAt);
}

/** How long a server has been up: "45 s", "3 min", "5 h 12 min", "4 d 6 h". */
export function formatUptime(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.floor(ms / 1_000)} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 1) return `${minutes} min`;
  const days = Math.floor(hours / 24);
  if (days < 1) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** The writer's lag: "0 s" with nothing waiting, "0.3 s", "4.2 s" below ten seconds, then "12 s", "3 min 5 s". */
export function formatLag(ms: number): string {
  if (ms < 10_000) return `${formatFixed(ms / 1_000, ms === 0 ? 0 : 1)} s`;
  return formatDuration(ms);
}

export type Severity = 'ok' | 'warn' | 'alarm';

export function lagSeverity(lagMs: number): Severity {
  if (lagMs >= LAG_ALARM_MS) return 'alarm';
  return lagMs >= LAG_WARN_MS ? 'warn' : 'ok';
}

/**
 * A host whose source an admin should look at: offline, not running, restarted or fed bad lines. An
 * online host whose agent has not reported its source to this server yet is sending samples: not listed.
 */
export function needsAttention(host: SourceDiagnostics): boolean {
  const { source } = host;
  if (host.status === 'offline') return true;
  if (source === null) return false;
  return source.status !== 'running' || source.restarts > 0 || source.badLines > 0;
}

export interface SourcesSummary {
  /** This server's own source, when it has one. */
  local: SourceDiagnostics | null;
  /** The other hosts the table lists, in the server's order (failing first). */
  listed: SourceDiagnostics[];
  /** Hosts left out of the table because nothing is wrong with them. */
  hiddenHealthy: number;
  /** Every host but this server's own. */
  total: number;
}

/** Splits the sources for the page: fleets of hundreds list only the hosts that need a look, unless asked for all. */
export function summarizeSources(sources: readonly SourceDiagnostics[], isAllShown: boolean): SourcesSummary {
  const local = sources.find((host) => host.isLocal) ?? null;
  const others = sources.filter((host) => !host.isLocal);
  const listed = isAllShown ? others : others.filter(needsAttention);
  return { local, listed, hiddenHealthy: others.length - listed.length, total: others.length };
}

/** What a replica does now, in a few words; null when the server runs alone. */
export function replicaRole(cluster: SystemDiagnostics['cluster']): string | null {
  if (!cluster.isClustered) return null;
  const duties = [cluster.ownsAlerting ? 'evaluates alerts' : null, cluster.ownsRetention ? 'runs retention' : null];
  const owned = duties.filter((duty) => duty !== null);
  return owned.length === 0 ? 'standby: another replica evaluates alerts and runs retention' : owned.join(', ');
}

export interface OverallHealth {
  state: 'ok' | 'degraded' | 'down';
  label: string;
  reason: string;
}

/**
 * The banner's verdict: down when the server is not ready; degraded when it serves but something loses
 * or delays data (its own source not running, samples dropped or failed writes, the writer falling behind,
 * hosts offline or failing); healthy otherwise. Each reason is named so the admin knows where to look.
 */
export function overallHealth(diagnostics: SystemDiagnostics): OverallHealth {
  const { health, writer, sources } = diagnostics;
  if (health.status !== 'ok') return { state: 'down', label: 'Not ready', reason: health.reason ?? 'no reason given' };
  const problems: string[] = [];
  const local = sources.find((host) => host.isLocal)?.source;
  if (local !== undefined && local !== null && local.status !== 'running') problems.push(`GPU source ${local.status}`);
  const failing = sources.filter(
    (host) =>
      !host.isLocal && (host.status === 'offline' || (host.source !== null && host.source.status !== 'running')),
  );
  if (failing.length > 0)
    problems.push(`${failing.length} ${failing.length === 1 ? 'host needs' : 'hosts need'} a look`);
  if (writer.dropped > 0 || writer.failedBatches > 0) problems.push('samples lost since start');
  if (lagSeverity(writer.lagMs) !== 'ok') problems.push(`writer ${formatLag(writer.lagMs)} behind`);
  if (problems.length > 0) return { state: 'degraded', label: 'Degraded', reason: problems.join(' · ') };
  return { state: 'ok', label: 'Healthy', reason: 'serving the dashboard, the API and agents' };
}
