import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** Runs a Node script to completion and returns its stdout; rejects with its stderr on failure. */
export function runNodeScript(script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${script} exited with ${code}: ${stderr}`));
    });
  });
}

/** Starts a long-running Node script and resolves with it and the first line it prints. */
export function startNodeScript(
  script: string,
  args: string[],
): Promise<{ child: ChildProcessWithoutNullStreams; firstLine: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args]);
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const newline = buffered.indexOf('\n');
      if (newline >= 0) resolve({ child, firstLine: buffered.slice(0, newline) });
    });
    child.on('exit', (code) => {
      reject(new Error(`${script} exited with ${code} before printing`));
    });
  });
}
