import { AlertPage, HOST_OFFLINE_AFTER_MS, HostResponse, HostsResponse } from '@gpu-sentinel/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from './support/api-caller.js';
import { hostGpus, identity, ingestKey, ShiftedClock, TestAgent, tickOf } from './support/ingest-agent.js';
import { eventually, startTestServer, type TestServer } from './support/test-server.js';

async function hosts(server: TestServer): Promise<HostsResponse> {
  return HostsResponse.parse(await (await server.get('/api/v1/hosts')).json());
}

describe('/api/v1/hosts with agents', () => {
  const clock = new ShiftedClock();
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ source: 'simulated', gpus: 1, hostname: 'sentinel-server' }, undefined, clock);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('lists the server and an agent host online with its labels, then offline, and "Host offline" fires', async () => {
    const agent = await TestAgent.connect(server, await ingestKey(server));
    await agent.welcome(identity('train-07'));
    const gpus = hostGpus('train-07', 2);
    agent.send({ type: 'inventory', inventory: gpus });
    agent.send({ type: 'batch', seq: 1, samples: tickOf(gpus, clock.now()) });
    await agent.acked(1);

    const listed = await eventually('the agent host online', async () => {
      const answer = await hosts(server);
      return answer.hosts.find((host) => host.hostId === 'train-07' && host.status === 'online') ? answer : undefined;
    });
    expect(listed.hosts.map((host) => [host.hostId, host.status])).toEqual([
      ['sentinel-server', 'online'],
      ['train-07', 'online'],
    ]);
    expect(listed.hosts[0]).toMatchObject({ isLocal: true, agentVersion: null, source: { kind: 'simulated' } });
    expect(listed.hosts[1]).toMatchObject({
      hostname: 'train-07.example',
      labels: { rack: 'r1', team: 'vision' },
      agentVersion: '9.9.9-test',
      isLocal: false,
      gpuCount: 2,
    });

    const one = HostResponse.parse(await (await server.get('/api/v1/hosts/train-07')).json());
    expect(one.host.hostId).toBe('train-07');
    expect(one.gpus.map((gpu) => gpu.info.uuid)).toEqual(gpus.map((gpu) => gpu.uuid));
    expect(one.gpus[0]?.latest?.ts).toBeDefined();

    // The agent stops reporting: offline after HOST_OFFLINE_AFTER_MS, "Host offline" (≥ 60 s) after a minute.
    agent.close();
    clock.advance(HOST_OFFLINE_AFTER_MS + 1_000);
    expect((await hosts(server)).hosts.find((host) => host.hostId === 'train-07')?.status).toBe('offline');
    clock.advance(60_000);
    const alert = await eventually('the host offline alert', async () => {
      const page = AlertPage.parse(await (await server.get('/api/v1/alerts?state=firing')).json());
      return page.items.find((item) => item.hostId === 'train-07' && item.metric === 'hostOfflineSeconds');
    });
    expect(alert.uuid).toBeNull();
    // The server's own host stays online: its next tick after the clock's jump is stamped with the new time.
    await eventually('the server host online', async () =>
      (await hosts(server)).hosts.find((host) => host.hostId === 'sentinel-server' && host.status === 'online'),
    );
  });

  it('answers 404 for an unknown host and 400 naming hostId for a malformed one', async () => {
    const missing = await server.get('/api/v1/hosts/no-such-host');
    expect(missing.status).toBe(404);
    const bad = await server.get('/api/v1/hosts/Not_A_Host');
    expect(bad.status).toBe(400);
    expect(errorOf({ status: 400, body: await bad.json() }).field).toBe('hostId');
  });
});
