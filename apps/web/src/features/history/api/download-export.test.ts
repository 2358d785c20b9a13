import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportFileName, exportPath, fetchExport, type ExportRequest } from './download-export';

const request: ExportRequest = {
  format: 'csv',
  tier: 'raw',
  gpus: ['GPU-a'],
  from: Date.UTC(2026, 10, 26, 13, 0),
  to: Date.UTC(2026, 10, 26, 14, 0),
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('export download', () => {
  it('asks for the format, tier, GPUs and window on screen', () => {
    const url = new URL(exportPath(request), 'http://x');
    expect(url.pathname).toBe('/export');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      format: 'csv',
      tier: 'raw',
      gpus: 'GPU-a',
      from: String(request.from),
      to: String(request.to),
    });
    expect(new URL(exportPath({ ...request, gpus: null }), 'http://x').searchParams.has('gpus')).toBe(false);
  });

  it('names the file as the server does, or after the tier and window', () => {
    expect(exportFileName(request, 'attachment; filename="history.csv"')).toBe('history.csv');
    expect(exportFileName(request, null)).toBe('gpu-sentinel-raw-2026-11-26T1300-2026-11-26T1400.csv');
  });

  it('hands back the body as a file', async () => {
    const csv = 'ts,uuid,temperatureC\n1,GPU-a,40\n';
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response(csv, { status: 200, headers: { 'content-type': 'text/csv' } }))),
    );
    const { blob, fileName } = await fetchExport(request);
    expect(await blob.text()).toBe(csv);
    expect(fileName.endsWith('.csv')).toBe(true);
  });

  it("fails with the server's reason", async () => {
    const body = JSON.stringify({ error: { code: 'validation_failed', message: 'unknown GPU', field: 'gpus' } });
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response(body, { status: 400 }))),
    );
    await expect(fetchExport(request)).rejects.toMatchObject({ message: 'unknown GPU', field: 'gpus', status: 400 });
  });
});
