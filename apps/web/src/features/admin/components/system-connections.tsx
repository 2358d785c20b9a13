import type { SystemDiagnostics } from '@gpu-sentinel/protocol';
import { formatCount } from '../model/storage-format';
import { nonZero, SystemFact } from './system-fact';

/** The browsers following the live stream, and what the hub had to skip or cut to keep up. */
export function SystemConnections({ websocket }: { websocket: SystemDiagnostics['websocket'] }) {
  return (
    <section className="storage-section" aria-labelledby="system-connections-title">
      <h3 className="storage-section__title" id="system-connections-title">
        Live connections
      </h3>
      <dl className="storage-facts">
        <SystemFact label="WebSocket clients" testId="system-ws-clients" isNumber>
          {formatCount(websocket.clients)}
        </SystemFact>
        <SystemFact
          label="Ticks skipped"
          testId="system-ws-skipped"
          isNumber
          severity={nonZero(websocket.skippedTicks)}
          note={websocket.skippedTicks > 0 ? 'samples not sent to a busy client' : null}
        >
          {formatCount(websocket.skippedTicks)}
        </SystemFact>
        <SystemFact
          label="Slow clients dropped"
          testId="system-ws-dropped"
          isNumber
          severity={nonZero(websocket.droppedSlowClients)}
        >
          {formatCount(websocket.droppedSlowClients)}
        </SystemFact>
        <SystemFact label="Dead connections closed" testId="system-ws-dead" isNumber>
          {formatCount(websocket.terminatedDeadClients)}
        </SystemFact>
      </dl>
    </section>
  );
}
