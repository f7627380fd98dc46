import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel, float32Bytes } from '../../core/onnx-import/fixtures/build-model.ts';
import { decodeReferenceTensor } from '../../core/onnx-import/fixtures/reference-data.ts';
import { materializeTensor, serializeGraphDocument, type GraphDocument, type GraphNode } from '../../core/index.ts';
import { exportOnnxBytes } from '../onnx/export-onnx.ts';
import { writeDesign } from './design-files.ts';
import { analyzeDesign, applicableWeights, importModelFile, loadDesign, type LoadedDesign } from './load-design.ts';

const MNIST = fileURLToPath(new URL('../../core/onnx-import/fixtures/mnist-8', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'netwright-load-design-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs a design on mnist-8's reference input and returns the logits. */
async function logits(design: LoadedDesign): Promise<Float32Array> {
  const exported = exportOnnxBytes(design, {});
  if (!exported.ok) throw new Error(exported.diagnostics[0]?.message);
  const session = await ort.InferenceSession.create(exported.bytes);
  const input = decodeReferenceTensor(readFileSync(join(MNIST, 'test_data_set_0', 'input_0.pb')));
  const result = await session.run({ Input3: new ort.Tensor('float32', input.data as Float32Array, [...input.dims]) });
  return result['Plus214_Output_0']?.data as Float32Array;
}

/** Saves the imported mnist-8 with one node's parameters changed, as a user would in the editor. */
async function savedWithEdit(name: string, id: string, params: Record<string, unknown>): Promise<string> {
  const imported = await importModelFile(join(MNIST, 'model.onnx'));
  const path = join(folder, `${name}.json`);
  await writeDesign(path, imported.document, imported.weights);
  const saved = JSON.parse(readFileSync(path, 'utf8')) as GraphDocument;
  const nodes = saved.nodes.map((node): GraphNode =>
    node.id === id ? { ...node, params: { ...node.params, ...params } } : node,
  );
  writeFileSync(path, serializeGraphDocument({ ...saved, nodes }));
  return path;
}

function exportedWeights(design: LoadedDesign) {
  const exported = exportOnnxBytes(design, {});
  if (!exported.ok) throw new Error(exported.diagnostics[0]?.message);
  return new Map(
    exported.lowered.initializers.map((init) => [
      init.name,
      {
        origin: init.origin,
        data: materializeTensor(
          init.source,
          init.dims.reduce((a, b) => a * b, 1),
        ),
      },
    ]),
  );
}

describe('loadDesign', () => {
  it('imports an .onnx file, laid out, and recognises one by its content', async () => {
    const design = await loadDesign(join(MNIST, 'model.onnx'));
    expect(design.document.nodes.every((node) => node.position !== undefined)).toBe(true);
    expect(design.weights.get('Convolution28')?.weight?.dims).toEqual([8, 1, 5, 5]);
    const renamed = join(folder, 'mnist.model');
    copyFileSync(join(MNIST, 'model.onnx'), renamed);
    expect((await loadDesign(renamed)).document.nodes.length).toBe(design.document.nodes.length);
  });

  it('imports, saves, loads and exports a model that reproduces the original outputs exactly', async () => {
    const imported = await importModelFile(join(MNIST, 'model.onnx'));
    const path = join(folder, 'mnist.json');
    await writeDesign(path, imported.document, imported.weights);
    const loaded = await loadDesign(path);
    expect(loaded.reinitialised).toEqual([]);
    for (const [id, weights] of imported.weights)
      for (const [role, tensor] of Object.entries(weights))
        expect(loaded.weights.get(id)?.[role as 'weight']?.data).toEqual(tensor.data);
    const expected = decodeReferenceTensor(readFileSync(join(MNIST, 'test_data_set_0', 'output_0.pb')));
    const actual = await logits(loaded);
    actual.forEach((value, i) => expect(Math.abs(value - (expected.data[i] as number))).toBeLessThan(1e-3));
  });

  it('re-initialises only a replaced head and keeps every other weight bit for bit', async () => {
    const original = await importModelFile(join(MNIST, 'model.onnx'));
    const loaded = await loadDesign(await savedWithEdit('head', 'Times212', { outFeatures: 5 }));
    expect(loaded.reinitialised?.map((node) => node.nodeId)).toEqual(['Times212']);
    const warnings = analyzeDesign(loaded).diagnostics.filter((d) => d.code === 'weights-reinitialised');
    expect(warnings.map((d) => d.nodeId)).toEqual(['Times212']);
    const exported = exportedWeights(loaded);
    expect(exported.get('Times212.weight')?.origin).toBe('seed');
    for (const id of ['Convolution28', 'Convolution110']) {
      for (const role of ['weight', 'bias'] as const) {
        const tensor = exported.get(`${id}.${role}`);
        expect(tensor?.origin).toBe('design');
        expect(tensor?.data).toEqual(original.weights.get(id)?.[role]?.data);
      }
    }
    expect((await logits(loaded)).length).toBe(5);
  });

  it('re-initialises an edited node and the nodes whose weight dims depend on it', async () => {
    const loaded = await loadDesign(await savedWithEdit('body', 'Convolution110', { outChannels: 12 }));
    const warnings = analyzeDesign(loaded).diagnostics.filter((d) => d.code === 'weights-reinitialised');
    expect(warnings.map((d) => d.nodeId)).toEqual(['Convolution110', 'Times212']);
    expect(warnings[1]?.message).toContain('weight is [10, 256] where it now needs [10, 192]');
    const exported = exportedWeights(loaded);
    expect(exported.get('Convolution28.weight')?.origin).toBe('design');
    expect(exported.get('Convolution110.weight')?.origin).toBe('seed');
    expect(exported.get('Times212.bias')?.origin).toBe('seed');
  });

  it('drops the weights of a node edited in memory since loading, even when their dims still fit', async () => {
    const loaded = await loadDesign(join(MNIST, 'model.onnx'));
    const document = {
      ...loaded.document,
      nodes: loaded.document.nodes.map((node) =>
        node.id === 'Convolution110' ? { ...node, params: { ...node.params, padding: 'valid' } } : node,
      ),
    };
    const applicable = applicableWeights({ ...loaded, document });
    expect(applicable.reinitialised.map((node) => [node.nodeId, node.reason])).toEqual([
      ['Convolution110', 'edited'],
      ['Times212', 'reshaped'],
    ]);
    expect([...applicable.weights.keys()]).toEqual(['Convolution28']);
  });

  it('reads ONNX external data beside the model, and never from outside its folder', async () => {
    const model = (location: string) =>
      buildModel({
        inputs: [{ name: 'x', dims: ['N', 2] }],
        outputs: [{ name: 'y' }],
        initializers: [{ name: 'B', dims: [2, 2], values: [1, 2, 3, 4], external: location }],
        nodes: [{ op: 'Gemm', name: 'fc', inputs: ['x', 'B'], outputs: ['y'] }],
      });
    writeFileSync(join(folder, 'external.onnx'), model('external.bin'));
    await expect(loadDesign(join(folder, 'external.onnx'))).rejects.toThrow(
      /"external\.bin", which is not beside the model/,
    );
    writeFileSync(join(folder, 'external.bin'), float32Bytes([1, 2, 3, 4]));
    const design = await loadDesign(join(folder, 'external.onnx'));
    expect([...(design.weights.get('fc')?.weight?.data ?? [])]).toEqual([1, 3, 2, 4]);
    mkdirSync(join(folder, 'inner'));
    writeFileSync(join(folder, 'inner', 'escape.onnx'), model('../external.bin'));
    await expect(loadDesign(join(folder, 'inner', 'escape.onnx'))).rejects.toThrow(/which is not beside the model/);
  });

  it('fails with one line when the weights file is missing or corrupt', async () => {
    const path = await savedWithEdit('broken', 'Times212', {});
    writeFileSync(join(folder, 'broken.safetensors'), 'garbage');
    await expect(loadDesign(path)).rejects.toThrow(/broken\.safetensors: not a valid safetensors file/);
    rmSync(join(folder, 'broken.safetensors'));
    await expect(loadDesign(path)).rejects.toThrow(/cannot read .*broken\.safetensors: no such file/);
  });
});
