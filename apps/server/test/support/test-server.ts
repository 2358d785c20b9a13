import { ServerConfig, type ServerConfigInput } from '@gpu-sentinel/protocol';
import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { startServer, type RunningServer, type StartServerOptions } from '../../src/start-server.js';

export const FAKE_NVIDIA_SMI = fileURLToPath(
  new URL('../../../../packages/collector/fake-nvidia-smi/fake-nvidia-smi.js', import.meta.url),
);

export const FIXTURES = fileURLToPath(new URL('../../../../../shared/fixtures/nvidia-smi/', import.meta.url));

export interface TestServer extends RunningServer {
  dataDir: string;
  get(path: string): Promise<Response>;
  put(path: string, body: string): Promise<Response>;
  wsUrl: string;
  stop(): Promise<void>;
}

/** A temp folder removed by the returned function. */
export async function tempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `gpu-sentinel-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The real server (real SQLite in a temp dir, real sources) on a free port of 127.0.0.1. */
export async function startTestServer(config: ServerConfigInput, hub?: StartServerOptions['hub']): Promise<TestServer> {
  const temp = await tempDir('server');
  const parsed = ServerConfig.parse({
    port: 0,
    host: '127.0.0.1',
    dataDir: temp.dir,
    logLevel: 'silent',
    writeFlushMs: 100,
    ...config,
  });
  const server = await startServer({ config: parsed, logger: pino({ level: 'silent' }), ...(hub ? { hub } : {}) });
  const base = `http://127.0.0.1:${server.port}`;
  return {
    ...server,
    dataDir: temp.dir,
    wsUrl: `ws://127.0.0.1:${server.port}/api/v1/stream`,
    get: (path) => fetch(`${base}${path}`),
    put: (path, body) =>
      fetch(`${base}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body }),
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
