import { selectLoopFields, systemClock, type Clock } from '@gpu-sentinel/core';
import type { GpuInfo, SourceState } from '@gpu-sentinel/protocol';
import type { GpuReading, GpuSource, SourceListener } from '../gpu-source.js';
import type { LineProcessEnd } from '../process/line-process.js';
import { runCommand } from '../process/run-command.js';
import { SourceStateTracker } from '../source-state.js';
import { InventoryWatch } from './inventory-watch.js';
import { LoopSession } from './loop-session.js';
import { spawnProblem, type SourceProblem } from './nvidia-smi-failure.js';
import { formatDuration, type NvidiaSmiSourceOptions, type SourceLogger } from './nvidia-smi-options.js';
import { ProcessPoller } from './process-poller.js';
import { RestartSchedule } from './restart-schedule.js';

/**
 * Real GPUs through ONE long-running `nvidia-smi --query-gpu=… -lms N` child, supervised: restart
 * with backoff when it exits or goes silent, `missing` when nvidia-smi or its driver is not there.
 * Inventory from `-q -x` at start and when the GPU set changes; processes every few seconds.
 */
export class NvidiaSmiSource implements GpuSource {
  readonly kind = 'nvidia-smi' as const;
  private readonly executable: string;
  private readonly clock: Clock;
  private readonly log: SourceLogger;
  private readonly tracker: SourceStateTracker;
  private readonly inventoryWatch: InventoryWatch;
  private readonly restarts: RestartSchedule;
  private intervalMs: number;
  private listener: SourceListener | null = null;
  private fields: string[] | null = null;
  private session: LoopSession | null = null;
  private poller: ProcessPoller | null = null;
  private abort = new AbortController();
  private readonly pending = new Set<Promise<unknown>>();
  private generation = 0;

  constructor(private readonly options: NvidiaSmiSourceOptions) {
    this.executable = options.executable ?? 'nvidia-smi';
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? (() => undefined);
    this.intervalMs = options.intervalMs ?? 250;
    this.tracker = new SourceStateTracker('nvidia-smi', this.clock, false);
    this.restarts = new RestartSchedule(options.backoff, options.healthyAfterMs);
    this.inventoryWatch = new InventoryWatch({
      executable: this.executable,
      host: { hostId: options.hostId, hostname: options.hostname },
      timeoutMs: this.commandTimeoutMs,
      minGapMs: options.inventoryRefreshGapMs ?? 5_000,
      signal: () => this.abort.signal,
      onChange: (inventory) => {
        this.session?.setExpectedGpus(inventory.length);
        this.listener?.onInventory(inventory);
      },
      log: this.log,
    });
  }

  start(listener: SourceListener): void {
    if (this.listener !== null) return;
    this.listener = listener;
    this.abort = new AbortController();
    this.tracker.listen((state) => listener.onState(state));
    this.tracker.set('starting', `starting ${this.executable}`);
    this.track(this.boot());
  }

  async stop(): Promise<void> {
    const wasStarted = this.listener !== null;
    this.listener = null;
    this.generation++;
    this.abort.abort();
    this.restarts.cancel();
    const { session, poller } = this;
    this.session = null;
    this.poller = null;
    await Promise.all([session?.stop(this.killGraceMs), poller?.stop(), this.inventoryWatch.stop(), ...this.pending]);
    if (wasStarted) this.tracker.set('stopped', 'stopped');
  }

  setIntervalMs(intervalMs: number): void {
    if (intervalMs === this.intervalMs) return;
    this.intervalMs = intervalMs;
    const session = this.session;
    if (session === null) return;
    this.session = null;
    const generation = ++this.generation;
    this.log('info', `restarting nvidia-smi with -lms ${intervalMs}`);
    const respawn = async (): Promise<void> => {
      await session.stop(this.killGraceMs);
      if (generation === this.generation && this.listener !== null) this.spawnLoop();
    };
    this.track(respawn());
  }

  state(): SourceState {
    return this.tracker.get();
  }

  inventory(): GpuInfo[] {
    return this.inventoryWatch.current();
  }

  private get killGraceMs(): number {
    return this.options.killGraceMs ?? 2_000;
  }

  private get commandTimeoutMs(): number {
    return this.options.commandTimeoutMs ?? 10_000;
  }

  /** Fields from `--help-query-gpu` (once), inventory from `-q -x`, then the loop. */
  private async boot(): Promise<void> {
    if (this.fields === null) {
      const signal = this.abort.signal;
      const help = await runCommand(this.executable, ['--help-query-gpu'], {
        timeoutMs: this.commandTimeoutMs,
        signal,
      });
      if (this.listener === null) return;
      if (help.spawnError !== null) {
        this.unavailable(spawnProblem(this.executable, help.spawnError));
        return;
      }
      this.fields = selectLoopFields(help.exitCode === 0 ? help.stdout : null);
    }
    const problem = await this.inventoryWatch.refresh();
    if (this.listener === null) return;
    if (problem?.status === 'missing') {
      this.unavailable(problem);
      return;
    }
    if (problem !== null) this.log('warn', `${problem.reason}; sampling without an inventory`);
    this.spawnLoop();
  }

  private spawnLoop(): void {
    const fields = this.fields;
    if (fields === null || this.listener === null) return;
    this.tracker.set('starting', 'waiting for the first sample');
    this.restarts.markStarted();
    const options = {
      executable: this.executable,
      fields,
      intervalMs: this.intervalMs,
      expectedGpus: this.inventoryWatch.current().length,
      firstLineTimeoutMs: this.options.firstLineTimeoutMs ?? 10_000,
      stallIntervals: this.options.stallIntervals ?? 3,
    };
    const session: LoopSession = new LoopSession(options, {
      onTick: (readings) => this.tick(readings),
      onBadLine: (problem) => {
        this.tracker.countBadLine();
        this.log('warn', `skipped a line from nvidia-smi: ${problem}`);
      },
      onStall: (silentMs) => this.track(this.stalled(session, silentMs)),
      onEnd: (end, driverMessage) => this.ended(session, end, driverMessage),
    });
    this.session = session;
  }

  private tick(readings: GpuReading[]): void {
    const listener = this.listener;
    if (listener === null) return;
    if (this.tracker.status !== 'running') this.tracker.set('running');
    this.restarts.markHealthy();
    this.inventoryWatch.observe(readings);
    this.startPoller();
    listener.onTick(readings);
  }

  private async stalled(session: LoopSession, silentMs: number): Promise<void> {
    if (session !== this.session) return;
    this.session = null;
    const why = `nvidia-smi printed nothing for ${formatDuration(silentMs)}`;
    this.tracker.set('stalled', `${why}; killing it`);
    await session.stop(this.killGraceMs);
    this.scheduleRestart(why, 'restarting');
  }

  private ended(session: LoopSession, end: LineProcessEnd, driverMessage: string | null): void {
    if (session !== this.session) return;
    this.session = null;
    if (driverMessage !== null) {
      this.unavailable({ status: 'missing', reason: driverMessage });
    } else if (end.spawnError !== null) {
      this.unavailable(spawnProblem(this.executable, end.spawnError));
    } else {
      const how = end.signal !== null ? `was killed by ${end.signal}` : `exited with code ${end.exitCode}`;
      this.scheduleRestart(`nvidia-smi ${how}${end.stderrTail === '' ? '' : `: ${end.stderrTail}`}`, 'restarting');
    }
  }

  /** Not there (or not usable): say so, and look again later in case the driver comes back. */
  private unavailable(problem: SourceProblem): void {
    const poller = this.poller;
    this.poller = null;
    if (poller !== null) this.track(poller.stop());
    if (problem.status === 'failed') {
      this.tracker.set('failed', problem.reason);
      return;
    }
    this.fields = null;
    this.scheduleRestart(problem.reason, 'missing');
  }

  private scheduleRestart(reason: string, status: 'restarting' | 'missing'): void {
    if (this.listener === null) return;
    const delayMs = this.restarts.schedule(() => {
      if (this.listener === null) return;
      this.tracker.countRestart();
      if (this.fields === null || this.inventoryWatch.current().length === 0) this.track(this.boot());
      else this.spawnLoop();
    });
    const message = `${reason}; ${status === 'missing' ? 'checking again' : 'restarting'} in ${formatDuration(delayMs)}`;
    this.tracker.set(status, message);
    this.log(status === 'missing' ? 'warn' : 'error', message);
  }

  private startPoller(): void {
    if (this.poller !== null || this.listener === null) return;
    const processIntervalMs = this.options.processIntervalMs ?? 2_000;
    this.poller = new ProcessPoller({
      executable: this.executable,
      intervalMs: processIntervalMs,
      timeoutMs: Math.min(this.commandTimeoutMs, Math.max(1_000, processIntervalMs * 2)),
      hostId: this.options.hostId,
      now: () => this.clock.now(),
      onProcesses: (processes) => this.listener?.onProcesses(processes),
      onProblem: (reason) => this.log('warn', `process list: ${reason}`),
    });
    this.poller.start();
  }

  /** Remembers background work so that stop() can wait for it. */
  private track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => this.log('error', `nvidia-smi source: ${String(error)}`));
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }
}
