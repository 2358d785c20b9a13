import type { SourceKind, SourceState } from '@gpu-sentinel/protocol';
import { Badge, type BadgeTone } from '../../../components/badge';
import { isSimulatedSystem, useSystem } from '../../../lib/api/get-system';

const KIND_LABELS: Record<SourceKind, string> = {
  'nvidia-smi': 'nvidia-smi',
  simulated: 'SIMULATED',
  replay: 'replay',
  none: 'fleet server',
};

function tone(source: SourceState, isSimulated: boolean): BadgeTone {
  // No local source is how a fleet server is meant to run: nothing is wrong, whatever its status says.
  if (source.kind === 'none') return 'neutral';
  switch (source.status) {
    case 'running':
      return isSimulated ? 'sim' : 'ok';
    case 'starting':
    case 'stalled':
    case 'restarting':
      return 'warn';
    case 'missing':
    case 'failed':
      return 'danger';
    case 'stopped':
      return 'neutral';
  }
}

/** Where the numbers come from, and whether that source is healthy. */
export function SourceBadge() {
  const system = useSystem().data;
  if (!system) return null;
  const { source } = system;
  const isSimulated = isSimulatedSystem(system);
  const label =
    isSimulated && source.kind !== 'simulated' ? `${KIND_LABELS[source.kind]} · SIMULATED` : KIND_LABELS[source.kind];
  const isFleetServer = source.kind === 'none';
  const title = [
    isFleetServer
      ? 'No local GPUs: a fleet server, its GPUs are its agents’'
      : `Source: ${source.kind} (${source.status})`,
    source.reason,
    source.restarts > 0 ? `${source.restarts} restarts` : null,
    source.badLines > 0 ? `${source.badLines} unreadable lines skipped` : null,
  ]
    .filter(Boolean)
    .join(' — ');
  return (
    <Badge tone={tone(source, isSimulated)} title={title} testId="source-badge">
      {label}
      {source.status === 'running' || isFleetServer ? null : <span className="badge__detail">· {source.status}</span>}
    </Badge>
  );
}
