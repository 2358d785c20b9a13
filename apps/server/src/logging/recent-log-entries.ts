import { RECENT_LOG_ENTRIES, type RecentLogEntry } from '@gpu-sentinel/protocol';

/** pino's numeric levels of the lines kept. */
const LEVELS: Readonly<Record<number, RecentLogEntry['level']>> = { 40: 'warn', 50: 'error', 60: 'fatal' };
const MAX_TEXT = 2_000;

/**
 * The server's newest warnings and errors, in memory, for the System page: a pino destination (given
 * warn and above) keeps the last RECENT_LOG_ENTRIES of them. Lines marked `isSecret` (the one-time
 * setup link) are never kept: the page must not show a secret the log printed once.
 */
interface Kept {
  entry: RecentLogEntry;
  seq: number;
}

export class RecentLogEntries {
  /** Warnings and errors are kept apart, so a burst of refused requests (4xx, logged at warn) never pushes out an error. */
  private readonly warnings: Kept[] = [];
  private readonly errors: Kept[] = [];
  private readonly perKind: number;
  /** Order of arrival: lines logged in the same millisecond keep it. */
  private seq = 0;

  /** `capacity`: entries kept in all, half of them warnings, half errors. */
  constructor(capacity = RECENT_LOG_ENTRIES) {
    this.perKind = Math.max(1, Math.floor(capacity / 2));
  }

  /** The destination pino writes serialised lines to. */
  readonly stream = {
    write: (line: string): void => {
      const entry = entryOfLogLine(line);
      if (entry !== null) this.add(entry);
    },
  };

  add(entry: RecentLogEntry): void {
    const kept = entry.level === 'warn' ? this.warnings : this.errors;
    kept.push({ entry, seq: (this.seq += 1) });
    if (kept.length > this.perKind) kept.splice(0, kept.length - this.perKind);
  }

  /** Newest first. */
  list(): RecentLogEntry[] {
    return [...this.warnings, ...this.errors]
      .sort((a, b) => b.entry.at - a.entry.at || b.seq - a.seq)
      .map((kept) => kept.entry);
  }
}

/** One pino JSON line as a recent entry; null for lines below warn, secret-bearing lines and anything unreadable. */
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
  if (level === undefined || record.isSecret === true) return null;
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
