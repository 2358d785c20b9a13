/** The server package's public face: the CLI, the composition root and the app factory. */
export { runCli } from './cli/run-cli.js';
export type { CliIo } from './cli/cli-io.js';
export { startServer, type RunningServer, type StartServerOptions } from './start-server.js';
export { buildApp, type AppDeps } from './app.js';
export { loadConfig, type LoadedConfig } from './config/load-config.js';
