import type { CliIo } from './cli-io.js';

/** No password could be read; the command says why and exits 2. */
export class PasswordInputError extends Error {}

/** Standard input up to its end, as text. */
export async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** Read a line from the terminal in raw mode, echoing nothing; Ctrl-C or Ctrl-D gives up. */
export function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  let typed = '';
  return new Promise((resolve, reject) => {
    const finish = (error: Error | null): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error === null) resolve(typed);
      else reject(error);
    };
    const onData = (data: Buffer): void => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          finish(null);
          return;
        }
        if (char === '\u0003' || char === '\u0004') {
          finish(new PasswordInputError('cancelled'));
          return;
        }
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

/**
 * A new password: the first line of stdin with `--password-stdin`, else asked twice at the terminal.
 * Never from the command line, where other users of the machine could read it.
 */
export async function readNewPassword(io: CliIo, fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    if (io.readStdin === undefined) throw new PasswordInputError('no standard input to read the password from');
    return firstLine(await io.readStdin());
  }
  if (io.promptSecret === undefined) {
    throw new PasswordInputError('no terminal to ask for the password: pipe it in with --password-stdin');
  }
  const first = await io.promptSecret('Password: ');
  const second = await io.promptSecret('Password again: ');
  if (first !== second) throw new PasswordInputError('the passwords do not match');
  return first;
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? '';
}
