import type { WriterStats as WriterStatsData } from '@gpu-sentinel/protocol';
import { formatCount } from '../model/storage-format';

/** What the sample writer has done since the server started; dropped rows stand out. */
export function WriterStats({ writer }: { writer: WriterStatsData }) {
  const hasDropped = writer.dropped > 0;
  return (
    <section className="storage-section" aria-labelledby="storage-writer-title" data-testid="writer-stats">
      <h3 className="storage-section__title" id="storage-writer-title">
        Sample writer{' '}
        <span className={writer.isRecording ? 'badge badge--ok' : 'badge badge--warn'} data-testid="writer-recording">
          {writer.isRecording ? 'recording' : 'not recording'}
        </span>
      </h3>
      <dl className="storage-facts">
        <div className="storage-facts__item">
          <dt>Rows written</dt>
          <dd className="num" data-testid="writer-written">
            {formatCount(writer.written)}
          </dd>
        </div>
        <div
          className={hasDropped ? 'storage-facts__item storage-facts__item--alarm' : 'storage-facts__item'}
          data-testid="writer-dropped"
        >
          <dt>Dropped</dt>
          <dd className="num">{formatCount(writer.dropped)}</dd>
          {hasDropped ? <dd className="storage-facts__note">rows that could not be written</dd> : null}
        </div>
        <div className="storage-facts__item">
          <dt>Failed batches</dt>
          <dd className="num">{formatCount(writer.failedBatches)}</dd>
        </div>
        <div className="storage-facts__item" title="agent rows sent again after an outage, already stored">
          <dt>Replayed, skipped</dt>
          <dd className="num">{formatCount(writer.duplicates)}</dd>
        </div>
        <div className="storage-facts__item">
          <dt>Queued</dt>
          <dd className="num">{formatCount(writer.queued)}</dd>
        </div>
      </dl>
      {writer.lastError === null ? null : (
        <p className="form-error" data-testid="writer-last-error">
          Last error: {writer.lastError}
        </p>
      )}
    </section>
  );
}
