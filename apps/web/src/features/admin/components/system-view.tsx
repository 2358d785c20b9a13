import type { SystemDiagnostics } from '@gpu-sentinel/protocol';
import { SystemConnections } from './system-connections';
import { SystemErrors } from './system-errors';
import { SystemHealth } from './system-health';
import { SystemSources } from './system-sources';
import { SystemStorage } from './system-storage';
import { SystemVersions } from './system-versions';
import { SystemWriter } from './system-writer';

/** Everything the System page shows of one answer; `now` is on the server's clock (for "4 s ago"). */
export function SystemView({ diagnostics, now }: { diagnostics: SystemDiagnostics; now: number }) {
  return (
    <div className="system">
      <SystemHealth diagnostics={diagnostics} />
      <SystemVersions versions={diagnostics.versions} />
      <SystemSources sources={diagnostics.sources} now={now} />
      <div className="storage-columns">
        <SystemStorage storage={diagnostics.storage} />
        <div className="system">
          <SystemWriter writer={diagnostics.writer} now={now} />
          <SystemConnections websocket={diagnostics.websocket} />
        </div>
      </div>
      <SystemErrors entries={diagnostics.recentErrors} />
    </div>
  );
}
