#!/usr/bin/env node
// `npm run test:electron-e2e`: the desktop app's Playwright test (e2e/electron). It needs Electron's
// binary, which `npm ci` does not fetch here (package.json allowScripts), and on Linux a display
// (xvfb-run provides one on a headless machine). Where either is missing it says so in one line and
// passes: the rest of `npm test` still runs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

function electronExecutable() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function notRun(reason) {
  process.stdout.write(`Electron e2e NOT RUN: ${reason}.\n`);
  process.exit(0);
}

if (electronExecutable() === undefined)
  notRun(
    'node_modules/electron has no Electron binary (npm ci skips its download; `node node_modules/electron/install.js` fetches it where there is internet)',
  );
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (headless && !onPath('xvfb-run')) notRun('no display ($DISPLAY is unset) and no xvfb-run to provide one');

const build = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status === 0;
if (!build(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']) || !build(['scripts/build-electron.mjs']))
  process.exit(1);

const playwright = [
  join(root, 'node_modules', '@playwright', 'test', 'cli.js'),
  'test',
  '-c',
  'e2e/electron/playwright.config.ts',
];
const [command, args] = headless
  ? ['xvfb-run', ['--auto-servernum', process.execPath, ...playwright]]
  : [process.execPath, playwright];
process.exit(spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status ?? 1);
