import type { RulePreview } from '@gpu-sentinel/protocol';
import { errorMessage } from '../../../lib/api-client';
import { formatDateTime, formatDuration } from '../../../lib/format';
import { usePreviewRule } from '../api/rules-api';
import { formatMetricValue } from '../model/metric-labels';
import { timelineRows } from '../model/preview-timeline';
import { previewRuleOf, type RuleDraft, type RuleErrors } from '../model/rule-form';
import { useGpuName } from './alert-target';

function RowLabel({ hostId, uuid }: { hostId: string; uuid: string | null }) {
  const gpu = useGpuName(uuid);
  if (uuid === null) return <>Host {hostId}</>;
  return <>{gpu ? `GPU ${gpu.index} · ${gpu.name}` : uuid}</>;
}

function PreviewResult({ preview, draft }: { preview: RulePreview; draft: RuleDraft }) {
  if (preview.unsupportedReason !== null) {
    return (
      <p className="panel-note" data-testid="rule-preview-unsupported">
        No preview for this metric: {preview.unsupportedReason}
      </p>
    );
  }
  const rows = timelineRows(preview);
  const count = preview.firings.length;
  return (
    <div className="preview" data-testid="rule-preview-result">
      <p className="preview__summary" data-testid="rule-preview-summary">
        {count === 0
          ? `Would not have fired on any of ${preview.gpus} GPUs`
          : `Would have fired ${count} ${count === 1 ? 'time' : 'times'} on ${rows.length} of ${preview.gpus} GPUs`}{' '}
        from {formatDateTime(preview.from)} to {formatDateTime(preview.to)}
        <span className="cell-note"> (history in {formatDuration(preview.stepMs)} steps)</span>
      </p>
      {rows.map((row) => (
        <div key={`${row.hostId}/${row.uuid ?? ''}`} className="preview__row" data-testid="rule-preview-row">
          <span className="preview__label">
            <RowLabel hostId={row.hostId} uuid={row.uuid} />{' '}
            <span className="cell-note">
              ({row.segments.length} {row.segments.length === 1 ? 'time' : 'times'})
            </span>
          </span>
          <div className="preview__strip" role="img" aria-label={`${row.segments.length} firings`}>
            {row.segments.map((segment) => (
              <span
                key={segment.startedAt}
                className="preview__firing"
                style={{ left: `${segment.leftPct}%`, width: `${segment.widthPct}%` }}
                title={`${formatDateTime(segment.startedAt)} – ${formatDateTime(segment.resolvedAt)}, peak ${formatMetricValue(draft.metric, segment.peakValue)}`}
              />
            ))}
          </div>
        </div>
      ))}
      {rows.length > 0 ? (
        <div className="preview__row preview__axis" aria-hidden="true">
          <span />
          <span className="preview__ticks">
            <span>{formatDateTime(preview.from)}</span>
            <span>{formatDateTime(preview.to)}</span>
          </span>
        </div>
      ) : null}
      {count > 0 ? (
        <details className="preview__list">
          <summary>Each firing</summary>
          <ul>
            {preview.firings.slice(0, 200).map((firing) => (
              <li key={`${firing.hostId}/${firing.uuid ?? ''}/${firing.startedAt}`}>
                <RowLabel hostId={firing.hostId} uuid={firing.uuid} />: {formatDateTime(firing.startedAt)} for{' '}
                {formatDuration((firing.resolvedAt ?? preview.to) - firing.startedAt)}
                {firing.resolvedAt === null ? ' (still firing)' : ''}, peak{' '}
                {formatMetricValue(draft.metric, firing.peakValue)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

/** "Preview last 24 h": the draft replayed over stored history, without saving it. */
export function RulePreviewPanel({ draft, onInvalid }: { draft: RuleDraft; onInvalid: (errors: RuleErrors) => void }) {
  const mutation = usePreviewRule();
  const run = () => {
    const checked = previewRuleOf(draft);
    if (!checked.ok) {
      onInvalid(checked.errors);
      return;
    }
    // No span sent: the server replays its own last 24 h, so a skewed browser clock does not matter.
    mutation.mutate({ rule: checked.value });
  };
  return (
    <div className="rule-preview" aria-live="polite">
      <button type="button" className="button" data-testid="rule-preview" disabled={mutation.isPending} onClick={run}>
        {mutation.isPending ? 'Replaying history…' : 'Preview last 24 h'}
      </button>
      {mutation.isError ? (
        <p className="form-error" role="alert" data-testid="rule-preview-error">
          {errorMessage(mutation.error)}
        </p>
      ) : null}
      {mutation.data ? <PreviewResult preview={mutation.data} draft={draft} /> : null}
    </div>
  );
}
