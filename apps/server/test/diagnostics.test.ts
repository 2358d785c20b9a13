import { StorageStatus, SystemDiagnostics, SystemStatus } from '@gpu-sentinel/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecentLogEntries } from '../src/logging/recent-log-entries.js';
import { TestStreamClient } from './support/stream-client.js';
import { eventually, fakeNvidiaSmi, startTestServer, type TestServer } from './support/test-server.js';

const CONTEXT = { actor: 'test', ip: null };

describe('GET /api/v1/system/diagnostics', () => {
  let server: TestServer;
  let removeFake: () => Promise<void>;
  let stream: TestStreamClient;

  beforeAll(async () => {
    // An nvidia-smi that exits after a few lines: the source restarts it, and says so in the log.
    const fake = await fakeNvidiaSmi({
      FAKE_NVSMI_MODE: 'exit',
      FAKE_NVSMI_EXIT_AFTER_LINES: '6',
      FAKE_NVSMI_GPUS: '2',
    });
    removeFake = fake.remove;
    server = await startTestServer(
      { source: 'nvidia-smi', nvidiaSmiPath: fake.path, intervalMs: 200 },
      undefined,
      undefined,
      new RecentLogEntries(),
    );
    stream = await TestStreamClient.connect(await server.streamUrl());
  });
  afterAll(async () => {
    stream.close();
    await server.stop();
    await removeFake();
  });

  const diagnostics = async (): Promise<SystemDiagnostics> => {
    const response = await server.get('/api/v1/system/diagnostics');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    return SystemDiagnostics.parse(await response.json());
  };

  it("tells the source's restarts and the errors it logged, newest first", async () => {
    const seen = await eventually(
      'two restarts and a logged error',
      async () => {
        const now = await diagnostics();
        const restarts = now.sources[0]?.source?.restarts ?? 0;
        return restarts >= 2 && now.recentErrors.length > 0 ? now : undefined;
      },
      20_000,
    );
    const own = seen.sources[0];
    expect(own).toMatchObject({ isLocal: true, hostname: seen.process.hostname, gpuCount: 2 });
    expect(own?.source?.kind).toBe('nvidia-smi');
    expect(seen.recentErrors.some((entry) => entry.message.includes('nvidia-smi'))).toBe(true);
    const times = seen.recentErrors.map((entry) => entry.at);
    expect(times).toEqual(times.toSorted((a, b) => b - a));
  });

  it('agrees with /system and /storage on versions, storage and writer, and counts this stream', async () => {
    await eventually('raw rows stored', async () => {
      const storage = StorageStatus.parse(await (await server.get('/api/v1/storage')).json());
      return (storage.tiers.find((tier) => tier.tier === 'raw')?.rows ?? 0) > 0 ? true : undefined;
    });
    const now = await diagnostics();
    const system = SystemStatus.parse(await (await server.get('/api/v1/system')).json());
    const storage = StorageStatus.parse(await (await server.get('/api/v1/storage')).json());
    expect(now.versions).toMatchObject({ server: system.version, node: system.nodeVersion, storageEngine: 'sqlite' });
    expect(now.versions.driver).toBe(system.driverVersion);
    expect(now.storage.tiers.map((tier) => tier.tier)).toEqual(storage.tiers.map((tier) => tier.tier));
    expect(now.storage.tiers.find((tier) => tier.tier === 'raw')?.rows).toBeGreaterThan(0);
    expect(now.storage.location).toBe(storage.location);
    expect(now.websocket.clients).toBe(1);
    expect(now.writer.written).toBeGreaterThan(0);
    expect(now.writer.lastWrite?.rows).toBeGreaterThan(0);
    // The test server flushes every 100 ms: nothing waits long.
    expect(now.writer.lagMs).toBeLessThan(5_000);
    expect(now.cluster).toEqual({ isClustered: false, ownsAlerting: true, ownsRetention: true });
    expect(now.process.uptimeMs).toBeGreaterThan(0);
    expect(now.process.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
  });

  it('is for admins: 401 without a token, 403 for a reader and a read key, 200 for an admin key', async () => {
    expect((await server.request('/api/v1/system/diagnostics')).status).toBe(401);
    await server.identity.createUser({ username: 'rita', password: 'reader password 1', role: 'reader' }, CONTEXT);
    const reader = await server.login('rita', 'reader password 1');
    const asReader = await server.request('/api/v1/system/diagnostics', {
      headers: { authorization: `Bearer ${reader.accessToken}` },
    });
    expect(asReader.status).toBe(403);
    for (const [scope, status] of [
      ['read', 403],
      ['admin', 200],
    ] as const) {
      const { key } = await server.identity.createApiKey({ name: `diag-${scope}`, scope }, CONTEXT);
      const response = await server.request('/api/v1/system/diagnostics', {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(response.status).toBe(status);
    }
  });
});
