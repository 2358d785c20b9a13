import { spawn } from 'node:child_process';
import { access, constants, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ALERTMANAGER_BINARY = '/usr/bin/prometheus-alertmanager';

export interface AlertmanagerProcess {
  /** `http://127.0.0.1:<port>`: the base URL a channel is configured with. */
  url: string;
  /** Its own log output so far (for a failing test's message). */
  output(): string;
  stop(): Promise<void>;
}

/** A route to a receiver that sends nothing: Alertmanager keeps and serves alerts, and notifies no one. */
const CONFIG = `route:
  receiver: 'null'
  group_wait: 1h
receivers:
  - name: 'null'
`;

/**
 * Starts a real Alertmanager (Debian's prometheus-alertmanager) on a free local port, with a temp
 * config and storage and no clustering; resolves once `/-/ready` answers. Throws, naming the package
 * to install, when the binary is missing: a test that needs it must fail, not skip.
 */
export async function startAlertmanager(binary = ALERTMANAGER_BINARY): Promise<AlertmanagerProcess> {
  try {
    await access(binary, constants.X_OK);
  } catch {
    throw new Error(
      `${binary} not found: install it with \`sudo apt-get install prometheus-alertmanager\` (scripts/install-prerequisites.sh)`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'gs-alertmanager-'));
  const configFile = join(dir, 'alertmanager.yml');
  await writeFile(configFile, CONFIG);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    binary,
    [
      `--config.file=${configFile}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(url, () => child.exitCode !== null, 15_000);
  } catch (error) {
    await stop();
    throw new Error(`Alertmanager did not become ready: ${String(error)}\n${log}`);
  }
  return { url, output: () => log, stop };
}

async function waitUntilReady(url: string, hasExited: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('the process exited');
    try {
      const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ready answer within ${timeoutMs} ms`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
