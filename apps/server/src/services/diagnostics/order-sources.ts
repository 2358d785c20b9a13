import type { SourceDiagnostics } from '@gpu-sentinel/protocol';

/** What needs a look first: the server's own source, then failing or offline hosts, then restarted ones, then by name. */
export function orderSources(sources: readonly SourceDiagnostics[]): SourceDiagnostics[] {
  return sources.toSorted(
    (a, b) =>
      Number(b.isLocal) - Number(a.isLocal) ||
      Number(needsLook(b)) - Number(needsLook(a)) ||
      (b.source?.restarts ?? 0) - (a.source?.restarts ?? 0) ||
      a.hostname.localeCompare(b.hostname),
  );
}

function needsLook(source: SourceDiagnostics): boolean {
  return source.status === 'offline' || (source.source !== null && source.source.status !== 'running');
}
