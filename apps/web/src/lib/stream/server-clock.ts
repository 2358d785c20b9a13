/**
 * The browser's clock can differ from the server's; "last seen 12 s ago" compares server
 * timestamps with the server's time, estimated from the tick stamps as they arrive.
 */
let offsetMs: number | null = null;

export function observeServerTime(serverTs: number, localTs: number = Date.now()): void {
  offsetMs = localTs - serverTs;
}

/** Whether a tick has been seen, so that `serverNow` is more than the browser's guess. */
export function isServerTimeKnown(): boolean {
  return offsetMs !== null;
}

/** The server's time now (the browser's own until a tick has been seen). */
export function serverNow(localTs: number = Date.now()): number {
  return localTs - (offsetMs ?? 0);
}
