import type { WriterDiagnostics } from '@gpu-sentinel/protocol';
import { formatCount } from '../model/storage-format';
import { formatAgo } from '../../../lib/format';
import { formatLag, lagSeverity } from '../model/system-format';
import { nonZero, SystemFact } from './system-fact';

function lastWriteText(writer: WriterDiagnostics, now: number): string {
  const { lastWrite } = writer;
  if (lastWrite === null) return 'none yet';
  const rows = `${formatCount(lastWrite.rows)} ${lastWrite.rows === 1 ? 'row' : 'rows'}`;
  return `${rows} in ${formatCount(Math.round(lastWrite.durationMs))} ms, ${formatAgo(now - lastWrite.at)}`;
}

/** The queue between the samples and the database: how far behind it is, and what it lost. */
export function SystemWriter({ writer, now }: { writer: WriterDiagnostics; now: number }) {
  const lag = lagSeverity(writer.lagMs);
  return (
    <section className="storage-section" aria-labelledby="system-writer-title">
      <h3 className="storage-section__title" id="system-writer-title">
        Sample writer{' '}
        <span className={writer.isRecording ? 'badge badge--ok' : 'badge badge--warn'} data-testid="system-recording">
          {writer.isRecording ? 'recording' : 'not recording'}
        </span>
      </h3>
      <dl className="storage-facts">
        <SystemFact label="Queued" testId="system-writer-queued" isNumber>
          {formatCount(writer.queued)}
        </SystemFact>
        <SystemFact
          label="Lag"
          testId="system-writer-lag"
          isNumber
          severity={lag}
          note={lag === 'ok' ? null : 'the database is slower than the samples'}
        >
          {formatLag(writer.lagMs)}
        </SystemFact>
        <SystemFact label="Last write" testId="system-writer-last-write">
          {lastWriteText(writer, now)}
        </SystemFact>
        <SystemFact label="Written" testId="system-writer-written" isNumber>
          {formatCount(writer.written)}
        </SystemFact>
        <SystemFact
          label="Dropped"
          testId="system-writer-dropped"
          isNumber
          severity={nonZero(writer.dropped, 'alarm')}
          note={writer.dropped > 0 ? 'rows that will never be written' : null}
        >
          {formatCount(writer.dropped)}
        </SystemFact>
        <SystemFact
          label="Failed batches"
          testId="system-writer-failed"
          isNumber
          severity={nonZero(writer.failedBatches, 'alarm')}
        >
          {formatCount(writer.failedBatches)}
        </SystemFact>
        <SystemFact label="Replayed, skipped" testId="system-writer-duplicates" isNumber>
          {formatCount(writer.duplicates)}
        </SystemFact>
      </dl>
      {writer.lastError === null ? null : (
        <p className="form-error" data-testid="system-writer-last-error">
          Last error: {writer.lastError}
        </p>
      )}
    </section>
  );
}
