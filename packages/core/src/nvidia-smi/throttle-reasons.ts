/**
 * Clock throttle ("event", from driver 535) reasons in one vocabulary, whichever way nvidia-smi
 * reported them: XML `<clocks_throttle_reason_sw_power_cap>Active</…>`, XML
 * `<clocks_event_reason_sw_power_cap>`, CSV `clocks_event_reasons.sw_power_cap`, or the
 * `clocks_event_reasons.active` bitmask. The names are NVML's (nvmlClocksEventReason*).
 */
export const THROTTLE_REASON_BITS = [
  ['gpu_idle', 0x1n],
  ['applications_clocks_setting', 0x2n],
  ['sw_power_cap', 0x4n],
  ['hw_slowdown', 0x8n],
  ['sync_boost', 0x10n],
  ['sw_thermal_slowdown', 0x20n],
  ['hw_thermal_slowdown', 0x40n],
  ['hw_power_brake_slowdown', 0x80n],
  ['display_clock_setting', 0x100n],
  ['unknown', 0x8000000000000000n],
] as const;

export type ThrottleReason = (typeof THROTTLE_REASON_BITS)[number][0];

/** Spellings that differ between the XML and NVML/CSV names. */
const REASON_SPELLINGS: Readonly<Record<string, ThrottleReason>> = {
  display_clocks_setting: 'display_clock_setting',
};

const REASON_PREFIXES = [
  'clocks_throttle_reasons.',
  'clocks_event_reasons.',
  'clocks_throttle_reason_',
  'clocks_event_reason_',
];

/** The canonical reason name for an XML element or CSV column name (prefixes and old spellings removed). */
export function normalizeThrottleReason(name: string): string {
  let reason = name.trim();
  for (const prefix of REASON_PREFIXES) {
    if (reason.startsWith(prefix)) {
      reason = reason.slice(prefix.length);
      break;
    }
  }
  return REASON_SPELLINGS[reason] ?? reason;
}

const HEX_BITMASK = /^0x[0-9a-fA-F]{1,16}$/;

/**
 * Decodes an active-reasons bitmask ("0x0000000000000004") into reason names in bit order.
 * Returns `null` when the text is not a hex bitmask; unknown bits are ignored.
 */
export function decodeThrottleReasons(bitmask: string): ThrottleReason[] | null {
  const text = bitmask.trim();
  if (!HEX_BITMASK.test(text)) return null;
  const value = BigInt(text);
  return THROTTLE_REASON_BITS.filter(([, bit]) => (value & bit) !== 0n).map(([name]) => name);
}
