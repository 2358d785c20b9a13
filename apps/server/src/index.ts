/** The server package's public face: CLI, composition root, app factory; logger and store factories for benchmarks. */
export { runCli } from './cli/run-cli.js';
export type { CliIo } from './cli/cli-io.js';
export { startServer, type RunningServer, type StartServerOptions } from './start-server.js';
export { buildApp, type AppDeps } from './app.js';
export { loadConfig, type LoadedConfig } from './config/load-config.js';
export { createLogger } from './logging/create-logger.js';
export { createPostgresStore, createSqliteStore, type Store } from './store/index.js';
export { gpuExposition } from './metrics/gpu-exposition.js';
export { GPU_LABELS, GPU_SERIES, gpuLabels } from './metrics/gpu-metrics.js';
