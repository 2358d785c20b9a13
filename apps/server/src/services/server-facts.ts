import type { StorageEngine, WriterStats } from '@gpu-sentinel/protocol';

/** Facts about this server process that do not change while it runs, and where to read the writer's counters. */
export interface ServerFacts {
  version: string;
  nodeVersion: string;
  hostId: string;
  hostname: string;
  startedAt: number;
  storage: { engine: StorageEngine; location: string; writerStats: () => WriterStats };
}
