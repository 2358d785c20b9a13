import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

const STREAM_FILE = 'stream.json';
const StreamFile = z.object({ streamId: z.uuid() });

export interface StreamIdentity {
  streamId: string;
  /** True when the spool had no (readable) stream.json and a new stream was started. */
  isNew: boolean;
}

/**
 * The spool's stream: kept across restarts so spooled batches replay under the stream and seq
 * they were numbered with (the server deduplicates per stream).
 */
export async function loadOrCreateStream(dir: string): Promise<StreamIdentity> {
  const path = join(dir, STREAM_FILE);
  try {
    const parsed = StreamFile.safeParse(JSON.parse(await readFile(path, 'utf8')));
    if (parsed.success) return { streamId: parsed.data.streamId, isNew: false };
  } catch {
    // Missing or unreadable: start a new stream below.
  }
  const streamId = randomUUID();
  const temporary = `${path}.tmp`;
  await writeFile(temporary, `${JSON.stringify({ streamId })}\n`, { flush: true });
  await rename(temporary, path);
  return { streamId, isNew: true };
}
