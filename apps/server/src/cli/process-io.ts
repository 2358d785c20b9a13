import { readProcessEnv } from '../config/read-env.js';
import type { CliIo } from './cli-io.js';
import { promptHidden, readAllStdin } from './read-secret.js';

/** The real process: its streams, its environment and its stop signals. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: readProcessEnv(),
    readStdin: readAllStdin,
    ...(process.stdin.isTTY ? { promptSecret: promptHidden } : {}),
    waitForStopSignal: () =>
      new Promise((resolve) => {
        const onSignal = (signal: NodeJS.Signals): void => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          // A second signal while shutting down means "now": the only place the CLI exits the process itself.
          const forceExit = (): never => process.exit(130);
          process.once('SIGINT', forceExit);
          process.once('SIGTERM', forceExit);
          resolve(signal);
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      }),
  };
}
