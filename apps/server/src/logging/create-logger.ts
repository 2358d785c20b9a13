import { createRequire } from 'node:module';
import { destination, multistream, pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import type { RecentLogEntries } from './recent-log-entries.js';

export interface LoggerOptions {
  level: LevelWithSilent;
  /** Pretty, coloured lines for a person at a terminal; JSON lines otherwise. */
  isPretty: boolean;
  /** Where JSON lines go; stdout by default. */
  destination?: NodeJS.WritableStream;
  /** Also keeps the newest warnings and errors here (the System page lists them). */
  recent?: RecentLogEntries;
}

export function createLogger(options: LoggerOptions): Logger {
  const main = mainDestination(options);
  if (options.recent === undefined) return pino({ level: options.level }, main);
  const streams = multistream([
    { level: 'trace', stream: main },
    { level: 'warn', stream: options.recent.stream },
  ]);
  return pino({ level: options.level }, streams);
}

function mainDestination(options: LoggerOptions): DestinationStream {
  if (options.isPretty) {
    const pretty = loadPinoPretty();
    if (pretty !== null) return pretty({ ignore: 'pid,hostname' });
  }
  return options.destination ?? destination(1);
}

type PrettyFactory = (options: { ignore: string }) => DestinationStream;

/** pino-pretty is a dev dependency: absent from a production install (JSON lines then). */
function loadPinoPretty(): PrettyFactory | null {
  try {
    return createRequire(import.meta.url)('pino-pretty') as PrettyFactory;
  } catch {
    return null;
  }
}
