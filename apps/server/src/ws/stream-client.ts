import type { Principal } from '@gpu-sentinel/protocol';

/** The part of a `ws` WebSocket the hub uses. */
export interface StreamSocket {
  readonly readyState: number;
  /** Bytes queued for the client and not yet handed to the kernel. */
  readonly bufferedAmount: number;
  /** Sends a text frame from bytes serialised once for every client. */
  send(data: Buffer, options: { binary: false }): void;
  ping(): void;
  close(code: number, reason: string): void;
  terminate(): void;
  on(event: 'pong' | 'close' | 'error', listener: () => void): unknown;
}

/** One connected dashboard and what the hub knows about its back-pressure. */
export interface StreamClient {
  readonly socket: StreamSocket;
  /** Who opened it: its session or API key closes it when revoked. */
  readonly principal: Principal;
  /** Answered the last heartbeat ping. */
  isAlive: boolean;
  /** When its buffer first went over the bound, while it stays over. */
  overBoundSince: number | null;
  skippedTicks: number;
}

export function newStreamClient(socket: StreamSocket, principal: Principal): StreamClient {
  return { socket, principal, isAlive: true, overBoundSince: null, skippedTicks: 0 };
}
