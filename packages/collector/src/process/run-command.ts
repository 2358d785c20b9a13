import { spawn } from 'node:child_process';
import { terminate } from './terminate.js';

export interface CommandResult {
  /** Exit code; null when it was killed or never started. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Set when the executable could not be started (ENOENT, EACCES, …). */
  spawnError: NodeJS.ErrnoException | null;
  isTimedOut: boolean;
  isAborted: boolean;
}

export interface CommandOptions {
  timeoutMs: number;
  /** Ends the command early (SIGTERM, then SIGKILL). */
  signal?: AbortSignal;
  /** Output beyond this many bytes per stream is dropped. */
  maxBytes?: number;
}

/**
 * Runs a one-shot command and collects its output. Never rejects: every failure is described in
 * the result. A command that outlives `timeoutMs` is killed and awaited.
 */
export function runCommand(
  executable: string,
  args: readonly string[],
  options: CommandOptions,
): Promise<CommandResult> {
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  return new Promise((resolve) => {
    const result: CommandResult = {
      exitCode: null,
      stdout: '',
      stderr: '',
      spawnError: null,
      isTimedOut: false,
      isAborted: false,
    };
    if (options.signal?.aborted === true) {
      resolve({ ...result, isAborted: true });
      return;
    }
    const child = spawn(executable, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      if (outBytes < maxBytes) out.push(chunk);
      outBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (errBytes < maxBytes) err.push(chunk);
      errBytes += chunk.length;
    });
    const timer = setTimeout(() => {
      result.isTimedOut = true;
      void terminate(child, 500);
    }, options.timeoutMs);
    const onAbort = (): void => {
      result.isAborted = true;
      void terminate(child, 500);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let isSettled = false;
    const settle = (): void => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      result.stdout = Buffer.concat(out).toString('utf8');
      result.stderr = Buffer.concat(err).toString('utf8');
      resolve(result);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      result.spawnError = error;
      settle();
    });
    child.on('close', (code) => {
      result.exitCode = code;
      settle();
    });
  });
}
