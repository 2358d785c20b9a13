import { CaptureFormatError, parseCapture } from '@gpu-sentinel/core';
import { readFile } from 'node:fs/promises';
import type { CliIo } from './cli-io.js';

/** `gpu-sentinel parse FILE`: what the parsers make of a captured nvidia-smi output, as JSON on stdout. */
export async function parseCommand(file: string, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.stderr.write(`gpu-sentinel parse: cannot read ${file}: ${messageOf(error)}\n`);
    return 1;
  }
  try {
    io.stdout.write(`${JSON.stringify(parseCapture(text), null, 2)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof CaptureFormatError)) throw error;
    io.stderr.write(
      `gpu-sentinel parse: ${file} is not a capture it understands: ${error.message}\n` +
        'Expected the output of `nvidia-smi -q -x` or `nvidia-smi --query-gpu=... --format=csv` (with its header).\n',
    );
    return 1;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
