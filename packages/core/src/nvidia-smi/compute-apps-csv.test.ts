import { describe, expect, it } from 'vitest';
import { COMPUTE_APPS_FIELDS, parseComputeAppsCsv } from './compute-apps-csv.js';
import { COMPUTE_APPS_EXPECTATIONS } from './test-expected-csv.js';
import { listFixtures, readFixture } from './test-fixtures.js';

describe('parseComputeAppsCsv on every --query-compute-apps capture', () => {
  for (const { name, text } of listFixtures('query-apps-csv')) {
    it(`${name}: process count and first process as the file says`, () => {
      const expected = COMPUTE_APPS_EXPECTATIONS.find((row) => row.file === name);
      if (expected === undefined) throw new Error(`add a row for ${name} to test-expected-csv.ts`);
      const apps = parseComputeAppsCsv(text);
      expect(apps).toHaveLength(expected.processes);
      if (expected.processes > 0) {
        expect(apps[0]).toEqual({
          uuid: expected.uuid,
          pid: expected.pid,
          name: expected.name,
          usedMemoryMiB: expected.usedMemoryMiB,
        });
      }
    });
  }
});

describe('parseComputeAppsCsv details', () => {
  it('reads a header-only capture as no processes', () => {
    expect(parseComputeAppsCsv(readFixture('query-apps-csv', 'nvgpuexp-empty-header-only.csv'))).toEqual([]);
    expect(parseComputeAppsCsv('')).toEqual([]);
  });

  it('reads Windows [N/A] memory as null', () => {
    const apps = parseComputeAppsCsv(readFixture('query-apps-csv', 'nvgpuexp-windows-rtx-2080-super-610.62-load.csv'));
    expect(apps.every((app) => app.usedMemoryMiB === null)).toBe(true);
    expect(apps.map((app) => app.name)).toContain('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
  });

  it(`reads noheader output in the order ${COMPUTE_APPS_FIELDS.join(',')}`, () => {
    const text = 'GPU-aaa, 4242, python, 1024\nGPU-bbb, 77, /usr/bin/ffmpeg, 512 MiB\n';
    expect(parseComputeAppsCsv(text)).toEqual([
      { uuid: 'GPU-aaa', pid: 4242, name: 'python', usedMemoryMiB: 1024 },
      { uuid: 'GPU-bbb', pid: 77, name: '/usr/bin/ffmpeg', usedMemoryMiB: 512 },
    ]);
  });

  it('puts a process name with commas back together', () => {
    const [app] = parseComputeAppsCsv('GPU-aaa, 9, python train.py --layers=1, 2, 3, 2048\n');
    expect(app).toEqual({ uuid: 'GPU-aaa', pid: 9, name: 'python train.py --layers=1, 2, 3', usedMemoryMiB: 2048 });
  });

  it('skips lines that are not processes', () => {
    const text = 'No running processes found\nGPU-aaa, not-a-pid, python, 1\nGPU-aaa, 12, python, 3\n';
    expect(parseComputeAppsCsv(text)).toEqual([{ uuid: 'GPU-aaa', pid: 12, name: 'python', usedMemoryMiB: 3 }]);
  });
});
