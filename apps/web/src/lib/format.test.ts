import { describe, expect, it } from 'vitest';
import { formatAgo, formatDateTime } from './format';

describe('formatAgo', () => {
  it('says how long ago, to the second', () => {
    expect(formatAgo(400)).toBe('just now');
    expect(formatAgo(4_000)).toBe('4 s ago');
    expect(formatAgo(185_000)).toBe('3 min 5 s ago');
  });
});

describe('formatDateTime', () => {
  it('writes local time to the minute, or to the second as logs are read, and a dash for none', () => {
    const ts = new Date(2026, 10, 26, 9, 5, 7).getTime();
    expect(formatDateTime(ts)).toBe('2026-11-26 09:05');
    expect(formatDateTime(ts, { withSeconds: true })).toBe('2026-11-26 09:05:07');
    expect(formatDateTime(null)).toBe('—');
  });
});
