import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';

/**
 * - `connecting`: the first attempt;
 * - `connected`: the stream is open;
 * - `reconnecting`: it dropped and a retry is scheduled (`retryAt`);
 * - `offline`: the browser is offline or several retries failed (retries go on, less often).
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface ConnectionState {
  status: ConnectionStatus;
  /** When the next attempt starts (epoch ms), while not connected. */
  retryAt: number | null;
  /** Failed attempts in a row. */
  attempt: number;
}

export const INITIAL_CONNECTION: ConnectionState = { status: 'connecting', retryAt: null, attempt: 0 };

/** The WebSocket's state, kept in the query cache beside the data it brings; written by stream-connection.ts. */
export function connectionStateQueryOptions() {
  return queryOptions<ConnectionState>({ queryKey: queryKeys.connection, queryFn: skipToken });
}

export function useConnectionState(): ConnectionState {
  return useQuery(connectionStateQueryOptions()).data ?? INITIAL_CONNECTION;
}
