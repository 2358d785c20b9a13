import { runCli } from './cli/run-cli.js';

// `npm start` runs `node apps/server/dist/main.js serve`; the bin runs the same CLI.
process.exitCode = await runCli(process.argv.slice(2));
