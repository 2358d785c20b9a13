/** What the agent logs through: a pino logger fits, and so does a test's recorder. */
export interface AgentLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentAgentLogger: AgentLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export function errorMessageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
