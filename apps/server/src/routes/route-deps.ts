import type { GpuSource } from '@gpu-sentinel/collector';
import type { Clock } from '@gpu-sentinel/core';
import type { Bus } from '../bus/bus.js';
import type { LiveState } from '../live/live-state.js';
import type { Notifier } from '../notify/notifier.js';
import type { AlertControl } from '../services/alerts/alert-control.js';
import type { StoreHealth } from '../services/check-readiness.js';
import type { RetentionControl } from '../services/retention/retention-job.js';
import type { ServerFacts } from '../services/server-facts.js';
import type { RecordingSwitch } from '../services/set-recording.js';
import type { AuditInput } from '../services/auth/record-audit.js';
import type { AlertStore } from '../store/alert-store.js';
import type { Store } from '../store/store.js';

/** Where the HTTP layer writes security events it sees itself (lockouts, settings changes): the audit log. */
export interface SecurityAudit {
  recordAudit(input: AuditInput): Promise<unknown>;
}

/** What the HTTP routes need; ports only, so tests and wiring choose the adapters. */
export interface RouteDeps {
  live: LiveState;
  store: Pick<Store, 'listHosts' | 'readSeries' | 'streamSamples' | 'streamRollups' | 'storageStats'>;
  /** The retention in force, its last run, and changing it. */
  retention: RetentionControl;
  storeHealth: StoreHealth;
  writer: RecordingSwitch;
  source: Pick<GpuSource, 'setIntervalMs'>;
  bus: Pick<Bus, 'publish'>;
  clock: Clock;
  facts: ServerFacts;
  audit: SecurityAudit;
  /** Rules, channels, alerts and deliveries as stored. */
  alertStore: AlertStore;
  /** The running alert engine: acknowledging, silencing and rule changes go through it. */
  alerts: AlertControl;
  /** Sends a channel's test notification straight to its receiver. */
  notifier: Notifier;
}

export const API_PREFIX = '/api/v1';
