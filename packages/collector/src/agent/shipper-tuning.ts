import type { AgentSocketTimings } from './agent-socket.js';
import { DEFAULT_RECONNECT, type ReconnectPolicy } from './reconnect-backoff.js';

export interface ShipperTuning extends ReconnectPolicy, AgentSocketTimings {
  /** Batches sent but not yet acked, at most (default 512). */
  windowBatches: number;
  /** Batches per HTTP ingest request (default 256, the protocol's limit). */
  httpBatches: number;
  /** While on HTTP, try the WebSocket again this often (default 60 s). */
  httpRetryWebSocketMs: number;
  requestTimeoutMs: number;
}

export const DEFAULT_SHIPPER_TUNING: ShipperTuning = {
  ...DEFAULT_RECONNECT,
  welcomeTimeoutMs: 10_000,
  pingIntervalMs: 15_000,
  windowBatches: 512,
  httpBatches: 256,
  httpRetryWebSocketMs: 60_000,
  requestTimeoutMs: 30_000,
};

export type AgentTransport = 'websocket' | 'http';

export interface ShipperStats {
  /** Welcomed on a WebSocket, or the last HTTP request was stored. */
  connected: boolean;
  serverUrl: string | null;
  transport: AgentTransport | null;
  sentBatches: number;
  ackedSeq: number;
  reconnects: number;
  lastError: string | null;
}
