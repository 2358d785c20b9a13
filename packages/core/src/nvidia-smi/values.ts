/**
 * Reading single nvidia-smi values. nvidia-smi writes "no value" in many ways ([N/A], N/A,
 * [Not Supported], ERR!, [Unknown Error], "Requested functionality has been deprecated", an empty
 * cell); every one of them becomes `null`, never 0 and never an exception.
 */

const NO_VALUE_MARKERS = new Set([
  'n/a',
  'not supported',
  'err!',
  'unknown error',
  'not found',
  'not available',
  'insufficient permissions',
  'requested functionality has been deprecated',
  'gpu is lost',
  'gpu requires reset',
]);

/** True when nvidia-smi's text means "no value" rather than a value. */
export function isNoValue(raw: string): boolean {
  const text = raw.trim();
  if (text === '') return true;
  // Anything wholly in brackets ("[N/A]", "[Not Supported]", "[Unknown Error]") is a status, not a value.
  if (text.startsWith('[') && text.endsWith(']')) return true;
  return NO_VALUE_MARKERS.has(text.toLowerCase());
}

/** A text value, trimmed; `null` when absent or a "no value" marker. */
export function parseText(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const text = raw.trim();
  return isNoValue(text) ? null : text;
}

/** A number, with or without a unit after it: "1234 MiB", "45.12 W", "100 %", "42 C", "550 KB/s". */
const NUMBER_WITH_UNIT = /^([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*(?:[A-Za-z%/]+)?$/;

/** What reading a numeric cell found: a number, "no value" (`null`), or text that is neither. */
export type NumberReading = number | null | 'invalid';

/** Reads a number, telling "no value" (`null`) apart from garbage (`'invalid'`). */
export function readNumber(raw: string | null | undefined): NumberReading {
  if (raw === null || raw === undefined || isNoValue(raw)) return null;
  const match = NUMBER_WITH_UNIT.exec(raw.trim());
  if (!match?.[1]) return 'invalid';
  const value = Number(match[1]);
  return Number.isFinite(value) ? value : 'invalid';
}

/** A number with its unit stripped; `null` for "no value" and for anything that is not a number. */
export function parseNumber(raw: string | null | undefined): number | null {
  const reading = readNumber(raw);
  return reading === 'invalid' ? null : reading;
}

/** "Enabled" → true, "Disabled" → false, anything else → null. */
export function parseEnabled(raw: string | null | undefined): boolean | null {
  const text = parseText(raw)?.toLowerCase();
  if (text === 'enabled') return true;
  if (text === 'disabled') return false;
  return null;
}

const BUS_ID = /^([0-9a-fA-F]{1,8}):([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\.([0-7])$/;

/**
 * Normalises a PCI bus id to the form `--query-gpu` prints, `00000000:01:00.0`: old drivers
 * (352.x) print a 4-hex-digit domain (`0000:01:00.0`). Text that is not a bus id is returned as is.
 */
export function normalizeBusId(raw: string | null | undefined): string | null {
  const text = parseText(raw);
  if (text === null) return null;
  const match = BUS_ID.exec(text);
  if (!match) return text;
  const [, domain = '', bus = '', device = '', fn = ''] = match;
  return `${domain.padStart(8, '0')}:${bus.padStart(2, '0')}:${device.padStart(2, '0')}.${fn}`.toUpperCase();
}

/** The sum of the parts that have a value; `null` when none has. */
export function sumOfPresent(parts: readonly (number | null)[]): number | null {
  let total: number | null = null;
  for (const part of parts) {
    if (part !== null) total = (total ?? 0) + part;
  }
  return total;
}

/** The first part that has a value. */
export function firstPresent<T>(parts: readonly (T | null)[]): T | null {
  for (const part of parts) {
    if (part !== null) return part;
  }
  return null;
}
