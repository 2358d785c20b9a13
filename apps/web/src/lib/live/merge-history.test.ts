import { describe, expect, it } from 'vitest';
import { mergeHistory } from './merge-history';

const points = (...ts: number[]) => ts.map((t) => ({ ts: t }));

describe('mergeHistory', () => {
  it('puts history before the first live sample, then the live samples', () => {
    const merged = mergeHistory(points(0, 1_000, 2_000, 3_000), points(2_500, 2_750, 3_000), 10_000);
    expect(merged.map((p) => p.ts)).toEqual([0, 1_000, 2_000, 2_500, 2_750, 3_000]);
  });

  it('keeps only the window that ends at the newest point', () => {
    const merged = mergeHistory(points(0, 5_000, 9_000), points(12_000), 5_000);
    expect(merged.map((p) => p.ts)).toEqual([9_000, 12_000]);
  });

  it('works with history only or live only', () => {
    expect(mergeHistory(points(1, 2), [], 10).map((p) => p.ts)).toEqual([1, 2]);
    const live = points(5, 6);
    expect(mergeHistory([], live, 10)).toBe(live);
  });
});
