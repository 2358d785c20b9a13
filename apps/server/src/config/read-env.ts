/** The environment as the config loader and the CLI see it. */
export type Env = Readonly<Record<string, string | undefined>>;

/** The only read of `process.env` in the server: everything else receives the result. */
export function readProcessEnv(): Env {
  return process.env;
}
