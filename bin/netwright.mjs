#!/usr/bin/env node
// Runs the TypeScript command line directly through tsx, so `npm ci` needs no build step.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../engine/node/cli/main.ts');
const status = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
process.exitCode = status;
