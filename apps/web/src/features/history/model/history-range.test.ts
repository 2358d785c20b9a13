import { describe, expect, it } from 'vitest';
import { pointsForWidth } from './chart-points';
import { parseCustomRange, resolveRange, toLocalInput, zoomOutRange, zoomRange } from './history-range';

const NOW = Date.UTC(2026, 10, 26, 14, 0, 0);

describe('time ranges', () => {
  it('a preset ends now and spans its length', () => {
    expect(resolveRange({ kind: 'preset', preset: '15m' }, NOW)).toEqual({ from: NOW - 15 * 60_000, to: NOW });
    expect(resolveRange({ kind: 'preset', preset: '30d' }, NOW)).toEqual({ from: NOW - 30 * 86_400_000, to: NOW });
  });

  it('a drag becomes an absolute range whichever way it went, and a click is not a zoom', () => {
    expect(zoomRange(NOW, NOW - 60_000.4)).toEqual({ kind: 'absolute', from: NOW - 60_000, to: NOW });
    expect(zoomRange(NOW, NOW + 200)).toBeNull();
    expect(zoomRange(Number.NaN, NOW)).toBeNull();
  });

  it('zooming out doubles the span around the middle, without running past now', () => {
    expect(zoomOutRange({ from: NOW - 40_000, to: NOW - 20_000 }, NOW)).toEqual({
      kind: 'absolute',
      from: NOW - 50_000,
      to: NOW - 10_000,
    });
    expect(zoomOutRange({ from: NOW - 20_000, to: NOW }, NOW)).toEqual({
      kind: 'absolute',
      from: NOW - 40_000,
      to: NOW,
    });
  });

  it('the custom form takes local times and says what is wrong', () => {
    const from = toLocalInput(NOW - 3_600_000);
    const to = toLocalInput(NOW);
    expect(parseCustomRange(from, to)).toEqual({
      ok: true,
      range: { kind: 'absolute', from: NOW - 3_600_000, to: NOW },
    });
    expect(parseCustomRange(to, from)).toEqual({ ok: false, message: 'The start must be before the end.' });
    expect(parseCustomRange(to, to)).toEqual({ ok: false, message: 'The start must be before the end.' });
    expect(parseCustomRange('', to)).toEqual({ ok: false, message: 'Enter both a start and an end.' });
  });
});

describe('points asked for', () => {
  it('one per 2 px of plot, within what the server allows', () => {
    expect(pointsForWidth(1072)).toBe(500);
    expect(pointsForWidth(0)).toBe(20);
    expect(pointsForWidth(100_000)).toBe(5_000);
  });
});
