import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { LoginResponse } from '@gpu-sentinel/protocol';
import { TEST_ADMIN_PASSWORD } from './test-server.js';

const SERVER_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** `gpu-sentinel serve` in a process of its own, so a test can kill it outright. */
export interface ServerChild {
  url: string;
  /** SIGKILL: no shutdown hooks, no flush, like a power cut or an OOM kill. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  adminToken(): Promise<string>;
  output(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts the built server (`npm run build` first) on a free port with the given data dir and env. */
export async function startServerChild(
  dataDir: string,
  args: readonly string[],
  env: Record<string, string> = {},
  options: { port?: number } = {},
): Promise<ServerChild> {
  if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run \`npm run build\` first`);
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${String(port)}`;
  const child = spawn(
    process.execPath,
    [SERVER_MAIN, 'serve', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir, ...args],
    {
      // The child inherits this process's environment (PATH, and any DATABASE_URL a run sets).
      // eslint-disable-next-line no-restricted-syntax
      env: { ...process.env, GPU_SENTINEL_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, GPU_SENTINEL_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${String(child.exitCode)}:\n${output}`);
    const isReady = await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (isReady) break;
    if (Date.now() > deadline) throw new Error(`the server was not ready after 30 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    output: () => output,
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
    adminToken: async () => {
      const response = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }),
      });
      if (!response.ok) throw new Error(`login failed: ${String(response.status)} ${await response.text()}`);
      return LoginResponse.parse(await response.json()).accessToken;
    },
  };
}
