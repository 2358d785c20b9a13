import type { StorageStatus } from '@gpu-sentinel/protocol';
import { LastRetentionRun } from './last-retention-run';
import { RetentionForm } from './retention-form';
import { StorageOverview } from './storage-overview';
import { StorageTiersTable } from './storage-tiers-table';
import { WriterStats } from './writer-stats';

/** Everything the storage panel shows of one status, at the time `now` (for "3 days ago"). */
export function StorageView({ status, now }: { status: StorageStatus; now: number }) {
  return (
    <div className="storage">
      <StorageOverview status={status} />
      <StorageTiersTable tiers={status.tiers} now={now} />
      <RetentionForm retention={status.retention} />
      <div className="storage-columns">
        <LastRetentionRun run={status.lastRetention} now={now} />
        <WriterStats writer={status.writer} />
      </div>
    </div>
  );
}
