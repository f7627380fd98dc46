#!/usr/bin/env node
// Bundles the desktop shell with esbuild: Electron runs JavaScript, not TypeScript. Into
// dist/electron go main.cjs (the main process), preload.cjs (sandboxed, so it may require only
// 'electron'), utility.cjs (the engine's utility process) and what the engine finds beside its own
// modules (below). onnxruntime-node stays a real module: its native binding is loaded by path.
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist', 'electron');

/**
 * Engine modules find files beside them from `import.meta.url`: templates/ from
 * engine/node/files/templates.ts, the inference worker from engine/node/runtime/inference-engine.ts.
 * dist/electron mirrors the repository for them: each module is told the URL its source would have
 * there, and what it looks for is put there (templates, the worker bundled as an ES module).
 */
const MIRRORED_FOLDERS = ['templates'];
const MIRRORED_WORKERS = [
  { source: 'engine/node/runtime/inference-worker.ts', output: 'engine/node/runtime/inference-worker.mjs' },
];

/**
 * `import.meta.url` of a module as it will be in the mirror. A CommonJS bundle has no import.meta,
 * so it is computed from the bundle's own folder (the mirror's root). In the packaged app that
 * folder is inside app.asar, where a worker thread cannot start a script; the mirror's files are
 * unpacked (electron-builder.yml, asarUnpack), so the URL points at app.asar.unpacked instead.
 */
function moduleUrlPlugin(format, bundleFolder) {
  const mirrorRoot = relative(bundleFolder, outdir).split('\\').join('/') || '.';
  return {
    name: 'module-url',
    setup(context) {
      context.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const fromRoot = relative(root, path).split('\\').join('/');
        const url =
          format === 'cjs'
            ? `require('node:url').pathToFileURL(require('node:path').join(__dirname.replace(/([\\\\/])app\\.asar([\\\\/]|$)/, '$1app.asar.unpacked$2'), ${JSON.stringify(mirrorRoot)}, ${JSON.stringify(fromRoot)})).href`
            : `new URL(${JSON.stringify(`${mirrorRoot}/${fromRoot}`)}, import.meta.url).href`;
        return { contents: source.replaceAll('import.meta.url', `(${url})`), loader: 'ts' };
      });
    },
  };
}

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
  sourcemap: 'linked',
  target: 'es2022',
  logLevel: 'warning',
  absWorkingDir: root,
};

function commonJs(name, entry, platform, external) {
  return build({
    ...common,
    format: 'cjs',
    platform,
    entryPoints: { [name]: entry },
    outdir,
    outExtension: { '.js': '.cjs' },
    external,
    plugins: [moduleUrlPlugin('cjs', outdir), pureEnginePlugin],
  });
}

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
await Promise.all([
  commonJs('main', 'electron/main/main.ts', 'node', ['electron']),
  commonJs('preload', 'electron/preload/preload.ts', 'browser', ['electron']),
  commonJs('utility', 'electron/utility/utility-main.ts', 'node', ['electron', 'onnxruntime-node']),
  ...MIRRORED_WORKERS.map(({ source, output }) => {
    const outfile = join(outdir, output);
    return build({
      ...common,
      format: 'esm',
      platform: 'node',
      entryPoints: [source],
      outfile,
      external: ['onnxruntime-node'],
      // Bundled CommonJS code calls require; an ES module has none of its own.
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
      plugins: [moduleUrlPlugin('esm', dirname(outfile)), pureEnginePlugin],
    });
  }),
  ...MIRRORED_FOLDERS.map((folder) =>
    cp(join(root, folder), join(outdir, folder), {
      recursive: true,
      filter: (path) => path === join(root, folder) || path.endsWith('.json'),
    }),
  ),
]);
process.stderr.write(`Bundled the desktop shell into ${relative(process.cwd(), outdir) || outdir}\n`);
