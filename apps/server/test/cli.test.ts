import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { capturedIo } from './support/captured-io.js';
import { FIXTURES, fakeNvidiaSmi, sleep, tempDir } from './support/test-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function temp(prefix: string): Promise<string> {
  const made = await tempDir(prefix);
  cleanups.push(made.remove);
  return made.dir;
}

describe('gpu-sentinel parse', () => {
  it('prints the JSON of an -q -x capture', async () => {
    const io = capturedIo();
    expect(await runCli(['parse', join(FIXTURES, 'xml/telegraf-a100-sxm4-v12.xml')], io)).toBe(0);
    const parsed = JSON.parse(io.out()) as { driverVersion: string; gpus: { name: string; uuid: string }[] };
    expect(parsed.gpus[0]?.name).toBe('NVIDIA A100-SXM4-80GB');
    expect(parsed).toHaveProperty('cudaVersion');
    expect(io.err()).toBe('');
  });

  it('prints the JSON of a --query-gpu CSV with its header, one entry per GPU', async () => {
    const io = capturedIo();
    const file = join(FIXTURES, 'query-gpu-csv/virtualclient-4x-tesla-t4-510.108.03-nounits.csv');
    expect(await runCli(['parse', file], io)).toBe(0);
    const parsed = JSON.parse(io.out()) as { driverVersion: string; gpus: { name: string }[] };
    expect(parsed.driverVersion).toBe('510.108.03');
    expect(parsed.gpus.map((gpu) => gpu.name)).toEqual(['Tesla T4', 'Tesla T4', 'Tesla T4', 'Tesla T4']);
  });

  it('exits 1 with a clear message for an unreadable file or an unknown format', async () => {
    const missing = capturedIo();
    expect(await runCli(['parse', '/no/such/capture.xml'], missing)).toBe(1);
    expect(missing.err()).toMatch(/cannot read \/no\/such\/capture\.xml/);
    expect(missing.out()).toBe('');

    const unknown = capturedIo();
    expect(await runCli(['parse', join(FIXTURES, 'README.md')], unknown)).toBe(1);
    expect(unknown.err()).toMatch(/not a capture it understands/);
    expect(unknown.out()).toBe('');
  });
});

describe('gpu-sentinel doctor', () => {
  it('passes with a working nvidia-smi and names the GPU count and driver', async () => {
    const fake = await fakeNvidiaSmi({ FAKE_NVSMI_GPUS: '2' });
    cleanups.push(fake.remove);
    const io = capturedIo();
    const code = await runCli(['doctor', '--nvidia-smi', fake.path, '--data-dir', await temp('doctor')], io);
    expect(io.out()).toMatch(/✓ nvidia-smi found/);
    expect(io.out()).toMatch(/driver 535\.54\.03/);
    expect(io.out()).toMatch(/2 GPUs/);
    expect(io.out()).toMatch(/persistence mode: GPU 0 off, GPU 1 off/);
    expect(io.out()).toMatch(/✓ store \(sqlite\) is reachable and migrates/);
    expect(code).toBe(0);
  });

  it('checks Postgres instead of the data dir when DATABASE_URL is set, with a fix when it is unreachable', async () => {
    const fake = await fakeNvidiaSmi({ FAKE_NVSMI_GPUS: '1' });
    cleanups.push(fake.remove);
    const io = capturedIo({ DATABASE_URL: 'postgres://gpu:secret-pw@127.0.0.1:1/nothing' });
    const code = await runCli(['doctor', '--json', '--nvidia-smi', fake.path], io);
    expect(code).toBe(1);
    const report = JSON.parse(io.out()) as { checks: { name: string; isOk: boolean; fix: string | null }[] };
    expect(report.checks.map((check) => check.name)).not.toContain('data dir is writable');
    const store = report.checks.find((check) => check.name.startsWith('store'));
    expect(store).toMatchObject({ name: 'store (postgres) is reachable and migrates', isOk: false });
    expect(store?.fix).toMatch(/DATABASE_URL/);
    expect(io.out()).not.toContain('secret-pw');
  });

  it('fails with exit 1 and a fix when nvidia-smi is missing', async () => {
    const io = capturedIo({ PATH: '/nonexistent' });
    const code = await runCli(['doctor', '--data-dir', await temp('doctor')], io);
    expect(code).toBe(1);
    expect(io.out()).toMatch(/✗ nvidia-smi found/);
    expect(io.out()).toMatch(/fix: Install the NVIDIA driver/);
  });

  it('fails when the driver does not answer, and prints JSON with --json', async () => {
    const fake = await fakeNvidiaSmi({ FAKE_NVSMI_MODE: 'no-driver' });
    cleanups.push(fake.remove);
    const io = capturedIo();
    const code = await runCli(['doctor', '--json', '--nvidia-smi', fake.path, '--data-dir', await temp('doctor')], io);
    expect(code).toBe(1);
    const report = JSON.parse(io.out()) as {
      isOk: boolean;
      checks: { name: string; isOk: boolean; fix: string | null }[];
    };
    expect(report.isOk).toBe(false);
    const runs = report.checks.find((check) => check.name === 'nvidia-smi runs');
    expect(runs?.isOk).toBe(false);
    expect(runs?.fix).toMatch(/driver/);
  });
});

describe('gpu-sentinel snapshot', () => {
  it('prints every simulated GPU as JSON, labelled simulated', async () => {
    const io = capturedIo();
    expect(await runCli(['snapshot', '--json', '--source', 'simulated', '--gpus', '3'], io)).toBe(0);
    const snapshot = JSON.parse(io.out()) as {
      simulated: boolean;
      gpus: { info: { name: string; uuid: string }; latest: { uuid: string; temperatureC: number | null } | null }[];
    };
    expect(snapshot.simulated).toBe(true);
    expect(snapshot.gpus).toHaveLength(3);
    for (const gpu of snapshot.gpus) expect(gpu.latest?.uuid).toBe(gpu.info.uuid);
  });

  it('prints a table without colours when stdout is not a terminal', async () => {
    const io = capturedIo();
    expect(await runCli(['snapshot', '--source', 'simulated', '--gpus', '2'], io)).toBe(0);
    const lines = io.out().trimEnd().split('\n');
    expect(lines[0]).toMatch(/SIMULATED/);
    expect(lines[1]).toMatch(/IDX\s+NAME\s+TEMP\s+UTIL\s+MEMORY\s+POWER\s+PROCS/);
    expect(lines).toHaveLength(4);
    expect(io.out()).not.toContain('\u001b[');
  });

  it('falls back to simulated GPUs with auto when nvidia-smi is missing, and says so', async () => {
    const io = capturedIo();
    expect(await runCli(['snapshot', '--json', '--gpus', '1', '--nvidia-smi', '/nonexistent/nvidia-smi'], io)).toBe(0);
    expect((JSON.parse(io.out()) as { simulated: boolean }).simulated).toBe(true);
    expect(io.err()).toMatch(/SIMULATED/);
  });

  it('reads a fake nvidia-smi', async () => {
    const fake = await fakeNvidiaSmi({ FAKE_NVSMI_GPUS: '2' });
    cleanups.push(fake.remove);
    const io = capturedIo();
    expect(await runCli(['snapshot', '--json', '--source', 'nvidia-smi', '--nvidia-smi', fake.path], io)).toBe(0);
    const snapshot = JSON.parse(io.out()) as { simulated: boolean; gpus: { latest: object | null }[] };
    expect(snapshot.simulated).toBe(false);
    expect(snapshot.gpus).toHaveLength(2);
    expect(snapshot.gpus.every((gpu) => gpu.latest !== null)).toBe(true);
  });
});

describe('gpu-sentinel serve and errors', () => {
  it('starts, then shuts down cleanly on a stop signal', async () => {
    const dataDir = await temp('serve');
    const io = capturedIo(
      {},
      sleep(1_000).then(() => 'SIGTERM'),
    );
    const args = ['serve', '--source', 'simulated', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir];
    expect(await runCli([...args, '--log-level', 'silent'], io)).toBe(0);
    expect(existsSync(join(dataDir, 'gpu-sentinel.db'))).toBe(true);
  });

  it('exits 1 when the port is taken, leaving nothing running', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const io = capturedIo();
      const args = ['serve', '--source', 'simulated', '--host', '127.0.0.1', '--port', String(port)];
      expect(await runCli([...args, '--data-dir', await temp('busy'), '--log-level', 'silent'], io)).toBe(1);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('exits 2 naming the flag or env var of a bad setting', async () => {
    const flag = capturedIo();
    expect(await runCli(['serve', '--port', 'abc'], flag)).toBe(2);
    expect(flag.err()).toMatch(/--port/);

    const env = capturedIo({ GPU_SENTINEL_INTERVAL_MS: '5' });
    expect(await runCli(['serve'], env)).toBe(2);
    expect(env.err()).toMatch(/GPU_SENTINEL_INTERVAL_MS/);

    const tls = capturedIo();
    expect(await runCli(['serve', '--tls-cert', '/tmp/cert.pem', '--data-dir', await temp('tls')], tls)).toBe(2);
    expect(tls.err()).toMatch(/--tls-key \(GPU_SENTINEL_TLS_KEY\) is missing/);

    const file = capturedIo({ GPU_SENTINEL_CONFIG: '/no/such/config.json' });
    expect(await runCli(['serve'], file)).toBe(2);
    expect(file.err()).toMatch(/config file \/no\/such\/config\.json/);
  });

  it('lists backup and restore, with the way to move to Postgres, in the help', async () => {
    const io = capturedIo();
    await runCli(['--help'], io);
    expect(io.out()).toMatch(/backup .*<file>/);
    expect(io.out()).toMatch(/restore .*<file>/);
    const restore = capturedIo();
    await runCli(['restore', '--help'], restore);
    expect(restore.out()).toContain('--replace');
    expect(restore.out()).toContain('--database-url');
    expect(restore.out()).toContain('DATABASE_URL=… gpu-sentinel restore f.gsb');
  });

  it('says so and exits 1 when the configured store cannot be opened', async () => {
    const io = capturedIo({ DATABASE_URL: 'postgres://127.0.0.1:1/nothing' });
    expect(await runCli(['user', 'list'], io)).toBe(1);
    expect(io.err()).toMatch(/^gpu-sentinel: cannot open the store: /);
    const backup = capturedIo({ DATABASE_URL: 'postgres://127.0.0.1:1/nothing' });
    const file = join(await temp('backup'), 'x.gsb');
    expect(await runCli(['backup', file], backup)).toBe(1);
    expect(backup.err()).toMatch(/^gpu-sentinel backup: /);
    expect(existsSync(file) || existsSync(`${file}.partial`)).toBe(false);
  });

  it('rejects an unknown command or flag with a non-zero exit', async () => {
    const command = capturedIo();
    expect(await runCli(['frobnicate'], command)).not.toBe(0);
    expect(command.err()).toMatch(/unknown command/);

    const flag = capturedIo();
    expect(await runCli(['snapshot', '--frobnicate'], flag)).not.toBe(0);
    expect(flag.err()).toMatch(/unknown option/);
  });
});
