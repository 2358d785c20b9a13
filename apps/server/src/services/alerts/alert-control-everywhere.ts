import type { Clock } from '@gpu-sentinel/core';
import type { Alert } from '@gpu-sentinel/protocol';
import type { Bus } from '../../bus/bus.js';
import type { AlertStore } from '../../store/alert-store.js';
import type { AlertControl } from './alert-control.js';

export interface AlertControlEverywhereDeps {
  store: Pick<AlertStore, 'acknowledgeAlert' | 'silenceAlert'>;
  bus: Pick<Bus, 'publish'>;
  clock: Clock;
  /** The engine when this replica evaluates the rules (it owns the alerting lease); null otherwise. */
  localEngine: () => AlertControl | null;
  wakeDeliveries: () => void;
}

/**
 * AlertControl on any replica. Where the rules are evaluated here, the engine does it all; elsewhere
 * the change is stored and pushed to the dashboards from here, and the replica that evaluates is told
 * over the bus (so an acknowledged alert stops repeating and an edited rule takes effect at once).
 */
export class AlertControlEverywhere implements AlertControl {
  constructor(private readonly deps: AlertControlEverywhereDeps) {}

  async acknowledge(id: number, by: string): Promise<Alert | undefined> {
    const engine = this.deps.localEngine();
    if (engine !== null) return engine.acknowledge(id, by);
    const at = this.deps.clock.now();
    const alert = await this.deps.store.acknowledgeAlert(id, by, at);
    if (alert?.state === 'acknowledged') {
      this.deps.bus.publish('alert', { type: 'alert', change: 'acknowledged', alert });
      this.deps.bus.publish('alertControl', { action: 'acknowledged', id, by, at: alert.acknowledgedAt ?? at });
    }
    return alert;
  }

  async silence(id: number, until: number): Promise<Alert | undefined> {
    const engine = this.deps.localEngine();
    if (engine !== null) return engine.silence(id, until);
    const alert = await this.deps.store.silenceAlert(id, until);
    if (alert !== undefined) {
      this.deps.bus.publish('alert', { type: 'alert', change: 'silenced', alert });
      this.deps.bus.publish('alertControl', { action: 'silenced', id, until });
    }
    return alert;
  }

  async rulesChanged(): Promise<void> {
    const engine = this.deps.localEngine();
    if (engine !== null) await engine.rulesChanged();
    else this.deps.bus.publish('alertControl', { action: 'rulesChanged' });
  }

  deliveriesQueued(): void {
    this.deps.wakeDeliveries();
  }
}
