#!/usr/bin/env node
// Proves electron-builder.yml offline: packs unpacked Linux apps (x64 and arm64) around a stand-in
// Electron (a dummy `electron` file, since there may be no Electron binary here), then checks what
// went in: the three bundles, the built renderer and the templates inside app.asar; onnxruntime's
// native files unpacked beside it, for that platform and architecture only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const asar = require('@electron/asar');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout}${result.stderr}`);
    throw new Error(`${[command, ...args].join(' ')} exited with ${result.status}`);
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'netwright-packaging-'));
const problems = [];
try {
  run(process.execPath, ['scripts/build-electron.mjs']);
  if (!existsSync(join(root, 'dist', 'renderer', 'index.html')))
    run(process.execPath, ['node_modules/vite/bin/vite.js', 'build']);

  const standIn = join(scratch, 'electron-dist');
  mkdirSync(standIn);
  writeFileSync(join(standIn, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary"\n', { mode: 0o755 });

  const output = join(scratch, 'out');
  run(process.execPath, [
    'node_modules/electron-builder/cli.js',
    '--dir',
    '--linux',
    '--x64',
    '--arm64',
    '--publish',
    'never',
    `-c.electronDist=${standIn}`,
    `-c.directories.output=${output}`,
  ]);

  for (const [arch, folder] of [
    ['x64', 'linux-unpacked'],
    ['arm64', 'linux-arm64-unpacked'],
  ]) {
    const resources = join(output, folder, 'resources');
    const archive = join(resources, 'app.asar');
    if (!existsSync(join(output, folder, 'netwright'))) problems.push(`${folder}: no netwright executable`);
    if (!existsSync(archive)) {
      problems.push(`${folder}: no app.asar`);
      continue;
    }
    const inside = new Set(asar.listPackage(archive).map((path) => path.replaceAll('\\', '/')));
    for (const file of [
      '/package.json',
      '/dist/electron/main.cjs',
      '/dist/electron/preload.cjs',
      '/dist/electron/utility.cjs',
      '/dist/renderer/index.html',
      '/templates/lenet-5.json',
      '/node_modules/onnxruntime-common/package.json',
    ])
      if (!inside.has(file)) problems.push(`${folder}: app.asar lacks ${file}`);
    const main = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')).main;
    if (main !== 'dist/electron/main.cjs') problems.push(`${folder}: package.json's main is ${main}`);
    const modules = new Set(
      [...inside].filter((path) => path.startsWith('/node_modules/')).map((path) => path.split('/')[2]),
    );
    const extra = [...modules].filter((name) => !name.startsWith('onnxruntime-'));
    if (extra.length > 0)
      problems.push(`${folder}: app.asar carries modules the bundles already contain: ${extra.join(', ')}`);
    const packedNative = [...inside].filter(
      (path) => /\.(node|so(\.\d+)*|dylib|dll)$/.test(path) && asar.statFile(archive, path.slice(1)).unpacked !== true,
    );
    if (packedNative.length > 0)
      problems.push(`${folder}: native files left inside app.asar: ${packedNative.join(', ')}`);

    const napi = join(resources, 'app.asar.unpacked', 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6');
    const platforms = existsSync(napi) ? readdirSync(napi) : [];
    if (platforms.join() !== 'linux')
      problems.push(`${folder}: unpacked platforms are [${platforms.join(', ')}], not [linux]`);
    const archs = existsSync(join(napi, 'linux')) ? readdirSync(join(napi, 'linux')) : [];
    if (archs.join() !== arch)
      problems.push(`${folder}: unpacked architectures are [${archs.join(', ')}], not [${arch}]`);
    for (const file of ['onnxruntime_binding.node', 'libonnxruntime.so.1'])
      if (!existsSync(join(napi, 'linux', arch, file))) problems.push(`${folder}: ${file} is not unpacked`);
  }
} catch (error) {
  problems.push(error instanceof Error ? error.message : String(error));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (problems.length > 0) {
  process.stderr.write(`Packaging check failed:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(
  'Packaging check: electron-builder packed Linux x64 and arm64 apps; app.asar holds the bundles, renderer and templates; onnxruntime-node is unpacked with only its linux binaries for each arch.\n',
);
