// Runs the bundled engine (dist/electron/utility.cjs) under plain Node, standing in for Electron's
// utility process: `process.parentPort` is played by an emitter that, like Electron's, holds
// messages until the engine listens. It opens LeNet-5, exports it and runs it through the bundled
// inference worker, then prints what came back as one JSON line. Used by scripts/check-packaging.mjs:
//   node scripts/smoke-engine-bundle.mjs dist/electron/utility.cjs OUT_FOLDER
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import process from 'node:process';
import { clearInterval, setImmediate, setInterval } from 'node:timers';

const [bundle, outFolder] = process.argv.slice(2);
if (!bundle || !outFolder) {
  process.stderr.write('usage: node scripts/smoke-engine-bundle.mjs UTILITY_BUNDLE OUT_FOLDER\n');
  process.exit(2);
}

const port = new EventEmitter();
const held = [];
const replies = new Map();
port.postMessage = (message) => {
  if (message.type === 'result') replies.get(message.id)?.(message);
};
port.on('newListener', (event) => {
  if (event === 'message') setImmediate(() => held.splice(0).forEach((message) => port.emit('message', message)));
});
process.parentPort = port;
process.env.NETWRIGHT_CONFIG_DIR = join(outFolder, 'config');

let nextId = 0;
function call(operation, args) {
  return new Promise((resolvePromise, reject) => {
    const id = ++nextId;
    replies.set(id, (reply) =>
      reply.ok ? resolvePromise(reply.value) : reject(new Error(`${operation}: ${reply.message}`)),
    );
    const message = { data: { type: 'call', id, operation, args } };
    if (port.listenerCount('message') > 0) port.emit('message', message);
    else held.push(message);
  });
}

const keepAlive = setInterval(() => undefined, 1_000);
createRequire(import.meta.url)(resolve(bundle));

(async () => {
  const templates = await call('listTemplates', []);
  const lenet = await call('openTemplate', ['lenet-5']);
  const exported = await call('exportOnnx', [
    lenet.handle,
    lenet.document,
    join(outFolder, 'lenet-5.onnx'),
    { seed: 1 },
  ]);
  const providers = await call('listProviders', []);
  const run = await call('runInference', [
    {
      runId: 'smoke',
      handle: lenet.handle,
      document: lenet.document,
      input: { kind: 'random', seed: 1 },
      provider: 'cpu',
      repeat: 2,
    },
  ]);
  const summary = {
    templates: templates.map((template) => template.id),
    exportedBytes: exported.bytes,
    cpu: providers.some((provider) => provider.name === 'cpu' && provider.available),
    outputDims: Object.values(run.outputs).map((output) => output.dims),
    provider: run.provider,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exit(0);
})().catch((error) => {
  clearInterval(keepAlive);
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
