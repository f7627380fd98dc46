import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { GRAPH_FORMAT, type GraphDocument } from '../../core/index.ts';
import type { LoadedDesign } from '../files/load-design.ts';
import { exportOnnx, exportOnnxBytes } from './export-onnx.ts';

const SMALL: GraphDocument = {
  format: GRAPH_FORMAT,
  version: 1,
  name: 'small',
  nodes: [
    { id: 'x', type: 'Input', params: { shape: [2, 6, 6] } },
    { id: 'conv', type: 'Conv', params: { outChannels: 4, kernelSize: 3, padding: 'same' } },
    { id: 'bn', type: 'BatchNorm' },
    { id: 'relu', type: 'ReLU' },
    { id: 'gap', type: 'GlobalAvgPool' },
    { id: 'flat', type: 'Flatten' },
    { id: 'fc', type: 'Dense', params: { outFeatures: 64 } },
    { id: 'y', type: 'Output' },
  ],
  edges: [
    { source: 'x', target: 'conv' },
    { source: 'conv', target: 'bn' },
    { source: 'bn', target: 'relu' },
    { source: 'relu', target: 'gap' },
    { source: 'gap', target: 'flat' },
    { source: 'flat', target: 'fc' },
    { source: 'fc', target: 'y' },
  ],
};

/** About 8 MB of weights: eight 1 MB chunks, so progress and cancelling have steps to happen between. */
const WIDE: GraphDocument = {
  format: GRAPH_FORMAT,
  version: 1,
  name: 'wide',
  nodes: [
    { id: 'x', type: 'Input', params: { shape: [1024] } },
    { id: 'fc', type: 'Dense', params: { outFeatures: 2048 } },
    { id: 'y', type: 'Output' },
  ],
  edges: [
    { source: 'x', target: 'fc' },
    { source: 'fc', target: 'y' },
  ],
};

const design = (document: GraphDocument, weights: LoadedDesign['weights'] = new Map()): LoadedDesign => ({
  document,
  weights,
});

async function folder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'netwright-export-'));
}

async function run(model: string | Uint8Array, x: Float32Array): Promise<Float32Array> {
  const session =
    typeof model === 'string' ? await ort.InferenceSession.create(model) : await ort.InferenceSession.create(model);
  try {
    const output = (await session.run({ x: new ort.Tensor('float32', x, [1, 2, 6, 6]) }))['y'];
    return output?.data as Float32Array;
  } finally {
    await session.release();
  }
}

const input = Float32Array.from({ length: 72 }, (_, i) => Math.sin(i));

describe('exportOnnx', () => {
  it('writes the same bytes for one seed, other bytes for another, and nothing else in the folder', async () => {
    const dir = await folder();
    for (const [name, seed] of [
      ['a.onnx', 5],
      ['b.onnx', 5],
      ['c.onnx', 6],
    ] as const) {
      const result = await exportOnnx(design(SMALL), { seed }, join(dir, name));
      expect(result.ok).toBe(true);
    }
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((n) => readFile(join(dir, `${n}.onnx`))));
    expect(a?.equals(b as Buffer)).toBe(true);
    expect(a?.equals(c as Buffer)).toBe(false);
    expect((await readdir(dir)).sort()).toEqual(['a.onnx', 'b.onnx', 'c.onnx']);
    expect(a).toEqual(Buffer.from((exportOnnxBytes(design(SMALL), { seed: 5 }) as { bytes: Uint8Array }).bytes));
  });

  it('keeps the weights in an external data file above the threshold, which onnxruntime loads', async () => {
    const dir = await folder();
    const path = join(dir, 'model.onnx');
    const result = await exportOnnx(design(SMALL), { seed: 1, externalDataAboveBytes: 1000 }, path);
    if (!result.ok) throw new Error('export failed');
    expect(result.written.externalData?.path).toBe(`${path}.data`);
    expect((await readdir(dir)).sort()).toEqual(['model.onnx', 'model.onnx.data']);
    const inline = exportOnnxBytes(design(SMALL), { seed: 1 });
    if (!inline.ok) throw new Error('export failed');
    expect(await run(path, input)).toEqual(await run(inline.bytes, input));
  });

  it("runs with the design's own weights", async () => {
    const weights = new Map([
      [
        'fc',
        {
          weight: { dims: [64, 4], data: new Float32Array(256).fill(0) },
          bias: { dims: [64], data: Float32Array.from({ length: 64 }, (_, i) => i) },
        },
      ],
    ]);
    const exported = exportOnnxBytes(design(SMALL, weights), { seed: 1 });
    if (!exported.ok) throw new Error('export failed');
    // A zero weight leaves the bias: 0, 1, 2, ...
    expect(Array.from(await run(exported.bytes, input))).toEqual(Array.from({ length: 64 }, (_, i) => i));
  });

  it('writes nothing for a graph with errors, and leaves no temporary file when writing fails', async () => {
    const dir = await folder();
    const broken: GraphDocument = {
      ...SMALL,
      edges: SMALL.edges.filter((e) => e.target !== 'flat').concat([{ source: 'relu', target: 'fc' }]),
    };
    const result = await exportOnnx(design(broken), {}, join(dir, 'broken.onnx'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics.some((d) => d.nodeId === 'fc' && d.severity === 'error')).toBe(true);
    await expect(exportOnnx(design(SMALL), {}, join(dir, 'missing', 'x.onnx'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports the fraction of bytes written, rising to 1', async () => {
    const fractions: number[] = [];
    const result = await exportOnnx(
      design(WIDE),
      { seed: 1, onProgress: (fraction) => fractions.push(fraction) },
      join(await folder(), 'wide.onnx'),
    );
    expect(result.ok).toBe(true);
    expect(fractions.length).toBeGreaterThan(4);
    expect(fractions.length).toBeLessThanOrEqual(101);
    expect(fractions.every((fraction, i) => i === 0 || fraction > (fractions[i - 1] ?? 0))).toBe(true);
    expect(fractions.at(-1)).toBe(1);
  });

  it('stops when aborted, removing its temporary file and keeping the file it would have replaced', async () => {
    const dir = await folder();
    const path = join(dir, 'wide.onnx');
    await writeFile(path, 'the previous export');
    const controller = new AbortController();
    const onProgress = (fraction: number) => {
      if (fraction > 0.3) controller.abort();
    };
    await expect(
      exportOnnx(design(WIDE), { seed: 1, signal: controller.signal, onProgress }, path),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(await readdir(dir)).toEqual(['wide.onnx']);
    expect(await readFile(path, 'utf8')).toBe('the previous export');
  });
});
