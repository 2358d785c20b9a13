import type { GpuView, Host } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import { gpuInfo, gpuSample } from '../../../test/fixtures';
import { countFleet, overviewLayout } from './overview-layout';

function view(host: string, index: number, sample: Partial<{ util: number; temp: number }> | null): GpuView {
  const uuid = `${host}/${String(index)}`;
  return {
    info: gpuInfo(index, { hostId: host, uuid }),
    latest:
      sample === null
        ? null
        : gpuSample(index, 1_000, {
            hostId: host,
            uuid,
            utilizationGpuPct: sample.util ?? 0,
            temperatureC: sample.temp ?? 40,
          }),
    isStale: sample === null,
  };
}

function host(hostId: string, status: Host['status']): Host {
  return {
    hostId,
    hostname: hostId,
    driverVersion: null,
    cudaVersion: null,
    gpuCount: 0,
    lastSeenAt: null,
    labels: {},
    agentVersion: null,
    status,
    source: null,
    isLocal: false,
    firstSeenAt: null,
  };
}

describe('the overview’s layout', () => {
  it('one host: every GPU as a card, as on a workstation', () => {
    const views = [view('ws', 0, {}), view('ws', 1, {})];
    expect(overviewLayout(views, 'ws', 'nvidia-smi')).toEqual({ kind: 'host', uuids: ['ws/0', 'ws/1'] });
    expect(overviewLayout([], 'ws', 'nvidia-smi')).toEqual({ kind: 'host', uuids: [] });
  });

  it('several hosts: the fleet strip, then only the server’s own GPUs', () => {
    const views = [view('agent-1', 0, {}), view('ws', 0, {}), view('agent-2', 0, {}), view('ws', 1, {})];
    expect(overviewLayout(views, 'ws', 'nvidia-smi')).toEqual({
      kind: 'fleet',
      localUuids: ['ws/0', 'ws/1'],
      isFleetServer: false,
    });
  });

  it('a server without GPUs of its own: the fleet, never a card, even with one agent or none', () => {
    const expected = { kind: 'fleet', localUuids: [], isFleetServer: true };
    expect(overviewLayout([view('agent-1', 0, {})], 'srv', 'none')).toEqual(expected);
    expect(overviewLayout([], 'srv', 'none')).toEqual(expected);
  });
});

describe('the fleet’s counts', () => {
  it('counts reporting hosts, busy and hot GPUs; stale GPUs are neither', () => {
    const views = [
      view('a', 0, { util: 95, temp: 85 }),
      view('a', 1, { util: 50, temp: 79 }),
      view('b', 0, { util: 5 }),
      view('c', 0, null),
    ];
    expect(countFleet(views, undefined)).toEqual({
      hosts: 3,
      hostsOnline: 2,
      gpus: 4,
      gpusBusy: 2,
      gpusHot: 1,
      gpusStale: 1,
    });
  });

  it('adds the hosts the server knows that have no GPU in the list, online as the server says', () => {
    const counts = countFleet([view('a', 0, {})], [host('a', 'online'), host('d', 'online'), host('e', 'offline')]);
    expect(counts).toMatchObject({ hosts: 3, hostsOnline: 2, gpus: 1 });
  });
});
