import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';
import { RecentLogEntries, entryOfLogLine } from './recent-log-entries.js';

describe('recent warnings and errors', () => {
  it('keeps warn and above from the logger, newest first, while every line still reaches the log', async () => {
    const recent = new RecentLogEntries(3);
    const out = new PassThrough();
    const lines: string[] = [];
    out.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    const logger = createLogger({ level: 'info', isPretty: false, destination: out, recent });

    logger.info('started');
    logger.warn('skipped a line from nvidia-smi: garbage');
    logger.child({ reqId: 'req-1' }).error({ err: new Error('disk full') }, 'writing samples failed');
    logger.warn({ security: true, setupUrl: 'http://x/setup#token' }, 'No user exists yet: open the setup link');
    await new Promise((resolve) => setImmediate(resolve));

    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual([
      'started',
      'skipped a line from nvidia-smi: garbage',
      'writing samples failed',
      'No user exists yet: open the setup link',
    ]);
    expect(recent.list()).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'writing samples failed',
        error: 'disk full',
        requestId: 'req-1',
      }),
      expect.objectContaining({ level: 'warn', message: 'skipped a line from nvidia-smi: garbage', error: null }),
    ]);
  });

  it('holds only the newest entries past its capacity', () => {
    const recent = new RecentLogEntries(2);
    for (const n of [1, 2, 3]) recent.add({ at: n, level: 'warn', message: `w${n}`, error: null, requestId: null });
    expect(recent.list().map((entry) => entry.message)).toEqual(['w3', 'w2']);
  });

  it('ignores lines below warn and lines that are not pino JSON', () => {
    expect(entryOfLogLine('{"level":30,"time":1,"msg":"info"}')).toBeNull();
    expect(entryOfLogLine('not json')).toBeNull();
    expect(entryOfLogLine('{"level":60,"time":5,"msg":"x".repeat}')).toBeNull();
    expect(entryOfLogLine('{"level":60,"time":5,"msg":"boom"}')).toEqual({
      at: 5,
      level: 'fatal',
      message: 'boom',
      error: null,
      requestId: null,
    });
  });
});
