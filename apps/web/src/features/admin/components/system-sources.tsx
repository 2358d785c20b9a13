import type { SourceDiagnostics, SourceState } from '@gpu-sentinel/protocol';
import { useState } from 'react';
import { Badge } from '../../../components/badge';
import { formatCount } from '../model/storage-format';
import { formatAgo } from '../../../lib/format';
import { SOURCE_STATUS_TONES, summarizeSources } from '../model/system-format';
import { nonZero, SystemFact } from './system-fact';
import { SystemHostsTable } from './system-hosts-table';

function LocalSource({ source, now }: { source: SourceState; now: number }) {
  return (
    <dl className="storage-facts" data-testid="system-source">
      <SystemFact label="Kind" testId="system-source-kind">
        <code className="storage-code">{source.kind}</code>
      </SystemFact>
      <SystemFact label="Status" testId="system-source-status">
        <Badge tone={SOURCE_STATUS_TONES[source.status]}>{source.status}</Badge>
      </SystemFact>
      <SystemFact label="Since" testId="system-source-since">
        {formatAgo(now - source.since)}
      </SystemFact>
      <SystemFact label="Restarts" testId="system-source-restarts" isNumber severity={nonZero(source.restarts)}>
        {formatCount(source.restarts)}
      </SystemFact>
      <SystemFact
        label="Bad lines skipped"
        testId="system-source-bad-lines"
        isNumber
        severity={nonZero(source.badLines)}
      >
        {formatCount(source.badLines)}
      </SystemFact>
      {source.reason === null ? null : (
        <SystemFact label="Reason" testId="system-source-reason" isWide>
          {source.reason}
        </SystemFact>
      )}
    </dl>
  );
}

function FleetSources({ sources, now }: { sources: readonly SourceDiagnostics[]; now: number }) {
  const [isAllShown, setAllShown] = useState(false);
  const summary = summarizeSources(sources, isAllShown);
  if (summary.total === 0) return null;
  return (
    <>
      <h4 className="storage-facts__caption">
        Agents&apos; sources <span className="panel__count">{summary.total}</span>
      </h4>
      {summary.listed.length > 0 ? <SystemHostsTable hosts={summary.listed} now={now} /> : null}
      <p className="system-hosts__summary">
        <span data-testid="system-hosts-healthy">
          {isAllShown
            ? `All ${formatCount(summary.total)} hosts, failing first.`
            : `${formatCount(summary.hiddenHealthy)} more ${summary.hiddenHealthy === 1 ? 'host runs' : 'hosts run'} cleanly: online, no restarts, no bad lines.`}
        </span>{' '}
        <button type="button" className="button" onClick={() => setAllShown(!isAllShown)}>
          {isAllShown ? 'Show only hosts that need a look' : 'Show all hosts'}
        </button>
      </p>
    </>
  );
}

/** This server's own GPU source, then the agents' sources of a fleet. */
export function SystemSources({ sources, now }: { sources: readonly SourceDiagnostics[]; now: number }) {
  const local = sources.find((host) => host.isLocal) ?? null;
  return (
    <section className="storage-section" aria-labelledby="system-sources-title">
      <h3 className="storage-section__title" id="system-sources-title">
        GPU sources
      </h3>
      {local?.source ? (
        <LocalSource source={local.source} now={now} />
      ) : (
        <p className="panel-note">This server reads no GPUs of its own: its samples come from agents.</p>
      )}
      <FleetSources sources={sources} now={now} />
    </section>
  );
}
