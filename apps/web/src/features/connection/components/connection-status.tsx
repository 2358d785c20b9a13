import { useConnectionState, type ConnectionState } from '../../../lib/stream/connection-state';
import { useNow } from '../../../lib/use-now';
import './connection-status.css';

function describe(state: ConnectionState, nowMs: number): string {
  const inSeconds = state.retryAt === null ? null : Math.max(0, Math.ceil((state.retryAt - nowMs) / 1_000));
  switch (state.status) {
    case 'connected':
      return 'Live';
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      return inSeconds === null || inSeconds === 0 ? 'Reconnecting…' : `Reconnecting in ${inSeconds}s`;
    case 'offline':
      return inSeconds === null || inSeconds === 0 ? 'Offline · retrying…' : `Offline · retry in ${inSeconds}s`;
  }
}

const TITLES = {
  connected: 'Receiving live samples over WebSocket',
  connecting: 'Opening the live stream',
  reconnecting: 'The live stream dropped; numbers come from periodic refreshes until it is back',
  offline: 'The server cannot be reached; showing the last known values',
} as const;

const SPOKEN = {
  connected: 'Live',
  connecting: 'Connecting',
  reconnecting: 'Connection lost, reconnecting',
  offline: 'Offline',
} as const;

/** The header's indicator of the live stream: connected, reconnecting in N s, or offline. */
export function ConnectionStatus() {
  const state = useConnectionState();
  const nowMs = useNow();
  return (
    <span
      className={`connection connection--${state.status}`}
      data-testid="connection-status"
      data-state={state.status}
      title={TITLES[state.status]}
    >
      <span className="connection__dot" aria-hidden="true" />
      <span aria-hidden="true">{describe(state, nowMs)}</span>
      {/* Screen readers hear the change of state, not a countdown every second. */}
      <span className="visually-hidden" role="status">
        {SPOKEN[state.status]}
      </span>
    </span>
  );
}
