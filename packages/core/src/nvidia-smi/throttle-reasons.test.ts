import { describe, expect, it } from 'vitest';
import { decodeThrottleReasons, normalizeThrottleReason } from './throttle-reasons.js';

describe('throttle reasons', () => {
  it.each([
    ['0x0000000000000000', []],
    ['0x0000000000000001', ['gpu_idle']],
    ['0x0000000000000004', ['sw_power_cap']],
    ['0x0000000000000044', ['sw_power_cap', 'hw_thermal_slowdown']],
    ['0x00000000000000A8', ['hw_slowdown', 'sw_thermal_slowdown', 'hw_power_brake_slowdown']],
    ['0x0000000000000112', ['applications_clocks_setting', 'sync_boost', 'display_clock_setting']],
    ['0x8000000000000000', ['unknown']],
  ])('decodes the NVML bitmask %s', (bitmask, reasons) => {
    expect(decodeThrottleReasons(bitmask)).toEqual(reasons);
  });

  it('rejects text that is not a hex bitmask', () => {
    expect(decodeThrottleReasons('Active')).toBeNull();
    expect(decodeThrottleReasons('0x')).toBeNull();
    expect(decodeThrottleReasons('12')).toBeNull();
  });

  it('names XML elements and CSV columns of every era alike', () => {
    expect(normalizeThrottleReason('clocks_throttle_reason_sw_power_cap')).toBe('sw_power_cap');
    expect(normalizeThrottleReason('clocks_event_reason_sw_power_cap')).toBe('sw_power_cap');
    expect(normalizeThrottleReason('clocks_event_reasons.sw_power_cap')).toBe('sw_power_cap');
    expect(normalizeThrottleReason('clocks_throttle_reasons.hw_slowdown')).toBe('hw_slowdown');
    expect(normalizeThrottleReason('clocks_event_reason_display_clocks_setting')).toBe('display_clock_setting');
  });
});
