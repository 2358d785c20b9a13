import { RECENT_LOG_ENTRIES, type RecentLogEntry } from '@gpu-sentinel/protocol';

/** pino's numeric levels of the lines kept. */
const LEVELS: Readonly<Record<number, RecentLogEntry['level']>> = { 40: 'warn', 50: 'error', 60: 'fatal' };
const MAX_TEXT = 2_000;

/**
 * The server's newest warnings and errors, in memory, for the System page: a pino destination (given
 * warn and above) keeps the last RECENT_LOG_ENTRIES of them. Lines marked `security` (the one-time
 * setup link) are never kept: the page must not show a secret the log printed once.
 */
export class RecentLogEntries {
  private readonly entries: RecentLogEntry[] = [];

  constructor(private readonly capacity = RECENT_LOG_ENTRIES) {}

  /** The destination pino writes serialised lines to. */
  readonly stream = {
    write: (line: string): void => {
      const entry = entryOfLogLine(line);
      if (entry !== null) this.add(entry);
    },
  };

  add(entry: RecentLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** Newest first. */
  list(): RecentLogEntry[] {
    return this.entries.toReversed();
  }
}

/** One pino JSON line as a recent entry; null for lines below warn, security lines and anything unreadable. */
export function entryOfLogLine(line: string): RecentLogEntry | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const record = parsed as Record<string, unknown>;
  const level = typeof record.level === 'number' ? LEVELS[record.level] : undefined;
  if (level === undefined || record.security === true) return null;
  const err = record.err as { message?: unknown } | undefined;
  return {
    at: typeof record.time === 'number' ? record.time : Date.now(),
    level,
    message: clip(typeof record.msg === 'string' ? record.msg : ''),
    error: typeof err?.message === 'string' ? clip(err.message) : null,
    requestId: typeof record.reqId === 'string' ? record.reqId : null,
  };
}

function clip(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}
