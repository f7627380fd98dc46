#!/usr/bin/env node
// `npm run test:packaging`, offline. electron-builder.yml packs unpacked Linux apps (x64 and arm64)
// around a stand-in Electron (a dummy `electron` file: there may be no Electron binary here), and
// what went in is checked: the bundles and the renderer inside app.asar; onnxruntime's native files,
// the inference worker and the templates unpacked beside it; onnxruntime's binaries for that
// platform and architecture only. Then the packed engine runs under plain Node, standing in for
// Electron's utility process: LeNet-5 is exported and run through the bundled inference worker.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const asar = createRequire(import.meta.url)('@electron/asar');
const ARCHS = [
  ['x64', 'linux-unpacked'],
  ['arm64', 'linux-arm64-unpacked'],
];

/** Runs a command in the package root and returns its output; shows the output when it fails. */
function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout}${result.stderr}`);
    throw new Error(`${[command, ...args].join(' ')} exited with ${result.status}`);
  }
  return result.stdout;
}

/**
 * The bundled engine under Node: LeNet-5 listed, exported and run. `utility` is the bundle inside an
 * extracted packed app, so it finds only the modules the installer carries.
 */
function checkEngineBundle(utility, scratch, problems) {
  const folder = join(scratch, 'smoke');
  mkdirSync(folder);
  const ran = JSON.parse(run(process.execPath, ['scripts/smoke-engine-bundle.mjs', utility, folder]));
  if (!ran.templates.includes('lenet-5')) problems.push(`the bundled engine lists no lenet-5 template`);
  if (!(ran.exportedBytes > 61_706 * 4))
    problems.push(`the bundled engine exported ${ran.exportedBytes} bytes of LeNet-5`);
  if (JSON.stringify(ran.outputDims) !== '[[1,10]]')
    problems.push(`the bundled engine ran LeNet-5 to outputs of ${JSON.stringify(ran.outputDims)}, not [[1,10]]`);
}

/** One packed app: what is inside app.asar and what is unpacked beside it. */
function checkPackedApp(output, arch, folder, problems) {
  const resources = join(output, folder, 'resources');
  const archive = join(resources, 'app.asar');
  if (!existsSync(join(output, folder, 'netwright'))) problems.push(`${folder}: no netwright executable`);
  if (!existsSync(archive)) return problems.push(`${folder}: no app.asar`);

  const inside = new Set(asar.listPackage(archive).map((path) => path.replaceAll('\\', '/')));
  for (const file of [
    '/package.json',
    '/dist/electron/main.cjs',
    '/dist/electron/preload.cjs',
    '/dist/electron/utility.cjs',
    '/dist/renderer/index.html',
  ])
    if (!inside.has(file)) problems.push(`${folder}: app.asar lacks ${file}`);
  if ([...inside].some((path) => path.endsWith('.map'))) problems.push(`${folder}: app.asar carries source maps`);
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

  const unpacked = join(resources, 'app.asar.unpacked');
  for (const file of [
    'dist/electron/engine/node/runtime/inference-worker.mjs',
    'dist/electron/templates/lenet-5.json',
    'node_modules/onnxruntime-common/package.json',
    'node_modules/onnxruntime-node/dist/index.js',
  ])
    if (!existsSync(join(unpacked, file))) problems.push(`${folder}: ${file} is not unpacked beside app.asar`);

  const napi = join(unpacked, 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6');
  const platforms = existsSync(napi) ? readdirSync(napi) : [];
  if (platforms.join() !== 'linux')
    problems.push(`${folder}: unpacked platforms are [${platforms.join(', ')}], not [linux]`);
  const archs = existsSync(join(napi, 'linux')) ? readdirSync(join(napi, 'linux')) : [];
  if (archs.join() !== arch)
    problems.push(`${folder}: unpacked architectures are [${archs.join(', ')}], not [${arch}]`);
  for (const file of ['onnxruntime_binding.node', 'libonnxruntime.so.1'])
    if (!existsSync(join(napi, 'linux', arch, file))) problems.push(`${folder}: ${file} is not unpacked`);
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
    ...ARCHS.map(([arch]) => `--${arch}`),
    '--publish',
    'never',
    `-c.electronDist=${standIn}`,
    `-c.directories.output=${output}`,
  ]);
  for (const [arch, folder] of ARCHS) checkPackedApp(output, arch, folder, problems);

  // The packed app's own files, run by Node: this machine's architecture where it is Linux, else the bundles in place.
  const native = ARCHS.find(([arch]) => process.platform === 'linux' && arch === process.arch);
  let utility = join(root, 'dist', 'electron', 'utility.cjs');
  if (native) {
    const extracted = join(scratch, 'app');
    asar.extractAll(join(output, native[1], 'resources', 'app.asar'), extracted);
    utility = join(extracted, 'dist', 'electron', 'utility.cjs');
  }
  checkEngineBundle(utility, scratch, problems);
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
  'Packaging check: the bundled engine exports and runs LeNet-5; electron-builder packed Linux x64 and arm64 apps with the bundles and renderer in app.asar, and onnxruntime (only its linux binaries for each arch), the inference worker and the templates unpacked.\n',
);
