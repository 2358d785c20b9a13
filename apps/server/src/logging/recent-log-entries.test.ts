import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';
import { RecentLogEntries, entryOfLogLine } from './recent-log-entries.js';

describe('recent warnings and errors', () => {
  it('keeps warn and above from the logger, newest first, while every line still reaches the log', async () => {
    const recent = new RecentLogEntries(5);
    const out = new PassThrough();
    const lines: string[] = [];
    out.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    const logger = createLogger({ level: 'info', isPretty: false, destination: out, recent });

    logger.info('started');
    logger.warn('skipped a line from nvidia-smi: garbage');
    logger.child({ reqId: 'req-1' }).error({ err: new Error('disk full') }, 'writing samples failed');
    logger.warn({ security: true, isSecret: true, setupUrl: 'http://x/setup#t' }, 'No user exists yet: open the link');
    logger.warn({ security: true }, 'security: login.locked_out');
    await new Promise((resolve) => setImmediate(resolve));

    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual([
      'started',
      'skipped a line from nvidia-smi: garbage',
      'writing samples failed',
      'No user exists yet: open the link',
      'security: login.locked_out',
    ]);
    expect(recent.list()).toEqual([
      expect.objectContaining({ level: 'warn', message: 'security: login.locked_out' }),
      expect.objectContaining({
        level: 'error',
        message: 'writing samples failed',
        error: 'disk full',
        requestId: 'req-1',
      }),
      expect.objectContaining({ level: 'warn', message: 'skipped a line from nvidia-smi: garbage', error: null }),
    ]);
  });

  it('holds only the newest past its capacity, half warnings and half errors: a flood of warnings keeps the errors', () => {
    const recent = new RecentLogEntries(4);
    const entry = (at: number, level: 'warn' | 'error') => ({
      at,
      level,
      message: `${level}${at}`,
      error: null,
      requestId: null,
    });
    recent.add(entry(1, 'error'));
    recent.add(entry(2, 'error'));
    recent.add(entry(3, 'error'));
    for (let at = 10; at < 60; at += 1) recent.add(entry(at, 'warn'));
    expect(recent.list().map((each) => each.message)).toEqual(['warn59', 'warn58', 'error3', 'error2']);
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
