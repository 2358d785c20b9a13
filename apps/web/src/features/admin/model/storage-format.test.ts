import { describe, expect, it } from 'vitest';
import { displayLocation, formatAgo, formatBytes, formatCount, formatKeptFor } from './storage-format';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('storage numbers as an admin reads them', () => {
  it('gives sizes in decimal units with one decimal below 100', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(12_345_678)).toBe('12.3 MB');
    expect(formatBytes(250_000_000)).toBe('250 MB');
    expect(formatBytes(3_200_000_000)).toBe('3.2 GB');
    expect(formatBytes(null)).toBe('—');
  });

  it('separates thousands in row counts', () => {
    expect(formatCount(1_234_567)).toBe('1,234,567');
  });

  it('says how long a tier is kept in the unit of its setting', () => {
    expect(formatKeptFor('raw', 48 * HOUR)).toBe('48 h');
    expect(formatKeptFor('1m', 30 * DAY)).toBe('30 days');
    expect(formatKeptFor('1h', DAY)).toBe('1 day');
  });

  it('says how long ago in the largest whole unit', () => {
    const now = 100 * DAY;
    expect(formatAgo(now - 5_000, now)).toBe('just now');
    expect(formatAgo(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatAgo(now - HOUR, now)).toBe('1 hour ago');
    expect(formatAgo(now - 3 * DAY - HOUR, now)).toBe('3 days ago');
  });

  it('never shows a Postgres password, and shows a file path as it is', () => {
    expect(displayLocation('postgres://sentinel:secret@db:5432/gpus')).toBe('postgres://sentinel@db:5432/gpus');
    expect(displayLocation('/var/lib/gpu-sentinel/history.db')).toBe('/var/lib/gpu-sentinel/history.db');
  });
});
