import type { SystemDiagnostics } from '@gpu-sentinel/protocol';
import { TIER_LABELS, displayLocation, formatBytes, formatCount } from '../model/storage-format';
import { ENGINE_NAMES } from '../model/storage-format';
import { SystemFact } from './system-fact';

/** The history database: where, how big, and how many rows each resolution holds. */
export function SystemStorage({ storage }: { storage: SystemDiagnostics['storage'] }) {
  return (
    <section className="storage-section" aria-labelledby="system-storage-title">
      <h3 className="storage-section__title" id="system-storage-title">
        Storage
      </h3>
      <dl className="storage-facts">
        <SystemFact label="Engine" testId="system-storage-engine">
          {ENGINE_NAMES[storage.engine]}
        </SystemFact>
        <SystemFact label="Total size" testId="system-storage-size" isNumber>
          {formatBytes(storage.sizeBytes)}
        </SystemFact>
        <SystemFact label="Location" testId="system-storage-location" isWide>
          <code className="storage-code">{displayLocation(storage.location)}</code>
        </SystemFact>
      </dl>
      <div className="table-scroll">
        <table className="table system-tiers" data-testid="system-storage-tiers">
          <thead>
            <tr>
              <th>Resolution</th>
              <th className="num">Rows</th>
              <th className="num">Size</th>
            </tr>
          </thead>
          <tbody>
            {storage.tiers.map((tier) => (
              <tr key={tier.tier} data-testid={`system-storage-tier-${tier.tier}`}>
                <td>{TIER_LABELS[tier.tier]}</td>
                <td className="num" data-testid="system-storage-tier-rows">
                  {formatCount(tier.rows)}
                </td>
                <td className="num">{formatBytes(tier.sizeBytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
