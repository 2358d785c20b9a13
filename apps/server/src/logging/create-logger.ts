import { pino, type Logger, type LevelWithSilent } from 'pino';

export interface LoggerOptions {
  level: LevelWithSilent;
  /** Pretty, coloured lines for a person at a terminal; JSON lines otherwise. */
  isPretty: boolean;
  /** Where JSON lines go; stdout by default. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions): Logger {
  if (options.isPretty && hasPinoPretty()) {
    return pino({ level: options.level, transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } });
  }
  return options.destination === undefined
    ? pino({ level: options.level })
    : pino({ level: options.level }, options.destination);
}

/** pino-pretty is a dev dependency: absent from a production install. */
function hasPinoPretty(): boolean {
  try {
    import.meta.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
