export interface ReconnectPolicy {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { initialMs: 250, maxMs: 10_000 };

/**
 * The wait before reconnect attempt `attempt` (0-based): doubling from `initialMs` to `maxMs`, then
 * a random point in its upper half, so agents cut off together do not all come back at once.
 */
export function reconnectDelayMs(attempt: number, policy: ReconnectPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(Math.max(0, attempt), 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** `http://host/base` → `ws://host/base/api/v1/agent` (https → wss). */
export function agentSocketUrl(baseUrl: string): string {
  const url = new URL(joinPath(baseUrl, '/api/v1/agent'));
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export function ingestUrl(baseUrl: string): string {
  return joinPath(baseUrl, '/api/v1/ingest');
}

function joinPath(baseUrl: string, path: string): string {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  url.search = '';
  url.hash = '';
  return url.toString();
}
