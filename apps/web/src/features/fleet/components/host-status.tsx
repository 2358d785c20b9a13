import type { HostStatus, SourceState } from '@gpu-sentinel/protocol';
import { formatDuration } from '../../../lib/format';

/** A coloured dot with the status in words for screen readers and on hover. */
export function StatusDot({ status }: { status: HostStatus }) {
  return (
    <span className={`fleet-dot fleet-dot--${status}`} title={status} data-testid="host-status" data-status={status}>
      <span className="visually-hidden">{status}</span>
    </span>
  );
}

/** "agent 0.1.0 · nvidia-smi running"; the built-in host has no agent of its own. */
export function agentLine(agentVersion: string | null, isLocal: boolean, source: SourceState | null): string {
  const agent = agentVersion === null ? (isLocal ? 'built-in' : 'agent ?') : `agent ${agentVersion}`;
  const state = source === null ? 'source unknown' : `${source.kind} ${source.status}`;
  return `${agent} · ${state}`;
}

/** "last seen 42 s ago", or "never seen". */
export function lastSeenText(lastSeenTs: number | null, nowTs: number | null): string {
  if (lastSeenTs === null) return 'never seen';
  if (nowTs === null) return 'last seen a while ago';
  const agoMs = Math.max(0, nowTs - lastSeenTs);
  return agoMs < 1_000 ? 'seen just now' : `last seen ${formatDuration(agoMs)} ago`;
}
