import { describe, expect, it } from 'vitest';
import { DEFAULT_METRICS, historySearch, parseHistorySearch, toggleGpu, toggleMetric } from './history-url';

const KNOWN = ['GPU-a', 'GPU-b', 'GPU-c'];

describe('history view state in the URL', () => {
  it('opens on the last hour of every GPU, four metrics, no comparison, with a bare URL', () => {
    const state = parseHistorySearch('');
    expect(state).toEqual({
      range: { kind: 'preset', preset: '1h' },
      gpus: null,
      metrics: DEFAULT_METRICS,
      compare: 'off',
    });
    expect(historySearch(state)).toBe('');
  });

  it('reproduces a view from its link: preset, GPUs, metrics and comparison', () => {
    const search = '?range=6h&gpus=GPU-a,GPU-c&metrics=temperatureC,fanSpeedPct&compare=1w';
    const state = parseHistorySearch(search);
    expect(state).toEqual({
      range: { kind: 'preset', preset: '6h' },
      gpus: ['GPU-a', 'GPU-c'],
      metrics: ['temperatureC', 'fanSpeedPct'],
      compare: '1w',
    });
    expect(historySearch(state)).toBe(search);
  });

  it('keeps a zoomed or custom window as epoch milliseconds', () => {
    const state = parseHistorySearch('?from=1764150000000&to=1764150600000');
    expect(state.range).toEqual({ kind: 'absolute', from: 1764150000000, to: 1764150600000 });
    expect(historySearch(state)).toBe('?from=1764150000000&to=1764150600000');
  });

  it('falls back to defaults for what it cannot read, instead of an error page', () => {
    const state = parseHistorySearch('?range=2y&from=9&to=3&metrics=bogus&compare=1y');
    expect(state.range).toEqual({ kind: 'preset', preset: '1h' });
    expect(state.metrics).toEqual(DEFAULT_METRICS);
    expect(state.compare).toBe('off');
  });

  it('an empty GPU list is "none picked", not "all"', () => {
    expect(parseHistorySearch('?gpus=').gpus).toEqual([]);
  });
});

describe('picking GPUs and metrics', () => {
  it('switching one GPU off lists the others; switching it back on means every GPU again', () => {
    const all = parseHistorySearch('');
    const withoutB = toggleGpu(all, KNOWN, 'GPU-b');
    expect(withoutB.gpus).toEqual(['GPU-a', 'GPU-c']);
    expect(historySearch(withoutB)).toBe('?gpus=GPU-a,GPU-c');
    expect(toggleGpu(withoutB, KNOWN, 'GPU-b').gpus).toBeNull();
  });

  it('keeps metrics in catalogue order and never removes the last one', () => {
    const state = parseHistorySearch('?metrics=powerDrawW');
    expect(toggleMetric(state, 'powerDrawW')).toBe(state);
    expect(toggleMetric(state, 'utilizationGpuPct').metrics).toEqual(['utilizationGpuPct', 'powerDrawW']);
  });
});
