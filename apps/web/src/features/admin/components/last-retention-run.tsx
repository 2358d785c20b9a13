import { HistoryTier, type RetentionRun } from '@gpu-sentinel/protocol';
import { formatDateTime, formatDuration } from '../../../lib/format';
import { TIER_LABELS, formatAgo, formatCount } from '../model/storage-format';

/** When retention last ran, what it removed, or why it failed. */
export function LastRetentionRun({ run, now }: { run: RetentionRun | null; now: number }) {
  return (
    <section className="storage-section" aria-labelledby="storage-retention-run-title" data-testid="retention-run">
      <h3 className="storage-section__title" id="storage-retention-run-title">
        Last retention run
      </h3>
      {run === null ? (
        <p className="panel-note">No retention run since the server started.</p>
      ) : (
        <>
          <p className="storage-run__when">
            {formatDateTime(run.at)} <span className="cell-note">({formatAgo(run.at, now)})</span>, took{' '}
            {formatDuration(run.durationMs)}
          </p>
          {run.error === null ? null : (
            <p className="form-error" role="alert" data-testid="retention-run-error">
              Retention failed: {run.error}
            </p>
          )}
          <p className="storage-facts__caption">Rows deleted</p>
          <dl className="storage-facts storage-facts--grid">
            {HistoryTier.options.map((tier) => (
              <div className="storage-facts__item" key={tier}>
                <dt>{TIER_LABELS[tier]}</dt>
                <dd className="num">{formatCount(run.deletedRows[tier])}</dd>
              </div>
            ))}
            {run.droppedPartitions > 0 ? (
              <div className="storage-facts__item">
                <dt>day partitions dropped</dt>
                <dd className="num">{formatCount(run.droppedPartitions)}</dd>
              </div>
            ) : null}
          </dl>
        </>
      )}
    </section>
  );
}
