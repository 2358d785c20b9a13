import type { StorageStatus } from '@gpu-sentinel/protocol';
import { ENGINE_NAMES, displayLocation, formatBytes } from '../model/storage-format';

/** Which database holds the history, where, and how big it is. */
export function StorageOverview({ status }: { status: StorageStatus }) {
  return (
    <dl className="storage-facts" data-testid="storage-overview">
      <div className="storage-facts__item">
        <dt>Engine</dt>
        <dd data-testid="storage-engine">
          {ENGINE_NAMES[status.engine]} <code className="storage-code">{status.engine}</code>
        </dd>
      </div>
      <div className="storage-facts__item">
        <dt>Total size</dt>
        <dd className="num" data-testid="storage-size">
          {formatBytes(status.sizeBytes)}
        </dd>
      </div>
      <div className="storage-facts__item storage-facts__item--wide">
        <dt>Location</dt>
        <dd>
          <code className="storage-code" data-testid="storage-location">
            {displayLocation(status.location)}
          </code>
        </dd>
      </div>
    </dl>
  );
}
