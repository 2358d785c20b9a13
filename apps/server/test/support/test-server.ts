import { LoginResponse, ServerConfig, StreamTicketResponse, type ServerConfigInput } from '@gpu-sentinel/protocol';
import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createLogger } from '../../src/logging/create-logger.js';
import type { RecentLogEntries } from '../../src/logging/recent-log-entries.js';
import { startServer, type RunningServer, type StartServerOptions } from '../../src/start-server.js';

export const FAKE_NVIDIA_SMI = fileURLToPath(
  new URL('../../../../packages/collector/fake-nvidia-smi/fake-nvidia-smi.js', import.meta.url),
);

export const FIXTURES = fileURLToPath(new URL('../../../../../shared/fixtures/nvidia-smi/', import.meta.url));

/** The first admin's password in every test server (GPU_SENTINEL_ADMIN_PASSWORD). */
export const TEST_ADMIN_PASSWORD = 'correct horse battery staple';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** An access token of the first admin, signed in at start. */
  adminToken: string;
  /** GET and PUT as the admin. */
  get(path: string): Promise<Response>;
  put(path: string, body: string): Promise<Response>;
  /** Any request, with no credentials unless given. */
  request(path: string, init?: RequestInit): Promise<Response>;
  login(username: string, password: string): Promise<LoginResponse>;
  /** `ws://…/api/v1/stream?ticket=…` with a fresh ticket of this token (the admin's by default). */
  streamUrl(token?: string): Promise<string>;
  stop(): Promise<void>;
}

/** A temp folder removed by the returned function. */
export async function tempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `gpu-sentinel-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The real server (real SQLite in a temp dir, real sources) on a free port of 127.0.0.1. */
export async function startTestServer(
  config: ServerConfigInput,
  hub?: StartServerOptions['hub'],
  clock?: StartServerOptions['clock'],
  /** Keep the server's warnings and errors here (as `serve` does for the System page). */
  recentLog?: RecentLogEntries,
): Promise<TestServer> {
  const temp = await tempDir('server');
  const parsed = ServerConfig.parse({
    port: 0,
    host: '127.0.0.1',
    dataDir: temp.dir,
    logLevel: 'silent',
    writeFlushMs: 100,
    adminPassword: TEST_ADMIN_PASSWORD,
    // Tests send many requests from one address; the limits have their own tests.
    rateLimitPerMinute: 100_000,
    rateLimitHistoryPerMinute: 100_000,
    rateLimitLoginPerMinute: 100_000,
    ...config,
  });
  const server = await startServer({
    config: parsed,
    logger:
      recentLog === undefined
        ? pino({ level: 'silent' })
        : createLogger({ level: 'warn', isPretty: false, destination: new PassThrough().resume(), recent: recentLog }),
    ...(recentLog ? { recentLog } : {}),
    ...(hub ? { hub } : {}),
    ...(clock ? { clock } : {}),
  });
  const base = `http://127.0.0.1:${server.port}`;
  const request = (path: string, init: RequestInit = {}): Promise<Response> => fetch(`${base}${path}`, init);
  const login = async (username: string, password: string): Promise<LoginResponse> => {
    const response = await request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (response.status !== 200)
      throw new Error(`login as ${username} failed: ${response.status} ${await response.text()}`);
    return LoginResponse.parse(await response.json());
  };
  let adminToken: string;
  try {
    adminToken = (await login('admin', TEST_ADMIN_PASSWORD)).accessToken;
  } catch (error) {
    await server.close();
    await temp.remove();
    throw error;
  }
  const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
  return {
    ...server,
    dataDir: temp.dir,
    adminToken,
    request,
    login,
    get: (path) => request(path, { headers: auth(adminToken) }),
    put: (path, body) =>
      request(path, { method: 'PUT', headers: { ...auth(adminToken), 'content-type': 'application/json' }, body }),
    streamUrl: async (token = adminToken) => {
      const response = await request('/api/v1/stream/ticket', { method: 'POST', headers: auth(token) });
      if (response.status !== 200) throw new Error(`no stream ticket: ${response.status}`);
      const { ticket } = StreamTicketResponse.parse(await response.json());
      return `ws://127.0.0.1:${server.port}/api/v1/stream?ticket=${ticket}`;
    },
    stop: async () => {
      await server.close();
      await temp.remove();
    },
  };
}

/**
 * An `nvidia-smi` in a temp folder that runs the fake with the given FAKE_NVSMI_* settings, so each
 * test picks its mode without touching this process's environment.
 */
export async function fakeNvidiaSmi(
  settings: Record<string, string>,
): Promise<{ path: string; remove: () => Promise<void> }> {
  const temp = await tempDir('fake-smi');
  const path = join(temp.dir, 'nvidia-smi');
  const exports = Object.entries(settings)
    .map(([name, value]) => `export ${name}='${value}'\n`)
    .join('');
  await writeFile(path, `#!/bin/sh\n${exports}exec '${process.execPath}' '${FAKE_NVIDIA_SMI}' "$@"\n`);
  await chmod(path, 0o755);
  return { path, remove: temp.remove };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Poll until `check` returns a value (not undefined), or fail after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}
