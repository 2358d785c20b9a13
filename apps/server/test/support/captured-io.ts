import type { CliIo } from '../../src/cli/cli-io.js';
import type { Env } from '../../src/config/read-env.js';

export interface CapturedIo extends CliIo {
  out(): string;
  err(): string;
}

/** Run CLI commands in-process with their output captured; `stop` resolves the stop signal. */
export function capturedIo(env: Env = {}, stop = new Promise<string>(() => undefined)): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text) => void (out += text), isTTY: false },
    stderr: { write: (text) => void (err += text) },
    env,
    waitForStopSignal: () => stop,
    out: () => out,
    err: () => err,
  };
}
