import { describe, expect, it } from 'vitest';
import { normalizeBusId, parseEnabled, parseNumber, parseText, readNumber } from './values.js';

describe('value parsing', () => {
  it.each(['[N/A]', 'N/A', '[Not Supported]', 'Not Supported', 'ERR!', '[Unknown Error]', 'Unknown Error', '', '  '])(
    'reads %j as no value: null, never 0',
    (raw) => {
      expect(parseNumber(raw)).toBeNull();
      expect(readNumber(raw)).toBeNull();
      expect(parseText(raw)).toBeNull();
    },
  );

  it('reads deprecation notices and "Not Found" (K80 cuda_version) as no value', () => {
    expect(parseText('[Requested functionality has been deprecated]')).toBeNull();
    expect(parseText('Requested functionality has been deprecated')).toBeNull();
    expect(parseText('Not Found')).toBeNull();
  });

  it.each([
    ['1234 MiB', 1234],
    ['42 C', 42],
    ['100 %', 100],
    ['45.12 W', 45.12],
    ['1980 MHz', 1980],
    ['550 KB/s', 550],
    ['0 us', 0],
    ['100.00 %', 100],
    ['  17 ', 17],
  ])('strips the unit from %j', (raw, value) => {
    expect(parseNumber(raw)).toBe(value);
  });

  it('tells garbage apart from "no value" without throwing', () => {
    expect(readNumber('hot')).toBe('invalid');
    expect(readNumber('12abc34')).toBe('invalid');
    expect(parseNumber('hot')).toBeNull();
    expect(parseNumber(undefined)).toBeNull();
  });

  it('reads Enabled/Disabled as booleans and anything else as null', () => {
    expect(parseEnabled('Enabled')).toBe(true);
    expect(parseEnabled('Disabled')).toBe(false);
    expect(parseEnabled('[N/A]')).toBeNull();
    expect(parseEnabled(undefined)).toBeNull();
  });

  it('normalises PCI bus ids to the 8-hex-digit domain form', () => {
    expect(normalizeBusId('0000:00:03.0')).toBe('00000000:00:03.0');
    expect(normalizeBusId('00000000:2d:00.0')).toBe('00000000:2D:00.0');
    expect(normalizeBusId('0000F8D6:00:00.0')).toBe('0000F8D6:00:00.0');
    expect(normalizeBusId('N/A')).toBeNull();
  });
});
