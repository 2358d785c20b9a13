import type { Generated } from 'kysely';
import type { MetricColumn } from './metric-columns.js';

/** Row types of the tables, as the store's queries see them. Times are epoch ms (INTEGER in SQLite). */
export interface HostsTable {
  host_id: string;
  hostname: string;
  driver_version: string | null;
  cuda_version: string | null;
  first_seen_at: number;
  last_seen_at: number;
}

export interface GpusTable {
  gpu_id: Generated<number>;
  uuid: string;
  host_id: string;
  idx: number;
  name: string;
  serial: string | null;
  bus_id: string | null;
  vbios_version: string | null;
  memory_total_mib: number | null;
  power_limit_w: number | null;
  power_limit_default_w: number | null;
  mig_mode: string | null;
  compute_mode: string | null;
  /** 1, 0 or null: SQLite has no boolean. */
  persistence_mode: number | null;
  first_seen_at: number;
  last_seen_at: number;
}

export type GpuMetricsTable = {
  id: Generated<number>;
  gpu_id: number;
  ts: number;
  pstate: string | null;
  /** JSON array of reason names; null when there were none. */
  throttle_reasons: string | null;
} & Record<MetricColumn, number | null>;

export interface AlertsTable {
  id: Generated<number>;
  rule_id: number | null;
  gpu_id: number | null;
  host_id: string | null;
  state: 'firing' | 'resolved' | 'acknowledged';
  severity: 'info' | 'warning' | 'critical';
  metric: string;
  value: number | null;
  threshold: number | null;
  message: string;
  started_at: number;
  resolved_at: number | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
}

export interface Database {
  hosts: HostsTable;
  gpus: GpusTable;
  gpu_metrics: GpuMetricsTable;
  alerts: AlertsTable;
}
