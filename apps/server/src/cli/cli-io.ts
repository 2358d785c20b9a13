import type { Env } from '../config/read-env.js';

export interface CliOutput {
  write(text: string): void;
  readonly isTTY?: boolean;
}

/** Everything a command touches outside itself, so tests can run commands in-process. */
export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  env: Env;
  /** Resolves with the signal's name when the process is asked to stop (SIGINT, SIGTERM). */
  waitForStopSignal(): Promise<string>;
  /** Standard input up to its end (`--password-stdin`); absent where there is none. */
  readStdin?(): Promise<string>;
  /** Ask a person at the terminal for a secret without echoing it; absent where there is no terminal. */
  promptSecret?(prompt: string): Promise<string>;
}

/** Colours only for a person at a terminal who has not asked for none (https://no-color.org). */
export function useColour(io: CliIo): boolean {
  return io.stdout.isTTY === true && (io.env.NO_COLOR ?? '') === '';
}
