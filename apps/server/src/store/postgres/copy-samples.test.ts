import { describe, expect, it } from 'vitest';
import { sampleRowValues } from '../sample-row.js';
import { gpuSample } from '../test-fixtures.js';
import { copyText, copyTextValue } from './copy-samples.js';

describe('COPY text', () => {
  it('escapes what would end a field or a row, and writes NULL as \\N', () => {
    expect(copyTextValue(null)).toBe('\\N');
    expect(copyTextValue('\\N')).toBe('\\\\N');
    expect(copyTextValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyTextValue(-1.5e-7)).toBe('-1.5e-7');
  });

  it('writes each sample as the row values the SQLite path inserts, tab-separated', () => {
    const samples = [
      gpuSample({ uuid: 'a', ts: 1_700_000_000_250, temperatureC: 61.5, pstate: 'P\t2', throttleReasons: ['x\ny'] }),
      gpuSample({ uuid: 'b', ts: 1_700_000_000_500, powerDrawW: 0 }),
    ];
    const gpuIdOf = (uuid: string) => (uuid === 'a' ? 1 : 2);
    const expected = samples
      .map((sample) => `${sampleRowValues(sample, gpuIdOf(sample.uuid)).map(copyTextValue).join('\t')}\n`)
      .join('');
    expect(copyText(samples, gpuIdOf)).toBe(expected);
    expect(copyText(samples, gpuIdOf).split('\n')).toHaveLength(3);
  });
});
