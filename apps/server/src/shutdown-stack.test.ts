import { describe, expect, it } from 'vitest';
import { ShutdownStack } from './shutdown-stack.js';

describe('ShutdownStack', () => {
  it('closes newest first, runs every step when one fails, and throws the first failure', async () => {
    const stack = new ShutdownStack();
    const closed: string[] = [];
    stack.push(() => closed.push('store'));
    stack.push(() => Promise.reject(new Error('cluster would not close')));
    stack.push(async () => {
      await Promise.resolve();
      closed.push('app');
    });
    await expect(stack.closeAll()).rejects.toThrow('cluster would not close');
    expect(closed).toEqual(['app', 'store']);
    await stack.closeAll(); // nothing left: a second stop does nothing
    expect(closed).toEqual(['app', 'store']);
  });

  it('closes what was opened when a later part fails to open, and reports that failure', async () => {
    const stack = new ShutdownStack();
    const closed: string[] = [];
    stack.push(() => closed.push('store'));
    stack.push(() => {
      throw new Error('a close error is not the one reported');
    });
    const failing = stack.orCloseAll(() => Promise.reject(new Error('redis unreachable')));
    await expect(failing).rejects.toThrow('redis unreachable');
    expect(closed).toEqual(['store']);
    expect(await stack.orCloseAll(() => Promise.resolve(42))).toBe(42);
  });
});
