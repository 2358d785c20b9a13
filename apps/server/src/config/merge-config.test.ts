import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { mergeConfig } from './merge-config.js';
import { validateConfig } from './validate-config.js';

const file = (values: Record<string, unknown>) => ({ path: '/etc/gpu-sentinel.json', values });

describe('mergeConfig', () => {
  it('takes flags over env over the config file over defaults', () => {
    const merged = mergeConfig({
      flags: { port: '4000' },
      env: { GPU_SENTINEL_PORT: '5000', GPU_SENTINEL_HOST: '127.0.0.1', GPU_SENTINEL_INTERVAL_MS: '500' },
      file: file({ port: 6000, host: '10.0.0.1', dataDir: '/srv/data', intervalMs: 1000 }),
    });
    const config = validateConfig(merged);

    expect(config.port).toBe(4000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.intervalMs).toBe(500);
    expect(config.dataDir).toBe('/srv/data');
    expect(config.source).toBe('auto');
    expect(config.gpus).toBe(4);
    expect(merged.origins).toMatchObject({ port: '--port', host: 'GPU_SENTINEL_HOST' });
  });

  it('maps --nvidia-smi to nvidiaSmiPath and reads the secrets from env', () => {
    const config = validateConfig(
      mergeConfig({
        flags: { nvidiaSmi: '/opt/nvidia-smi', source: 'replay:/captures' },
        env: { GPU_SENTINEL_ADMIN_PASSWORD: 'pw', GPU_SENTINEL_SECRET: 's3cret' },
        file: null,
      }),
    );
    expect(config).toMatchObject({
      nvidiaSmiPath: '/opt/nvidia-smi',
      source: 'replay:/captures',
      adminPassword: 'pw',
      secret: 's3cret',
    });
  });

  it('ignores empty env values', () => {
    const config = validateConfig(mergeConfig({ flags: {}, env: { GPU_SENTINEL_PORT: '' }, file: null }));
    expect(config.port).toBe(3055);
  });

  it('takes DATABASE_URL and REDIS_URL without warnings; --database-url wins over the env', () => {
    const env = { DATABASE_URL: 'postgres://env-host/db', REDIS_URL: 'redis://y' };
    const fromEnv = mergeConfig({ flags: {}, env, file: null });
    expect(fromEnv.warnings).toEqual([]);
    expect(validateConfig(fromEnv)).toMatchObject({ databaseUrl: 'postgres://env-host/db', redisUrl: 'redis://y' });
    const fromFlag = mergeConfig({ flags: { databaseUrl: 'postgresql://flag-host/db' }, env, file: null });
    expect(validateConfig(fromFlag).databaseUrl).toBe('postgresql://flag-host/db');
  });

  it('refuses a DATABASE_URL that is not postgres:// without echoing it (it may hold a password)', () => {
    const merged = mergeConfig({ flags: {}, env: { DATABASE_URL: 'mysql://u:hunter2@h/db' }, file: null });
    expect(() => validateConfig(merged)).toThrow(/DATABASE_URL: expected postgres/);
    expect(() => validateConfig(merged)).not.toThrow(/hunter2/);
  });

  it('reads the retention defaults from env and flags, as numbers, and checks their range', () => {
    const config = validateConfig(
      mergeConfig({
        flags: { retentionHourDays: '90', retentionTenMinuteDays: '45' },
        env: {
          GPU_SENTINEL_RETENTION_RAW_HOURS: '12',
          GPU_SENTINEL_RETENTION_MINUTE_DAYS: '7',
          GPU_SENTINEL_RETENTION_TEN_MINUTE_DAYS: '20',
        },
        file: null,
      }),
    );
    expect(config).toMatchObject({
      retentionRawHours: 12,
      retentionMinuteDays: 7,
      retentionTenMinuteDays: 45,
      retentionHourDays: 90,
    });
    const fromEnv = validateConfig(
      mergeConfig({ flags: {}, env: { GPU_SENTINEL_RETENTION_TEN_MINUTE_DAYS: '20' }, file: null }),
    );
    expect(fromEnv.retentionTenMinuteDays).toBe(20);
    const defaults = validateConfig(mergeConfig({ flags: {}, env: {}, file: null }));
    expect(defaults).toMatchObject({
      retentionRawHours: 48,
      retentionMinuteDays: 30,
      retentionTenMinuteDays: 90,
      retentionHourDays: 400,
    });
    const bad = mergeConfig({ flags: {}, env: { GPU_SENTINEL_RETENTION_RAW_HOURS: '0' }, file: null });
    expect(() => validateConfig(bad)).toThrow(/GPU_SENTINEL_RETENTION_RAW_HOURS/);
    const tooLong = mergeConfig({ flags: {}, env: { GPU_SENTINEL_RETENTION_TEN_MINUTE_DAYS: '3651' }, file: null });
    expect(() => validateConfig(tooLong)).toThrow(/GPU_SENTINEL_RETENTION_TEN_MINUTE_DAYS/);
  });

  it('reads TLS files and a comma-separated CORS allow-list; CORS is closed by default', () => {
    const config = validateConfig(
      mergeConfig({
        flags: { tlsCert: '/etc/cert.pem' },
        env: {
          GPU_SENTINEL_TLS_KEY: '/etc/key.pem',
          GPU_SENTINEL_CORS_ORIGINS: 'https://grafana.example.com, http://localhost:5173',
        },
        file: null,
      }),
    );
    expect(config).toMatchObject({ tlsCert: '/etc/cert.pem', tlsKey: '/etc/key.pem' });
    expect(config.corsOrigins).toEqual(['https://grafana.example.com', 'http://localhost:5173']);
    expect(validateConfig(mergeConfig({ flags: {}, env: {}, file: null })).corsOrigins).toEqual([]);
  });
});

describe('validateConfig', () => {
  const messageOf = (run: () => unknown): string => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).message;
    }
    throw new Error('expected a ConfigError');
  };

  it('names the flag, env var or file field of a bad value', () => {
    expect(messageOf(() => validateConfig(mergeConfig({ flags: { port: 'abc' }, env: {}, file: null })))).toMatch(
      /--port: .*"abc"/,
    );
    expect(
      messageOf(() => validateConfig(mergeConfig({ flags: {}, env: { GPU_SENTINEL_INTERVAL_MS: '5' }, file: null }))),
    ).toMatch(/GPU_SENTINEL_INTERVAL_MS: .*100/);
    expect(
      messageOf(() => validateConfig(mergeConfig({ flags: {}, env: {}, file: file({ source: 'gpu-magic' }) }))),
    ).toMatch(/config file \/etc\/gpu-sentinel.json: source/);
    expect(messageOf(() => validateConfig(mergeConfig({ flags: {}, env: {}, file: file({ colour: 'red' }) })))).toMatch(
      /config file \/etc\/gpu-sentinel.json: colour: unknown setting/,
    );
  });
});
