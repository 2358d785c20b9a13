import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoginResponse, StreamTicketResponse } from '@gpu-sentinel/protocol';
import { startServer, type RunningServer } from './server-process.js';

export const ADMIN_PASSWORD = 'bench-admin-password';
/** Request limits high enough for a thousand clients asking for stream tickets at once. */
export const BENCH_CONFIG = { rateLimitPerMinute: 1_000_000, rateLimitHistoryPerMinute: 1_000_000 };

/** The built server for a benchmark: the first admin created from the environment, and BENCH_CONFIG. */
export async function startBenchServer(
  args: string[],
  options: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const configFile = join(tmpdir(), `gpu-sentinel-bench-${process.pid}.json`);
  writeFileSync(configFile, JSON.stringify(BENCH_CONFIG));
  const removeConfig = () => rmSync(configFile, { force: true });
  try {
    const server = await startServer(
      [...args, '--config', configFile],
      { GPU_SENTINEL_ADMIN_PASSWORD: ADMIN_PASSWORD, ...options.env },
      options.dataDir === undefined ? {} : { dataDir: options.dataDir },
    );
    return { ...server, stop: () => server.stop().finally(removeConfig) };
  } catch (error) {
    removeConfig();
    throw error;
  }
}

/** Signs in as the bench's admin and returns the access token. */
export async function benchLogin(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return LoginResponse.parse(await response.json()).accessToken;
}

/** A WebSocket URL for the live stream with a fresh single-use ticket. */
export async function streamUrl(baseUrl: string, accessToken: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/stream/ticket`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
  });
  if (!response.ok) throw new Error(`stream ticket refused: ${response.status} ${await response.text()}`);
  const { ticket } = StreamTicketResponse.parse(await response.json());
  return `${baseUrl.replace(/^http/, 'ws')}/api/v1/stream?ticket=${encodeURIComponent(ticket)}`;
}
