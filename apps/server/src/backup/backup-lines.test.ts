import { describe, expect, it } from 'vitest';
import { compareSchemaVersions, isBackupRow } from './backup-format.js';
import { LineReader, splitLines } from './backup-lines.js';

async function* bytes(...chunks: Buffer[]): AsyncGenerator<Buffer> {
  for (const chunk of chunks) {
    await Promise.resolve();
    yield chunk;
  }
}

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const line of lines) all.push(line);
  return all;
}

describe('backup lines', () => {
  it('splits on newlines across chunks, keeps a character split between chunks whole, and gives a last line without newline', async () => {
    const text = Buffer.from('["naïve"]\n["b"]\n{"end":true}', 'utf8');
    const cut = text.indexOf(0xc3) + 1; // inside the two bytes of "ï"
    expect(await collect(splitLines(bytes(text.subarray(0, cut), text.subarray(cut))))).toEqual([
      '["naïve"]',
      '["b"]',
      '{"end":true}',
    ]);
  });

  it('peeks one line ahead and numbers the lines it gives', async () => {
    const reader = new LineReader(splitLines(bytes(Buffer.from('a\nb\n')))[Symbol.asyncIterator]());
    expect(await reader.peek()).toBe('a');
    expect(await reader.next()).toBe('a');
    expect(await reader.next()).toBe('b');
    expect(reader.lineNumber).toBe(2);
    expect(await reader.next()).toBeUndefined();
  });

  it('accepts rows of numbers, strings and nulls only', () => {
    expect(isBackupRow([1, 'x', null])).toBe(true);
    expect(isBackupRow([1, { x: 1 }])).toBe(false);
    expect(isBackupRow({ 0: 1 })).toBe(false);
  });

  it('orders schema versions by their migration number', () => {
    expect(compareSchemaVersions('0010-later', '0005-rollups')).toBeGreaterThan(0);
    expect(compareSchemaVersions('0005-rollups', '0005-rollups')).toBe(0);
    expect(compareSchemaVersions('0004-identity', '0005-rollups')).toBeLessThan(0);
  });
});
