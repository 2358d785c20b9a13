/** A configuration the server cannot start with. The CLI prints the message and exits with code 2. */
export class ConfigError extends Error {
  readonly exitCode = 2;

  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
