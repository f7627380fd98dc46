#!/usr/bin/env node
// `npm start`: builds what is stale and opens the desktop app with LeNet-5 (or the files given:
// `npm start -- my-design.json`). `npm ci` leaves Electron's binary out (package.json allowScripts),
// so the first start fetches it with Electron's own installer; where that cannot reach the internet
// it says so in one line and offers the same editor in the browser (`npm run serve`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import process from 'node:process';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath, URL } from 'node:url';
import { register } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const files = process.argv.slice(2);

/** The Electron executable, or undefined while its binary is not installed. */
function electronExecutable() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Runs Electron's installer; returns undefined on success, else its last line of complaint. */
function installElectron() {
  process.stderr.write(
    "Electron's binary is not installed yet; fetching it (node node_modules/electron/install.js)…\n",
  );
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (result.status === 0) return undefined;
  const lines = `${result.stderr ?? ''}${result.error?.message ?? ''}`.split('\n').map((line) => line.trim());
  return (
    lines.find((line) => /^(Request)?Error|ENOTFOUND|EAI_AGAIN|ECONN|ETIMEDOUT|getaddrinfo/.test(line)) ??
    lines.find(Boolean) ??
    `exit status ${result.status}`
  );
}

async function offerBrowser(reason) {
  process.stderr.write(
    `Cannot download Electron (${reason}); without internet, \`npm run serve\` opens the same editor in your browser.\n`,
  );
  if (!process.stdin.isTTY) return 1;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  const answer = (await prompt.question('Start it now? [Y/n] ')).trim().toLowerCase();
  prompt.close();
  if (answer !== '' && answer !== 'y' && answer !== 'yes') return 1;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return (
    spawnSync(npm, ['run', 'serve', '--', '--open'], {
      cwd: root,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    }).status ?? 1
  );
}

async function buildApp() {
  register();
  const { rendererIsStale, buildRenderer } = await import('../engine/node/host/renderer-build.ts');
  if (await rendererIsStale(root)) {
    process.stderr.write('Building the editor (vite build)…\n');
    await buildRenderer(root);
  }
  const bundled = spawnSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (bundled.status !== 0) throw new Error('bundling the desktop shell failed; see above');
}

async function main() {
  let electron = electronExecutable();
  if (electron === undefined) {
    const failure = installElectron();
    electron = electronExecutable();
    if (electron === undefined) return offerBrowser(failure ?? 'the installer left no binary');
  }
  await buildApp();
  const environment = { ...process.env };
  delete environment.ELECTRON_RUN_AS_NODE;
  const app = spawn(electron, ['.', ...(files.length > 0 ? files : [join('templates', 'lenet-5.json')])], {
    cwd: root,
    stdio: 'inherit',
    env: environment,
  });
  return new Promise((resolve) => {
    app.once('error', (error) => {
      process.stderr.write(`Cannot start Electron: ${error.message}\n`);
      resolve(1);
    });
    app.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error) => {
    process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
