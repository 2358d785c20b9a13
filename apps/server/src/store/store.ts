import type { GpuInfo, GpuSample, Host, HistoryPoint } from '@gpu-sentinel/protocol';
import type { IdentityStore } from './identity-store.js';

export interface HistoryRequest {
  uuid: string;
  from: number;
  to: number;
  points: number;
}

export interface HistoryResult {
  bucketMs: number;
  points: HistoryPoint[];
}

/** The storage port. SQLite now; a Postgres dialect implements the same contract later. */
export interface Store {
  readonly engine: 'sqlite';
  /** Where the data lives, for `/system` and `doctor` (a file path or a redacted URL). */
  readonly location: string;
  /** Users, sessions, API keys, audit log and settings, on the same database. */
  readonly identity: IdentityStore;
  migrate(): Promise<void>;
  /** Insert or update hosts and GPUs (uuid → gpu_id) from an inventory. */
  upsertInventory(inventory: GpuInfo[]): Promise<void>;
  /** Write one batch of samples in one transaction; all rows or none. */
  insertSamples(samples: GpuSample[]): Promise<void>;
  /** Averages per bucket over raw samples of one GPU; empty buckets are left out. */
  history(request: HistoryRequest): Promise<HistoryResult>;
  listHosts(): Promise<Host[]>;
  close(): Promise<void>;
}
