#!/usr/bin/env node
// Bundles the desktop shell with esbuild: Electron runs JavaScript, not TypeScript. Three bundles
// go to dist/electron: main.cjs (the main process), preload.cjs (sandboxed, so it may require only
// 'electron') and utility.cjs (the engine's utility process; onnxruntime-node stays a real module
// because its native binding is loaded by path).
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/electron`;

/**
 * Engine modules find files beside them from `import.meta.url` (templates/ from
 * engine/node/files/templates.ts). A CommonJS bundle has no import.meta, so each module gets the
 * URL it would have in the packaged app, whose folders mirror the repository's: the bundle sits in
 * dist/electron, two levels below the app's root.
 */
const moduleUrlPlugin = {
  name: 'module-url',
  setup(context) {
    context.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const fromRoot = relative(root, path).split('\\').join('/');
      const url = `require('node:url').pathToFileURL(require('node:path').join(__dirname, '..', '..', ${JSON.stringify(fromRoot)})).href`;
      return { contents: source.replaceAll('import.meta.url', `(${url})`), loader: 'ts' };
    });
  },
};

/**
 * The engine's modules have no import side effects (DESIGN.md: layers are listed, not registered),
 * so what a bundle does not use of engine/core/index.ts is left out: the main process needs the
 * document parser, not the ELK layout engine.
 */
const pureEnginePlugin = {
  name: 'pure-engine',
  setup(context) {
    context.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.pluginData?.resolving) return undefined;
      const { kind, importer, resolveDir } = args;
      const result = await context.resolve(args.path, { kind, importer, resolveDir, pluginData: { resolving: true } });
      if (result.errors.length > 0 || !relative(root, result.path).startsWith('engine')) return result;
      return { ...result, sideEffects: false };
    });
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  outdir,
  sourcemap: 'linked',
  target: 'es2022',
  logLevel: 'warning',
  external: ['electron'],
  plugins: [moduleUrlPlugin, pureEnginePlugin],
};

await Promise.all([
  build({ ...common, platform: 'node', entryPoints: { main: 'electron/main/main.ts' } }),
  build({ ...common, platform: 'browser', entryPoints: { preload: 'electron/preload/preload.ts' } }),
  build({
    ...common,
    platform: 'node',
    entryPoints: { utility: 'electron/utility/utility-main.ts' },
    external: ['electron', 'onnxruntime-node'],
  }),
]);
process.stderr.write(`Bundled the desktop shell into ${relative(process.cwd(), outdir) || outdir}\n`);
