import type { StorageTierStatus } from '@gpu-sentinel/protocol';
import { formatDateTime } from '../../../lib/format';
import { TIER_LABELS, formatAgo, formatBytes, formatCount, formatKeptFor } from '../model/storage-format';

function Moment({ ts, now }: { ts: number | null; now: number }) {
  if (ts === null) return <>—</>;
  return (
    <>
      {formatDateTime(ts)}
      <span className="table__sub">{formatAgo(ts, now)}</span>
    </>
  );
}

/** One row per stored resolution: how much of it there is, the time it spans and how long it is kept. */
export function StorageTiersTable({ tiers, now }: { tiers: readonly StorageTierStatus[]; now: number }) {
  return (
    <div className="table-scroll">
      <table className="table admin-table storage-tiers" data-testid="storage-tiers">
        <thead>
          <tr>
            <th>Resolution</th>
            <th className="num">Rows</th>
            <th>Oldest</th>
            <th>Newest</th>
            <th className="num">Size</th>
            <th className="num">Kept for</th>
          </tr>
        </thead>
        <tbody>
          {tiers.map((tier) => (
            <tr key={tier.tier} data-testid={`storage-tier-${tier.tier}`}>
              <td className="cell-name">{TIER_LABELS[tier.tier]}</td>
              <td className="num" data-testid="storage-tier-rows">
                {formatCount(tier.rows)}
              </td>
              <td className="cell-date">
                <Moment ts={tier.oldest} now={now} />
              </td>
              <td className="cell-date">
                <Moment ts={tier.newest} now={now} />
              </td>
              <td className="num">{formatBytes(tier.sizeBytes)}</td>
              <td className="num" data-testid="storage-tier-kept">
                {formatKeptFor(tier.tier, tier.retentionMs)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
