import { ManualClock } from '@gpu-sentinel/core';
import type { GpuInfo, GpuSample, Principal, SnapshotMessage, SourceState, SystemStatus } from '@gpu-sentinel/protocol';
import { describe, expect, it, vi } from 'vitest';
import { InProcessBus } from '../bus/in-process-bus.js';
import type { StreamSocket } from './stream-client.js';
import { CLOSE_REVOKED, CLOSE_TOO_SLOW, StreamHub } from './stream-hub.js';

/** A socket whose queued bytes the test controls. */
class FakeSocket implements StreamSocket {
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: string[] = [];
  readonly frames: Buffer[] = [];
  closedWith: number | null = null;
  isTerminated = false;
  pings = 0;
  private readonly listeners = new Map<string, () => void>();

  send(data: Buffer): void {
    this.frames.push(data);
    this.sent.push(data.toString());
  }
  ping(): void {
    this.pings += 1;
  }
  close(code: number): void {
    this.closedWith = code;
  }
  terminate(): void {
    this.isTerminated = true;
  }
  on(event: 'pong' | 'close' | 'error', listener: () => void): this {
    this.listeners.set(event, listener);
    return this;
  }
  emit(event: 'pong' | 'close'): void {
    this.listeners.get(event)?.();
  }
}

const BOUND = 1_000;
const snapshot = (): SnapshotMessage => ({ type: 'snapshot', system: {} as SystemStatus, inventory: [], samples: [] });
const SESSION_A: Principal = { kind: 'user', userId: 1, username: 'ada', role: 'reader', sessionId: 'sid-a' };
const SESSION_B: Principal = { ...SESSION_A, sessionId: 'sid-b' };
const KEY_7: Principal = { kind: 'apiKey', keyId: 7, name: 'grafana', scope: 'read' };
const quietLog = { info: () => undefined, warn: () => undefined };
const fleet: GpuInfo[] = [];
const fleetInventory = (): GpuInfo[] => fleet;
const LOCAL = 'local-host';

function setUp(): { hub: StreamHub; bus: InProcessBus; clock: ManualClock; tick: () => void } {
  const clock = new ManualClock(1_000);
  const bus = new InProcessBus(() => undefined);
  const hub = new StreamHub({
    clock,
    maxBufferedBytes: BOUND,
    slowClientTimeoutMs: 10_000,
    snapshot,
    fleetInventory,
    localHostId: LOCAL,
    log: quietLog,
  });
  hub.attach(bus);
  const tick = (): void => bus.publish('tick', { ts: clock.now(), hostId: LOCAL, samples: [] as GpuSample[] });
  return { hub, bus, clock, tick };
}

describe('StreamHub', () => {
  it('sends the snapshot first, then the same serialised tick to every client', () => {
    const { hub, tick } = setUp();
    const a = new FakeSocket();
    const b = new FakeSocket();
    hub.add(a, SESSION_A);
    hub.add(b, SESSION_A);
    tick();

    expect(JSON.parse(a.sent[0] ?? '{}')).toMatchObject({ type: 'snapshot' });
    expect(a.frames[1]).toBe(b.frames[1]);
    expect(JSON.parse(a.sent[1] ?? '{}')).toMatchObject({ type: 'samples' });
  });

  it('skips ticks for a client over the bound, resumes when it drains, and drops it after it stays over', () => {
    const { hub, clock, tick } = setUp();
    const slow = new FakeSocket();
    const normal = new FakeSocket();
    hub.add(slow, SESSION_A);
    hub.add(normal, SESSION_A);

    slow.bufferedAmount = BOUND + 1;
    tick();
    tick();
    expect(slow.sent).toHaveLength(1);
    expect(hub.stats().skippedTicks).toBe(2);

    slow.bufferedAmount = 0;
    tick();
    expect(slow.sent).toHaveLength(2);

    slow.bufferedAmount = BOUND + 1;
    tick();
    clock.advance(10_000);
    tick();
    expect(slow.closedWith).toBe(CLOSE_TOO_SLOW);
    expect(hub.stats()).toMatchObject({ clients: 1, droppedSlowClients: 1 });
    expect(normal.sent).toHaveLength(6);
  });

  it('drops a client at once when it is over four times the bound', () => {
    const { hub, tick } = setUp();
    const socket = new FakeSocket();
    hub.add(socket, SESSION_A);
    socket.bufferedAmount = 4 * BOUND + 1;
    tick();
    expect(socket.closedWith).toBe(CLOSE_TOO_SLOW);
    expect(hub.stats().clients).toBe(0);
  });

  it('still sends state changes to a client over the bound, so it does not miss them', () => {
    const { hub, bus } = setUp();
    const socket = new FakeSocket();
    hub.add(socket, SESSION_A);
    socket.bufferedAmount = BOUND + 1;
    bus.publish('inventory', { hostId: 'agent-1', inventory: [] });
    expect(JSON.parse(socket.sent.at(-1) ?? '{}')).toEqual({ type: 'inventory', inventory: [] });
  });

  it("sends the server's own source state only, not an agent's", () => {
    const { hub, bus } = setUp();
    const socket = new FakeSocket();
    hub.add(socket, SESSION_A);
    const state = { kind: 'simulated', status: 'running' } as SourceState;
    bus.publish('source', { hostId: 'agent-1', source: state });
    bus.publish('source', { hostId: LOCAL, source: state });
    expect(socket.sent.map((sent) => (JSON.parse(sent) as { type: string }).type)).toEqual(['snapshot', 'source']);
  });

  it('forgets a client when its socket closes', () => {
    const { hub } = setUp();
    const socket = new FakeSocket();
    hub.add(socket, SESSION_A);
    socket.emit('close');
    expect(hub.stats().clients).toBe(0);
  });
});

describe('StreamHub heartbeat', () => {
  it('pings every client and terminates one that did not answer the previous ping', () => {
    vi.useFakeTimers();
    try {
      const hub = new StreamHub({
        clock: new ManualClock(0),
        maxBufferedBytes: BOUND,
        heartbeatMs: 15_000,
        snapshot,
        fleetInventory,
        localHostId: LOCAL,
        log: quietLog,
      });
      const stop = hub.attach(new InProcessBus(() => undefined));
      const alive = new FakeSocket();
      const dead = new FakeSocket();
      hub.add(alive, SESSION_A);
      hub.add(dead, SESSION_A);

      vi.advanceTimersByTime(15_000);
      expect(alive.pings).toBe(1);
      expect(dead.pings).toBe(1);
      alive.emit('pong');
      vi.advanceTimersByTime(15_000);

      expect(dead.isTerminated).toBe(true);
      expect(alive.isTerminated).toBe(false);
      expect(hub.stats()).toMatchObject({ clients: 1, terminatedDeadClients: 1 });
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('closes only the sockets of a revoked session or API key, and stops sending to them', () => {
    const { hub, tick } = setUp();
    const [a, b, key] = [new FakeSocket(), new FakeSocket(), new FakeSocket()];
    hub.add(a, SESSION_A);
    hub.add(b, SESSION_B);
    hub.add(key, KEY_7);

    hub.closeSession('sid-a');
    hub.closeApiKey(7);
    tick();

    expect(a.closedWith).toBe(CLOSE_REVOKED);
    expect(key.closedWith).toBe(CLOSE_REVOKED);
    expect(b.closedWith).toBeNull();
    expect(a.sent).toHaveLength(1);
    expect(b.sent).toHaveLength(2);
    expect(hub.stats().clients).toBe(1);
  });
});
