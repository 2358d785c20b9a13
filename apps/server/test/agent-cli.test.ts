import { AgentTestServer } from '@gpu-sentinel/collector';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { capturedIo } from './support/captured-io.js';
import { tempDir } from './support/test-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('gpu-sentinel agent', () => {
  it('lists its flags and the env fallbacks in --help', async () => {
    const io = capturedIo();
    expect(await runCli(['agent', '--help'], io)).toBe(0);
    for (const flag of [
      '--server',
      '--key',
      '--source',
      '--gpus',
      '--interval-ms',
      '--hostname',
      '--label',
      '--spool-dir',
      '--spool-max-samples',
      '--nvidia-smi-path',
      '--log-level',
    ]) {
      expect(io.out()).toContain(flag);
    }
    expect(io.out()).toContain('GPU_SENTINEL_AGENT_KEY');
    expect(io.out()).toContain('GPU_SENTINEL_SERVER');
  });

  it('exits 2 naming the missing server and key', async () => {
    const io = capturedIo();
    expect(await runCli(['agent'], io)).toBe(2);
    expect(io.err()).toMatch(/--server \(or GPU_SENTINEL_SERVER\): required/);
    expect(io.err()).toMatch(/--key \(or GPU_SENTINEL_AGENT_KEY\): required/);
  });

  it('exits 2 naming each bad flag, without echoing the key', async () => {
    const io = capturedIo({ GPU_SENTINEL_AGENT_KEY: 'secret-ingest-key' });
    const code = await runCli(
      ['agent', '--server', 'ftp://gpu.example.com', '--gpus', 'many', '--interval-ms', '5', '--source', 'gpu-magic'],
      io,
    );
    expect(code).toBe(2);
    expect(io.err()).toMatch(/--server: expected an http:\/\/ or https:\/\/ URL \(got "ftp:\/\/gpu.example.com"\)/);
    expect(io.err()).toMatch(/--gpus: .*"many"/);
    expect(io.err()).toMatch(/--interval-ms: .*100/);
    expect(io.err()).toMatch(/--source: /);
    expect(io.err()).not.toContain('secret-ingest-key');

    const label = capturedIo({ GPU_SENTINEL_AGENT_KEY: 'k' });
    expect(await runCli(['agent', '--server', 'http://a', '--label', 'rack'], label)).toBe(2);
    expect(label.err()).toMatch(/--label: expected key=value \(got "rack"\)/);

    const badKey = capturedIo({ GPU_SENTINEL_SERVER: 'http://a', GPU_SENTINEL_AGENT_KEY: 'k' });
    expect(await runCli(['agent', '--label', '9rack=b4'], badKey)).toBe(2);
    expect(badKey.err()).toMatch(/--label: "9rack": expected a letter or _/);

    const none = capturedIo({ GPU_SENTINEL_SERVER: 'http://a', GPU_SENTINEL_AGENT_KEY: 'k' });
    expect(await runCli(['agent', '--source', 'none'], none)).toBe(2);
    expect(none.err()).toMatch(/--source: .*serve only/);
  });

  it('ships simulated GPUs to the server named in env, with its labels, and stops cleanly on a signal', async () => {
    const server = await AgentTestServer.start({ keys: ['env-key'] });
    cleanups.push(() => server.close());
    const spool = await tempDir('agent-cli-spool');
    cleanups.push(spool.remove);
    let stop: (signal: string) => void = () => undefined;
    const io = capturedIo(
      { GPU_SENTINEL_SERVER: `http://127.0.0.1:1,${server.url}`, GPU_SENTINEL_AGENT_KEY: 'env-key' },
      new Promise<string>((resolve) => (stop = resolve)),
    );
    const running = runCli(
      [
        'agent',
        '--source',
        'simulated',
        '--gpus',
        '2',
        '--interval-ms',
        '100',
        '--hostname',
        'Rack4-Node_07',
        '--label',
        'rack=b4',
        '--label',
        'team=vision',
        '--spool-dir',
        spool.dir,
        '--log-level',
        'silent',
      ],
      io,
    );
    await vi.waitFor(
      () => {
        const hello = server.hellos[0];
        expect(hello).toMatchObject({
          hostId: 'rack4-node-07',
          hostname: 'Rack4-Node_07',
          labels: { rack: 'b4', team: 'vision' },
        });
        expect(server.store.seqsOf(hello?.streamId ?? '').length).toBeGreaterThanOrEqual(3);
      },
      { timeout: 15_000, interval: 50 },
    );
    stop('SIGTERM');
    expect(await running).toBe(0);
    expect(server.store.duplicates).toBe(0);
  });
});
