/** `netwright export` and `netwright run` as a user types them: output, files and exit status. */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../main.ts';

const LENET = fileURLToPath(new URL('../../../../templates/lenet-5.json', import.meta.url));

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const status = await runCli(argv, { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) });
  return { status, out, err };
}

async function folder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'netwright-cli-'));
}

const BROKEN = JSON.stringify({
  format: 'netwright-graph',
  version: 1,
  name: 'broken',
  nodes: [
    { id: 'x', type: 'Input', params: { shape: [3, 8, 8] } },
    { id: 'fc', type: 'Dense', params: { outFeatures: 2 } },
    { id: 'y', type: 'Output' },
  ],
  edges: [
    { source: 'x', target: 'fc' },
    { source: 'fc', target: 'y' },
  ],
});

describe('netwright export', () => {
  it('writes ONNX, the same bytes for the same seed', async () => {
    const dir = await folder();
    const first = await cli('export', LENET, '-o', join(dir, 'a.onnx'), '--seed', '3');
    expect(first.status).toBe(0);
    expect(first.out).toMatch(
      /Exported .*lenet-5\.json to .*a\.onnx: [\d,]+ bytes, ONNX opset 20; weights: 61,706 initialised from seed 3/,
    );
    expect((await cli('export', LENET, '-o', join(dir, 'b.onnx'), '--seed', '3', '--opset', '20')).status).toBe(0);
    const [a, b] = await Promise.all([readFile(join(dir, 'a.onnx')), readFile(join(dir, 'b.onnx'))]);
    expect(a.equals(b)).toBe(true);
  });

  it('exits 1 and writes nothing when the graph has errors', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'broken.json'), BROKEN);
    const { status, err } = await cli('export', join(dir, 'broken.json'), '-o', join(dir, 'out.onnx'));
    expect(status).toBe(1);
    expect(err).toContain('error[needs-vector] Dense "fc"');
    expect(await readdir(dir)).toEqual(['broken.json']);
  });

  it('exits 2 with one line for bad usage and unwritable paths', async () => {
    const dir = await folder();
    for (const args of [
      ['export', LENET],
      ['export', LENET, '-o', join(dir, 'x.onnx'), '--opset', '19'],
      ['export', LENET, '-o', join(dir, 'x.onnx'), '--seed=-1'],
      ['export', LENET, '-o', join(dir, 'no', 'such', 'x.onnx')],
      ['export', join(dir, 'missing.json'), '-o', join(dir, 'x.onnx')],
    ]) {
      const { status, err } = await cli(...args);
      expect(status, args.join(' ')).toBe(2);
      expect(err.trim().split('\n'), err).toHaveLength(1);
    }
    const { err } = await cli('export', LENET, '-o', join(dir, 'x.onnx'), '--opset', '19');
    expect(err).toContain('--opset must be a whole number from 20 to 25, got "19"');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('netwright run', () => {
  it('prints outputs, top-k, latency and the provider', async () => {
    const { status, out } = await cli('run', LENET, '--repeat', '3');
    expect(status).toBe(0);
    expect(out).toMatch(/ran on cpu, batch 1\noutput "output" \[1, 10\]\n {2}top 5: \d+ \(/);
    expect(out).toMatch(/latency: median [\d.]+ ms, p95 [\d.]+ ms over 3 runs \(after one warm-up run\)/);
  });

  it('prints JSON with outputs, top-k, median and p95 latency and the provider that ran', async () => {
    const { status, out, err } = await cli('run', LENET, '--json', '--ep', 'dml', '--repeat', '2', '--batch', '2');
    expect(status).toBe(0);
    const report = JSON.parse(out) as Record<string, unknown>;
    expect(report).toMatchObject({ provider: 'cpu', requestedProvider: 'dml', batch: 2 });
    expect(report['fallbackReason']).toMatch(/^dml is not in this onnxruntime build/);
    expect(err).toContain('ran on the CPU instead');
    expect(report['latencyMs']).toMatchObject({ runs: 2 });
    const outputs = report['outputs'] as Record<string, { shape: number[]; data: number[] }>;
    expect(outputs['output']?.shape).toEqual([2, 10]);
    expect(outputs['output']?.data).toHaveLength(20);
    expect((report['topK'] as Record<string, unknown[][]>)['output']?.[1]).toHaveLength(5);
  });

  it('runs an exported .onnx file to the same numbers as the design', async () => {
    const dir = await folder();
    await cli('export', LENET, '-o', join(dir, 'lenet.onnx'));
    const fromDesign = JSON.parse((await cli('run', LENET, '--json')).out) as { outputs: unknown };
    const fromFile = JSON.parse((await cli('run', join(dir, 'lenet.onnx'), '--json')).out) as { outputs: unknown };
    expect(fromFile.outputs).toEqual(fromDesign.outputs);
  });

  it('feeds an image, resized and converted to grey', async () => {
    const dir = await folder();
    const image = new PNG({ width: 64, height: 48 });
    image.data.fill(255);
    await writeFile(join(dir, 'white.png'), PNG.sync.write(image));
    const { status, out } = await cli('run', LENET, '--input', join(dir, 'white.png'), '--json');
    expect(status).toBe(0);
    expect((JSON.parse(out) as { outputs: Record<string, { shape: number[] }> }).outputs['output']?.shape).toEqual([
      1, 10,
    ]);
  });

  it('exits 1 for a graph with errors and 2 for a corrupt image or bad usage', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'broken.json'), BROKEN);
    await writeFile(
      join(dir, 'corrupt.png'),
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
    );
    expect((await cli('run', join(dir, 'broken.json'))).status).toBe(1);
    const corrupt = await cli('run', LENET, '--input', join(dir, 'corrupt.png'));
    expect(corrupt.status).toBe(2);
    expect(corrupt.err).toMatch(/^netwright run: .*corrupt\.png is not a readable PNG image/);
    expect((await cli('run', LENET, '--ep', 'tpu')).err).toContain(
      '--ep must be one of cpu, cuda, webgpu, dml, coreml',
    );
    expect((await cli('run', LENET, '--repeat', '0')).status).toBe(2);
  });
});
