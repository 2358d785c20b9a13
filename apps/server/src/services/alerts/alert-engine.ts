import {
  acknowledgeAlert,
  attachAlertId,
  createEvaluatorState,
  evaluateRules,
  seedActiveAlerts,
  silenceAlert,
  type AlertTransition,
  type Clock,
  type EvaluationInput,
  type KnownGpu,
  type KnownHost,
} from '@gpu-sentinel/core';
import type { Alert, AlertMessage, AlertRule, GpuInfo, GpuSample } from '@gpu-sentinel/protocol';
import type { Logger } from 'pino';
import type { Bus } from '../../bus/bus.js';
import type { AlertStore } from '../../store/alert-store.js';
import type { IntervalTimer } from '../sample-writer.js';
import type { AlertControl } from './alert-control.js';
import { alertMessage, describeTarget } from './alert-message.js';
import { notifyTargets } from './notify-targets.js';

/** What the engine knows of the fleet right now. */
export interface AlertFacts {
  inventory(): readonly GpuInfo[];
  hosts(): readonly (KnownHost & { hostname: string })[];
}

export interface AlertEngineOptions {
  store: AlertStore;
  bus: Pick<Bus, 'publish' | 'subscribe'>;
  clock: Clock;
  timer: IntervalTimer;
  facts: AlertFacts;
  log: Pick<Logger, 'error' | 'info'>;
  /** Something was queued in the outbox: wake the delivery worker. */
  onDeliveriesQueued: () => void;
  /** When ticks stop (source down), evaluate this often anyway, so stale and down rules fire. */
  idleEvaluateMs?: number;
  /**
   * Evaluate at most this often: a fleet sends a tick per host (a thousand a second from 250 hosts),
   * so ticks closer together than this are gathered and evaluated as one. A single host at 4 Hz is
   * evaluated on every tick.
   */
  minEvaluateGapMs?: number;
}

/**
 * Runs the pure evaluator (packages/core) on every tick and, when ticks stop, on a timer; turns its
 * transitions into stored alerts with their outbox rows (one transaction each, in order), and
 * pushes every change over the live stream.
 */
export class AlertEngine implements AlertControl {
  private readonly state = createEvaluatorState();
  private rules: AlertRule[] = [];
  private ruleById = new Map<number, AlertRule>();
  /** Store writes, one after another, so an alert's resolve never overtakes its opening. */
  private writes: Promise<void> = Promise.resolve();
  /** target key → stored alert id, for the transitions that come before the evaluator knows it. */
  private readonly alertIds = new Map<string, number>();
  private lastEvaluatedAt = Number.NEGATIVE_INFINITY;
  /** Samples of ticks that came within `minEvaluateGapMs` of the last evaluation, waiting for the next. */
  private pending: GpuSample[] = [];
  /**
   * Every GPU seen since start, not only the current inventory: a GPU that drops out of nvidia-smi
   * ("fallen off the bus") is exactly one whose staleness must keep being watched.
   */
  private readonly knownGpus = new Map<string, KnownGpu>();
  private knownGpuList: KnownGpu[] = [];
  private detach: (() => void)[] = [];

  constructor(private readonly options: AlertEngineOptions) {}

  /** Load the rules, resume the alerts active before a restart, then follow the ticks. */
  async start(): Promise<void> {
    const { store, bus, timer } = this.options;
    await this.loadRules();
    const active = await store.listActiveAlerts();
    const now = this.options.clock.now();
    seedActiveAlerts(
      this.state,
      active.flatMap((alert) => toSeed(alert, now)),
    );
    for (const alert of active) {
      if (alert.ruleId !== null && alert.hostId !== null)
        this.alertIds.set(targetKey(alert.ruleId, alert.hostId, alert.uuid), alert.id);
    }
    const idleMs = this.options.idleEvaluateMs ?? 1_000;
    const gapMs = this.options.minEvaluateGapMs ?? 200;
    this.detach = [
      bus.subscribe('tick', (tick) => {
        for (const sample of tick.samples) this.pending.push(sample);
        if (this.options.clock.now() - this.lastEvaluatedAt >= gapMs) this.evaluatePending();
      }),
      // What another replica stored (an ack, a silence, a rule change) and this one must now act on.
      bus.subscribe('alertControl', (event) => {
        if (event.action === 'acknowledged') acknowledgeAlert(this.state, event.id, event.by, event.at);
        else if (event.action === 'silenced') silenceAlert(this.state, event.id, event.until);
        else
          this.loadRules().catch((error: unknown) => {
            this.options.log.error({ err: error }, 'reloading the alert rules failed');
          });
      }),
      timer.every(gapMs, () => {
        if (this.pending.length > 0) this.evaluatePending();
        else if (this.options.clock.now() - this.lastEvaluatedAt >= idleMs) this.evaluate([]);
      }),
    ];
  }

  /** Stop evaluating and wait for the writes in flight. */
  async close(): Promise<void> {
    for (const stop of this.detach) stop();
    this.detach = [];
    await this.writes;
  }

  async acknowledge(id: number, by: string): Promise<Alert | undefined> {
    const now = this.options.clock.now();
    const alert = await this.options.store.acknowledgeAlert(id, by, now);
    if (alert?.state === 'acknowledged') {
      acknowledgeAlert(this.state, id, by, alert.acknowledgedAt ?? now);
      this.publish('acknowledged', alert);
    }
    return alert;
  }

  async silence(id: number, until: number): Promise<Alert | undefined> {
    const alert = await this.options.store.silenceAlert(id, until);
    if (alert !== undefined) {
      silenceAlert(this.state, id, until);
      this.publish('silenced', alert);
    }
    return alert;
  }

  async rulesChanged(): Promise<void> {
    await this.loadRules();
  }

  deliveriesQueued(): void {
    this.options.onDeliveriesQueued();
  }

  private evaluatePending(): void {
    const samples = this.pending;
    this.pending = [];
    this.evaluate(samples);
  }

  /** One evaluation; public for tests that drive it without a bus. */
  evaluate(samples: readonly GpuSample[]): void {
    const now = this.options.clock.now();
    this.lastEvaluatedAt = now;
    const inventory = this.options.facts.inventory();
    const input: EvaluationInput = {
      now,
      samples,
      gpus: this.rememberGpus(inventory),
      hosts: this.options.facts.hosts(),
    };
    const transitions = evaluateRules(this.state, this.rules, input);
    if (transitions.length === 0) return;
    this.enqueue(() => this.apply(transitions, inventory));
  }

  private rememberGpus(inventory: readonly GpuInfo[]): KnownGpu[] {
    let isChanged = false;
    for (const info of inventory) {
      const known = this.knownGpus.get(info.uuid);
      if (known?.memoryTotalMiB === info.memoryTotalMiB && known.powerLimitW === info.powerLimitW) continue;
      this.knownGpus.set(info.uuid, toKnownGpu(info));
      isChanged = true;
    }
    if (isChanged) this.knownGpuList = [...this.knownGpus.values()];
    return this.knownGpuList;
  }

  private async loadRules(): Promise<void> {
    const rules = await this.options.store.listRules();
    this.rules = rules;
    this.ruleById = new Map(rules.map((rule) => [rule.id, rule]));
  }

  private enqueue(write: () => Promise<void>): void {
    this.writes = this.writes.then(write).catch((error: unknown) => {
      this.options.log.error({ err: error }, 'recording an alert failed');
    });
  }

  private async apply(transitions: readonly AlertTransition[], inventory: readonly GpuInfo[]): Promise<void> {
    const { store, clock } = this.options;
    const channels = await store.listChannels();
    let isQueued = false;
    for (const transition of transitions) {
      const { target } = transition;
      const key = targetKey(target.ruleId, target.hostId, target.uuid);
      const rule = this.ruleById.get(target.ruleId);
      const now = clock.now();
      if (transition.kind === 'fire') {
        if (rule === undefined) continue;
        const targets = notifyTargets(rule, rule.severity, channels);
        const gpu = inventory.find((info) => info.uuid === target.uuid);
        const hostname =
          this.options.facts.hosts().find((host) => host.hostId === target.hostId)?.hostname ?? target.hostId;
        const alert = await store.openAlert(
          {
            ruleId: rule.id,
            ruleName: rule.name,
            hostId: target.hostId,
            uuid: target.uuid,
            severity: rule.severity,
            metric: rule.metric,
            op: rule.op,
            value: transition.value,
            threshold: rule.threshold,
            message: alertMessage(rule, transition.value, describeTarget(gpu?.hostname ?? hostname, gpu)),
            startedAt: transition.at,
          },
          targets,
          now,
        );
        this.alertIds.set(key, alert.id);
        attachAlertId(this.state, target, alert.id);
        isQueued ||= targets.length > 0;
        this.publish('opened', alert);
        continue;
      }
      const alertId = transition.alertId ?? this.alertIds.get(key);
      if (alertId === undefined) continue;
      const severity = rule?.severity ?? (await store.getAlert(alertId))?.severity ?? 'info';
      const targets = rule === undefined ? [] : notifyTargets(rule, severity, channels);
      if (transition.kind === 'repeat') {
        const alert = await store.repeatAlert(alertId, targets, now);
        isQueued ||= alert !== undefined && targets.length > 0;
        continue;
      }
      this.alertIds.delete(key);
      const alert = await store.resolveAlert(alertId, transition.at, targets, now);
      if (alert === undefined) continue;
      isQueued ||= targets.length > 0;
      this.publish('resolved', alert);
    }
    if (isQueued) this.options.onDeliveriesQueued();
  }

  private publish(change: AlertMessage['change'], alert: Alert): void {
    this.options.bus.publish('alert', { type: 'alert', change, alert });
  }
}

function targetKey(ruleId: number, hostId: string, uuid: string | null): string {
  return `${String(ruleId)}\u0000${hostId}\u0000${uuid ?? ''}`;
}

function toKnownGpu(info: GpuInfo): KnownGpu {
  return { hostId: info.hostId, uuid: info.uuid, memoryTotalMiB: info.memoryTotalMiB, powerLimitW: info.powerLimitW };
}

/** Resumed as just notified: a restart must not set off a round of repeats. */
function toSeed(alert: Alert, now: number): Parameters<typeof seedActiveAlerts>[1] {
  if (alert.ruleId === null) return [];
  return [
    {
      alertId: alert.id,
      ruleId: alert.ruleId,
      hostId: alert.hostId,
      uuid: alert.uuid,
      startedAt: alert.startedAt,
      value: alert.value,
      acknowledgedAt: alert.acknowledgedAt,
      acknowledgedBy: alert.acknowledgedBy,
      silencedUntil: alert.silencedUntil,
      lastNotifiedAt: now,
      metric: alert.metric,
    },
  ];
}
