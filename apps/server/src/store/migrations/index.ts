import type { Migration, MigrationProvider } from 'kysely';
import * as inventory from './0001-inventory.js';
import * as gpuMetrics from './0002-gpu-metrics.js';
import * as alerts from './0003-alerts.js';
import * as identity from './0004-identity.js';
import * as rollups from './0005-rollups.js';
import * as alerting from './0006-alerting.js';
import * as fleet from './0007-fleet.js';

/** Every migration, by name; the migrator runs them in name order. Add new ones at the end. */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-inventory': inventory,
  '0002-gpu-metrics': gpuMetrics,
  '0003-alerts': alerts,
  '0004-identity': identity,
  '0005-rollups': rollups,
  '0006-alerting': alerting,
  '0007-fleet': fleet,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
