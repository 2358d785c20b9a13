#!/usr/bin/env node
// The CLI entry point: runs the compiled server (built by `npm install` through the root `prepare` script).
import { runCli } from '../dist/cli/run-cli.js';

process.exitCode = await runCli(process.argv.slice(2));
