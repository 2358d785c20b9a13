import { LoginResponse, SystemDiagnostics } from '@gpu-sentinel/protocol';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, tempDir } from './support/test-server.js';

const SERVER_MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/**
 * `gpu-sentinel serve` as an operator starts it the first time (no admin password, no secret set):
 * its JSON log warns about the generated secret and prints the one-time setup link; the System page's
 * recent warnings then show the first, never the second.
 */
describe('serve: the recent warnings the System page lists', () => {
  let child: ChildProcess;
  let dataDir: Awaited<ReturnType<typeof tempDir>>;
  let output = '';

  beforeAll(async () => {
    dataDir = await tempDir('serve-log');
    const env = { ...process.env };
    delete env.GPU_SENTINEL_ADMIN_PASSWORD;
    delete env.GPU_SENTINEL_SECRET;
    child = spawn(
      process.execPath,
      [SERVER_MAIN, 'serve', '--source', 'simulated', '--gpus', '1', '--host', '127.0.0.1', '--port', '0'],
      { env: { ...env, GPU_SENTINEL_DATA_DIR: dataDir.dir }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await dataDir.remove();
  });

  it('keeps the generated-secret warning and leaves out the line holding the setup link', async () => {
    const setupUrl = await eventually(
      'the setup link in the log',
      () => {
        const line = output.split('\n').find((each) => each.includes('"setupUrl"'));
        return line === undefined ? undefined : (JSON.parse(line) as { setupUrl: string }).setupUrl;
      },
      20_000,
    );
    const url = new URL(setupUrl);
    const token = url.searchParams.get('token') ?? '';
    expect(token).not.toBe('');

    const setup = await fetch(`${url.origin}/api/v1/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, username: 'admin', password: 'a first admin password' }),
    });
    expect(setup.status).toBe(201);
    const { accessToken } = LoginResponse.parse(await setup.json());
    const response = await fetch(`${url.origin}/api/v1/system/diagnostics`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const text = await response.text();
    const { recentErrors } = SystemDiagnostics.parse(JSON.parse(text));
    expect(recentErrors.some((entry) => entry.message.includes('GPU_SENTINEL_SECRET is not set'))).toBe(true);
    expect(recentErrors.some((entry) => entry.message.includes('No user exists yet'))).toBe(false);
    expect(text).not.toContain(token);
  }, 30_000);
});
