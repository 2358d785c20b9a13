/**
 * Runs in its own process, so that its RSS is the server's: the real server composition
 * (`startServer`: sampler, bus, live state, stream hub, batched SQLite writer in DATA_DIR) with a
 * source that fast-forwards HOURS of 8 simulated GPUs at 4 Hz — each tick stamped by a clock set
 * to that tick's time, 250 ms apart — as fast as the writer takes them (it waits while a full
 * batch is queued, so nothing is dropped). Then it keeps ticking live at 4 Hz until SIGTERM.
 * Prints JSON lines: {"event":"started"}, then {"event":"ingested",…}.
 * Usage: node fast-forward-server.js DATA_DIR HOURS
 */
import { SourceStateTracker, type GpuSource, type SourceListener } from '@gpu-sentinel/collector';
import type { Clock } from '@gpu-sentinel/core';
import type { GpuInfo, SourceState } from '@gpu-sentinel/protocol';
import { createLogger, loadConfig, startServer } from '@gpu-sentinel/server';
import { ADMIN_PASSWORD } from './bench-session.js';
import { SimulatedFleet, TICK_MS } from './simulated-fleet.js';

/** Real time, except while a fast-forward pins it to the tick being sampled. */
class FastForwardClock implements Clock {
  pinned: number | null = null;
  now(): number {
    return this.pinned ?? Date.now();
  }
}

class FastForwardSource implements GpuSource {
  readonly kind = 'simulated' as const;
  private readonly tracker: SourceStateTracker;
  private listener: SourceListener | null = null;
  private timer: NodeJS.Timeout | null = null;
  private tick = 0;

  constructor(
    private readonly fleet: SimulatedFleet,
    private readonly clock: FastForwardClock,
  ) {
    this.tracker = new SourceStateTracker('simulated', clock, true);
  }

  start(listener: SourceListener): void {
    this.listener = listener;
    this.tracker.listen((state) => listener.onState(state));
    this.tracker.set('running');
    listener.onInventory(this.inventory());
  }

  /** `ticks` ticks from `from`, waiting (off the loop) whenever `backlog()` says a batch is queued. */
  async fastForward(from: number, ticks: number, backlog: () => number, batchRows: number): Promise<void> {
    for (let i = 0; i < ticks; i += 1) {
      this.clock.pinned = from + i * TICK_MS;
      this.listener?.onTick(this.fleet.readings(this.tick));
      this.tick += 1;
      // Yield now and then even without a backlog, so timers and sockets keep being served.
      if (i % 250 === 0 || backlog() >= batchRows) {
        do await new Promise((resolve) => setImmediate(resolve));
        while (backlog() >= batchRows);
      }
    }
    this.clock.pinned = null;
  }

  live(): void {
    this.timer = setInterval(() => {
      this.listener?.onTick(this.fleet.readings(this.tick));
      this.tick += 1;
    }, TICK_MS);
  }

  stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.tracker.set('stopped', 'stopped');
    this.listener = null;
    return Promise.resolve();
  }

  setIntervalMs(): void {
    // The fast-forward runs at the nominal 4 Hz of simulated time; nothing to change.
  }

  state(): SourceState {
    return this.tracker.get();
  }

  inventory(): GpuInfo[] {
    return this.fleet.inventory.map((gpu) => ({ ...gpu }));
  }
}

const [dataDir = '', hoursArg = '24'] = process.argv.slice(2);
const ticks = Math.round((Number(hoursArg) * 3_600_000) / TICK_MS);
const { config } = await loadConfig({
  flags: { dataDir, port: '0', host: '127.0.0.1', logLevel: 'warn', gpus: '8', intervalMs: String(TICK_MS) },
  env: { GPU_SENTINEL_ADMIN_PASSWORD: ADMIN_PASSWORD },
});
const clock = new FastForwardClock();
// One recorded minute, replayed: a longer recording would sit in this process and count as server RSS.
const fleet = new SimulatedFleet(config.gpus, 240);
const source = new FastForwardSource(fleet, clock);
const server = await startServer({ config, logger: createLogger({ level: 'warn', isPretty: false }), clock, source });
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
const print = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
print({ event: 'started', url: server.url });

const started = performance.now();
const from = Math.floor(Date.now() / TICK_MS) * TICK_MS - ticks * TICK_MS;
const backlog = () => server.writerStats().queued;
await source.fastForward(from, ticks, backlog, config.writeBatchRows);
const expected = ticks * config.gpus;
while (server.writerStats().written + server.writerStats().dropped < expected) {
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const seconds = (performance.now() - started) / 1000;
const stats = server.writerStats();
print({ event: 'ingested', samples: expected, seconds, written: stats.written, dropped: stats.dropped });
source.live();
