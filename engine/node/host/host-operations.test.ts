import { mkdir, mkdtemp, readFile, realpath, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyGraphDocument } from '../../core/index.ts';
import type { HostProgress } from '../../core/host/host-api.ts';
import { FolderGuard } from './folder-guard.ts';
import { EngineHost } from './host-operations.ts';
import { RecentFiles } from './recent-files.ts';

let root: string;
let host: EngineHost;

beforeEach(async () => {
  const base = await realpath(await mkdtemp(join(tmpdir(), 'netwright-ops-')));
  root = join(base, 'root');
  await mkdir(join(root, 'models'), { recursive: true });
  await writeFile(join(root, 'b.json'), JSON.stringify(emptyGraphDocument('B')));
  await writeFile(join(root, 'a.onnx'), '');
  await writeFile(join(root, 'cat.JPG'), '');
  await writeFile(join(root, 'notes.txt'), '');
  await writeFile(join(root, '.hidden.json'), '');
  await writeFile(join(base, 'outside.json'), '');
  await symlink(join(base, 'outside.json'), join(root, 'escape.json'));
  await symlink(join(root, 'models'), join(root, 'models-link'));
  host = new EngineHost({ guard: await FolderGuard.create([root]), recent: await RecentFiles.load(undefined) });
});

afterEach(() => host.close());

describe('EngineHost', () => {
  it('lists a folder: folders first, kinds by extension, no hidden files, no links out of the roots', async () => {
    expect(await host.listFolder(root)).toEqual([
      { name: 'models', path: join(root, 'models'), kind: 'folder' },
      { name: 'models-link', path: join(root, 'models-link'), kind: 'folder' },
      { name: 'a.onnx', path: join(root, 'a.onnx'), kind: 'onnx' },
      { name: 'b.json', path: join(root, 'b.json'), kind: 'graph' },
      { name: 'cat.JPG', path: join(root, 'cat.JPG'), kind: 'image' },
      { name: 'notes.txt', path: join(root, 'notes.txt'), kind: 'other' },
    ]);
    await expect(host.listFolder('b.json')).rejects.toThrow(/not a folder/);
  });

  it('saves where a design was opened from, adding .json to a bare name and refusing other extensions', async () => {
    const opened = await host.openDesign('b.json');
    expect(opened?.document.name).toBe('B');
    const edited = { ...emptyGraphDocument('B edited') };
    expect(await host.saveDesign(opened?.handle ?? '', edited)).toBe(join(root, 'b.json'));
    expect(JSON.parse(await readFile(join(root, 'b.json'), 'utf8'))).toEqual(edited);
    expect(await host.saveDesign('fresh', edited, 'models/copy')).toBe(join(root, 'models', 'copy.json'));
    await expect(host.saveDesign('fresh', edited, 'a.onnx')).rejects.toThrow(/as a \.json file, not \.onnx/);
    await expect(host.saveDesign('never-saved', edited)).rejects.toThrow(/choose where to save/);
  });

  it('asks for a path where a desktop host would show a dialog', async () => {
    await expect(host.openDesign()).rejects.toThrow(/no file dialog/);
  });

  it('remembers recent files, showing only those still inside the roots', async () => {
    await host.openDesign('b.json');
    await host.saveDesign('fresh', emptyGraphDocument(), 'models/new.json');
    expect(await host.recentFiles()).toEqual([join(root, 'models', 'new.json'), join(root, 'b.json')]);
    const recent = await RecentFiles.load(undefined);
    await recent.add(join(root, 'b.json'));
    await recent.add(join(root, 'models', 'new.json'));
    await recent.add(join(root, 'models', 'deleted.json'));
    const narrower = new EngineHost({ guard: await FolderGuard.create([join(root, 'models')]), recent });
    expect(await narrower.recentFiles()).toEqual([join(root, 'models', 'new.json')]);
  });
});

describe('templates', () => {
  it('lists them with their totals and opens one as a new design without a path', async () => {
    const templates = await host.listTemplates();
    expect(templates.find((t) => t.id === 'lenet-5')).toMatchObject({ name: 'LeNet-5', trainableParams: 61_706 });
    const opened = await host.openTemplate('resnet-152');
    expect(opened).toMatchObject({ path: undefined, hasWeights: false, document: { name: 'ResNet-152' } });
    expect(opened.document.nodes.length).toBeGreaterThan(500);
    await expect(host.saveDesign(opened.handle, opened.document)).rejects.toThrow(/choose where to save/);
    await expect(host.openTemplate('../package')).rejects.toThrow(/there is no template "\.\.\/package"/);
  });
});

describe('ONNX', () => {
  it('exports a design, imports it back with its weights, and saves those beside the graph', async () => {
    const lenet = await host.openTemplate('lenet-5');
    const progress: HostProgress[] = [];
    host.onProgress((event) => progress.push(event));
    const report = await host.exportOnnx(lenet.handle, lenet.document, 'models/lenet', { seed: 7 });
    expect(report?.path).toBe(join(root, 'models', 'lenet.onnx'));
    expect(report?.bytes).toBe((await stat(join(root, 'models', 'lenet.onnx'))).size);
    expect(report?.bytes).toBeGreaterThan(61_706 * 4);
    expect(report?.initialisedNodes).toEqual(expect.arrayContaining(['c1', 'c5']));
    expect(progress.every((event) => event.task === 'Exporting lenet.onnx')).toBe(true);
    const fractions = progress.map((event) => event.fraction);
    expect(fractions[0]).toBeUndefined();
    expect(fractions.slice(1).every((fraction, i) => (fraction ?? 0) > (fractions[i] ?? 0))).toBe(true);
    expect(fractions.at(-1)).toBe(1);

    const imported = await host.openDesign('models/lenet.onnx');
    expect(imported).toMatchObject({ path: undefined, hasWeights: true });
    const saved = await host.saveDesign(
      imported?.handle ?? '',
      imported?.document ?? emptyGraphDocument(),
      'lenet-copy',
    );
    expect(saved).toBe(join(root, 'lenet-copy.json'));
    expect((await stat(join(root, 'lenet-copy.safetensors'))).size).toBeGreaterThan(61_706 * 4);
    const reopened = await host.openDesign('lenet-copy.json');
    expect(reopened).toMatchObject({ path: saved, hasWeights: true });
    const again = await host.exportOnnx(
      reopened?.handle ?? '',
      reopened?.document ?? emptyGraphDocument(),
      'again.onnx',
    );
    expect(again?.initialisedNodes).toEqual([]);
  });

  it('reports how much of a large export is written, and cancels it by its task id, keeping the old file', async () => {
    const resnet = await host.openTemplate('resnet-18');
    await writeFile(join(root, 'models', 'resnet.onnx'), 'the previous export');
    const fractions: (number | undefined)[] = [];
    host.onProgress((event) => {
      fractions.push(event.fraction);
      if (event.fraction !== undefined && event.fraction > 0.2) void host.cancelRun('export-1');
    });
    await expect(
      host.exportOnnx(resnet.handle, resnet.document, 'models/resnet.onnx', { taskId: 'export-1' }),
    ).rejects.toThrow('the export was cancelled');
    expect(fractions[0]).toBeUndefined();
    expect(fractions.slice(1).every((fraction) => fraction !== undefined && fraction > 0 && fraction < 1)).toBe(true);
    expect(await readFile(join(root, 'models', 'resnet.onnx'), 'utf8')).toBe('the previous export');
    expect((await host.listFolder('models')).map((entry) => entry.name)).toEqual(['resnet.onnx']);
    await host.cancelRun('export-1');
  });

  it('refuses to export a design with errors or outside the roots', async () => {
    const broken = { ...emptyGraphDocument(), nodes: [{ id: 'c', type: 'Conv' }] };
    await expect(host.exportOnnx('new', broken, 'broken.onnx')).rejects.toThrow(/^cannot export: /);
    const lenet = await host.openTemplate('lenet-5');
    await expect(host.exportOnnx(lenet.handle, lenet.document, '/tmp/x.onnx')).rejects.toThrow(/outside/);
    await expect(host.exportOnnx(lenet.handle, lenet.document, 'x.json')).rejects.toThrow(/as a \.onnx file/);
  });

  it('refuses a weights file that a link leads outside the roots', async () => {
    const outsideWeights = join(root, '..', 'w.safetensors');
    await writeFile(outsideWeights, '');
    await symlink(outsideWeights, join(root, 'linked.safetensors'));
    const document = { ...emptyGraphDocument(), weights: { file: 'linked.safetensors', format: 'safetensors' } };
    await writeFile(join(root, 'linked.json'), JSON.stringify(document));
    await expect(host.openDesign('linked.json')).rejects.toThrow(/outside the folders/);
  });
});

describe('inference', () => {
  it('runs a design in onnxruntime and returns outputs, top-k, latency, the input and captured activations', async () => {
    const lenet = await host.openTemplate('lenet-5');
    const providers = await host.listProviders();
    expect(providers.find((p) => p.name === 'cpu')).toEqual({ name: 'cpu', available: true });
    const result = await host.runInference({
      runId: 'run-1',
      handle: lenet.handle,
      document: lenet.document,
      input: { kind: 'random', seed: 1 },
      provider: 'cpu',
      repeat: 3,
      captureNodeIds: ['c1'],
    });
    expect(Object.values(result.outputs).map((tensor) => tensor.dims)).toEqual([[1, 10]]);
    expect(Object.values(result.topK)[0]).toHaveLength(5);
    expect(result.latency.runs).toBe(3);
    expect(result.provider).toBe('cpu');
    expect(result.input.dims).toEqual([1, 1, 32, 32]);
    expect(result.activations['c1']?.dims).toEqual([1, 6, 28, 28]);
    // Plain arrays: the result crosses HTTP as JSON.
    expect(Array.isArray(result.input.data)).toBe(true);
  });

  it('feeds given values, and says clearly when they do not fit', async () => {
    const lenet = await host.openTemplate('lenet-5');
    const request = { handle: lenet.handle, document: lenet.document, provider: 'cpu', repeat: 1 } as const;
    const fed = await host.runInference({
      ...request,
      runId: 'values',
      input: { kind: 'tensor', data: Array.from({ length: 1024 }, (_, i) => i / 1024) },
    });
    expect(fed.input.data[1023]).toBeCloseTo(1023 / 1024, 6);
    await expect(
      host.runInference({ ...request, runId: 'short', input: { kind: 'tensor', data: [1, 2] } }),
    ).rejects.toThrow(/has 2 values, but the input \[1, 32, 32\] needs 1,024/);
    await expect(
      host.runInference({ ...request, runId: 'image', input: { kind: 'image', path: '/etc/hosts' } }),
    ).rejects.toThrow(/outside the folders/);
    const broken = { ...lenet.document, edges: lenet.document.edges.slice(1) };
    await expect(
      host.runInference({ ...request, document: broken, runId: 'broken', input: { kind: 'random', seed: 0 } }),
    ).rejects.toThrow(/^cannot run: /);
  });

  it('cancels a run by its id', async () => {
    const lenet = await host.openTemplate('lenet-5');
    const run = host.runInference({
      runId: 'long',
      handle: lenet.handle,
      document: lenet.document,
      input: { kind: 'random', seed: 0 },
      provider: 'cpu',
      repeat: 10_000_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await host.cancelRun('long');
    await expect(run).rejects.toThrow('the run was cancelled');
    await host.cancelRun('long');
  });
});
