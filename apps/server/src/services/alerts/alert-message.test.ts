import { describe, expect, it } from 'vitest';
import { alertMessage, describeTarget, formatMetricValue } from './alert-message.js';

describe('alert messages', () => {
  it('formats values with their unit and sensible rounding', () => {
    expect(formatMetricValue('temperatureC', 86.04)).toBe('86 °C');
    expect(formatMetricValue('memoryUsedPct', 93.456)).toBe('93.5 %');
    expect(formatMetricValue('powerDrawW', 822.66)).toBe('823 W');
    expect(formatMetricValue('nvidiaSmiDown', 1)).toBe('1');
  });

  it('names the rule, the condition and the GPU', () => {
    const rule = {
      name: 'GPU temperature critical',
      metric: 'temperatureC',
      op: '>=',
      threshold: 85,
      forSeconds: 30,
    } as const;
    const where = describeTarget('node-7', { index: 0, name: 'NVIDIA H100 80GB HBM3' });
    expect(alertMessage(rule, 86.2, where)).toBe(
      'GPU temperature critical: temperatureC 86.2 °C (>= 85 °C for 30 s) on GPU 0 (NVIDIA H100 80GB HBM3) on node-7',
    );
    expect(describeTarget('node-7', undefined)).toBe('node-7');
  });
});
