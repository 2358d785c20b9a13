import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { terminate } from './terminate.js';

/** How a long-running child ended. */
export interface LineProcessEnd {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the executable could not be started (ENOENT, EACCES, …). */
  spawnError: NodeJS.ErrnoException | null;
  /** The last few hundred bytes it wrote to stderr, for the reason shown to users. */
  stderrTail: string;
}

export interface LineProcessHandlers {
  onLine(line: string): void;
  onEnd(end: LineProcessEnd): void;
}

const STDERR_TAIL_BYTES = 512;

/**
 * A long-running child whose stdout is read line by line. `onEnd` is called exactly once, unless
 * the owner stopped it with `stop()` (then nothing more is reported).
 */
export class LineProcess {
  private readonly child: ChildProcess;
  private isStopping = false;
  private isEnded = false;
  private stderrTail = '';

  constructor(executable: string, args: readonly string[], handlers: LineProcessHandlers) {
    this.child = spawn(executable, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const { stdout, stderr } = this.child;
    if (stdout !== null) {
      const lines = createInterface({ input: stdout, crlfDelay: Infinity });
      lines.on('line', (line) => {
        if (!this.isStopping) handlers.onLine(line);
      });
    }
    stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    const end = (exitCode: number | null, signal: NodeJS.Signals | null, spawnError: NodeJS.ErrnoException | null) => {
      if (this.isEnded) return;
      this.isEnded = true;
      if (!this.isStopping) handlers.onEnd({ exitCode, signal, spawnError, stderrTail: this.stderrTail.trim() });
    };
    this.child.on('error', (error: NodeJS.ErrnoException) => end(null, null, error));
    // 'close' waits for stdout to drain, so every line is delivered before the end is reported.
    this.child.on('close', (code, signal) => end(code, signal, null));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Kills the child (SIGTERM, then SIGKILL) and resolves once it has exited. */
  stop(graceMs = 2_000): Promise<void> {
    this.isStopping = true;
    return terminate(this.child, graceMs);
  }
}
