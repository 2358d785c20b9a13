import path from 'node:path';
import { createSqliteStore } from '@gpu-sentinel/server';
import BetterSqlite3 from 'better-sqlite3';

const HOSTS = 16;
const GPUS_PER_HOST = 8;
const RULES = [
  { id: 1, name: 'GPU temperature warning', metric: 'temperatureC', op: '>=', threshold: 80, severity: 'warning' },
  { id: 2, name: 'GPU temperature critical', metric: 'temperatureC', op: '>=', threshold: 85, severity: 'critical' },
  { id: 3, name: 'GPU memory almost full', metric: 'memoryUsedPct', op: '>=', threshold: 90, severity: 'warning' },
  { id: 4, name: 'GPU memory full', metric: 'memoryUsedPct', op: '>=', threshold: 95, severity: 'critical' },
  { id: 5, name: 'Power above the limit', metric: 'powerLimitPct', op: '>', threshold: 100, severity: 'warning' },
  { id: 101, name: 'Idle GPU', metric: 'utilizationGpuPct', op: '<', threshold: 5, severity: 'info' },
] as const;
/** One alert in this many is still firing; the rest resolved, as in a long-lived install. */
const FIRING_EVERY = 500;
const SPACING_MS = 37_000;

/**
 * Fills a fresh SQLite data dir (migrated by the store itself) with `count` alerts, oldest first,
 * in one transaction of plain INSERTs: 100,000 take about a second where opening them one by one
 * through the alert store (a transaction, a host upsert and a GPU lookup each) would take minutes.
 */
export async function seedAlerts(dataDir: string, count: number, now = Date.now()): Promise<void> {
  const store = createSqliteStore({ dataDir });
  await store.migrate();
  await store.close();
  const db = new BetterSqlite3(path.join(dataDir, 'gpu-sentinel.db'));
  try {
    const host = db.prepare(
      'INSERT OR IGNORE INTO hosts (host_id, hostname, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)',
    );
    const alert = db.prepare(
      `INSERT INTO alerts (rule_id, rule_name, gpu_id, host_id, uuid, state, severity, metric, op, value,
         threshold, message, started_at, resolved_at, updated_at)
       VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      for (let h = 0; h < HOSTS; h++) host.run(`bench-host-${String(h)}`, `bench-host-${String(h)}`, now, now);
      const firstStartedAt = now - count * SPACING_MS;
      for (let n = 0; n < count; n++) {
        const rule = RULES[(n * 7 + (n >> 4)) % RULES.length] ?? RULES[0];
        const gpu = (n * 13) % (HOSTS * GPUS_PER_HOST);
        const uuid = `GPU-bench-${String(gpu).padStart(4, '0')}-${(gpu * 2_654_435_761).toString(16).slice(-8)}`;
        const value = rule.op === '<' ? rule.threshold - 1 - (n % 4) : rule.threshold + 1 + (n % 9);
        const startedAt = firstStartedAt + n * SPACING_MS;
        const isFiring = n % FIRING_EVERY === FIRING_EVERY - 1;
        const resolvedAt = isFiring ? null : startedAt + 60_000 + (n % 17) * 5_000;
        alert.run(
          rule.id,
          rule.name,
          `bench-host-${String(gpu >> 3)}`,
          uuid,
          isFiring ? 'firing' : 'resolved',
          rule.severity,
          rule.metric,
          rule.op,
          value,
          rule.threshold,
          `${rule.name}: ${rule.metric} ${rule.op} ${String(rule.threshold)} (${String(value)})`,
          startedAt,
          resolvedAt,
          resolvedAt ?? startedAt,
        );
      }
    })();
  } finally {
    db.close();
  }
}
