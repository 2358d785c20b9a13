import type { ChildProcess } from 'node:child_process';

/** Whether a child has already exited (or never started). */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null || child.pid === undefined;
}

/**
 * Ends a child: SIGTERM, then SIGKILL after `graceMs`. Resolves once it has exited, so callers
 * that await it leave no orphan behind.
 */
export function terminate(child: ChildProcess, graceMs = 2_000): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const done = (): void => {
      clearTimeout(killTimer);
      resolve();
    };
    child.once('exit', done);
    child.once('error', done);
    if (hasExited(child)) {
      done();
      return;
    }
    child.kill('SIGTERM');
  });
}
