import type { SystemDiagnostics } from '@gpu-sentinel/protocol';
import { ENGINE_NAMES } from '../model/storage-format';
import { SystemFact } from './system-fact';

/** What runs here: the server, Node, the NVIDIA driver and CUDA of this host, the database. */
export function SystemVersions({ versions }: { versions: SystemDiagnostics['versions'] }) {
  return (
    <section className="storage-section" aria-labelledby="system-versions-title">
      <h3 className="storage-section__title" id="system-versions-title">
        Versions
      </h3>
      <dl className="storage-facts">
        <SystemFact label="GPU Sentinel" testId="system-version-server" isNumber>
          {versions.server}
        </SystemFact>
        <SystemFact label="Node.js" testId="system-version-node" isNumber>
          {versions.node}
        </SystemFact>
        <SystemFact label="NVIDIA driver" testId="system-version-driver" isNumber>
          {versions.driver ?? '—'}
        </SystemFact>
        <SystemFact label="CUDA" testId="system-version-cuda" isNumber>
          {versions.cuda ?? '—'}
        </SystemFact>
        <SystemFact label="Storage" testId="system-version-storage">
          {ENGINE_NAMES[versions.storageEngine]}
        </SystemFact>
      </dl>
    </section>
  );
}
