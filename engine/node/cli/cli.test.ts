import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './main.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const status = await runCli(argv, { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) });
  return { status, out, err };
}

async function tempFile(name: string, content: string | Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'netwright-cli-'));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const LENET = {
  format: 'netwright-graph',
  version: 1,
  name: 'LeNet-5',
  nodes: [
    { id: 'input', type: 'Input', params: { shape: [1, 32, 32] } },
    { id: 'c1', type: 'Conv', params: { outChannels: 6, kernelSize: 5 } },
    { id: 't1', type: 'Tanh' },
    { id: 's2', type: 'AvgPool', params: { kernelSize: 2 } },
    { id: 'c3', type: 'Conv', params: { outChannels: 16, kernelSize: 5 } },
    { id: 't3', type: 'Tanh' },
    { id: 's4', type: 'AvgPool', params: { kernelSize: 2 } },
    { id: 'flat', type: 'Flatten' },
    { id: 'f5', type: 'Dense', params: { outFeatures: 120 } },
    { id: 't5', type: 'Tanh' },
    { id: 'f6', type: 'Dense', params: { outFeatures: 84 } },
    { id: 't6', type: 'Tanh' },
    { id: 'f7', type: 'Dense', params: { outFeatures: 10 } },
    { id: 'logits', type: 'Output' },
  ],
  edges: ['input', 'c1', 't1', 's2', 'c3', 't3', 's4', 'flat', 'f5', 't5', 'f6', 't6', 'f7', 'logits']
    .slice(1)
    .map((target, i, rest) => ({ source: i === 0 ? 'input' : rest[i - 1], target })),
};

describe('netwright summary', () => {
  it('prints a Keras-like table with thousands separators', async () => {
    const path = await tempFile('lenet.json', JSON.stringify(LENET));
    const { status, out } = await cli('summary', path);
    expect(status).toBe(0);
    expect(out).toContain('c1 (Conv)');
    expect(out).toContain('[6, 28, 28]');
    expect(out).toContain('Trainable params: 61,706');
  });

  it('prints every --json field of DESIGN.md', async () => {
    const path = await tempFile('lenet.json', JSON.stringify(LENET));
    const { status, out } = await cli('summary', path, '--json');
    expect(status).toBe(0);
    const summary = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(summary).sort()).toEqual(['diagnostics', 'name', 'nodes', 'outputs', 'totals', 'valid']);
    expect(summary['totals']).toEqual({ trainableParams: 61_706, nonTrainableParams: 0, macs: 416_520 });
    expect(summary['outputs']).toEqual({ logits: [10] });
    expect((summary['nodes'] as unknown[])[1]).toEqual({
      id: 'c1',
      type: 'Conv',
      outputShape: [6, 28, 28],
      trainableParams: 156,
      nonTrainableParams: 0,
      macs: 117_600,
    });
  });

  it('exits 1 with the diagnostic on the node at fault', async () => {
    const { status, out } = await cli('summary', fixture('lenet-broken.json'), '--json');
    expect(status).toBe(1);
    const summary = JSON.parse(out) as {
      valid: boolean;
      diagnostics: { code: string; nodeId: string; severity: string; message: string }[];
    };
    expect(summary.valid).toBe(false);
    expect(summary.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'kernel-too-large',
        nodeId: 'c3',
        message: expect.stringContaining('at most 14') as unknown,
      }),
    ]);
  });
});

describe('netwright check', () => {
  it('exits 0 on a valid graph and 1 on errors', async () => {
    const path = await tempFile('lenet.json', JSON.stringify(LENET));
    expect((await cli('check', path)).status).toBe(0);
    const broken = await cli('check', fixture('lenet-broken.json'));
    expect(broken.status).toBe(1);
    expect(broken.out).toContain('error[kernel-too-large] Conv "c3"');
  });

  it.each([
    ['a missing file', () => Promise.resolve(join(tmpdir(), 'no-such-netwright-file.json')), 'no such file'],
    ['a folder', () => Promise.resolve(tmpdir()), 'folder'],
    ['a binary file', async () => tempFile('x.json', new Uint8Array([0, 1, 2, 3, 0, 255])), 'binary file'],
    ['truncated JSON', async () => tempFile('x.json', JSON.stringify(LENET).slice(0, 100)), 'not valid JSON'],
    [
      'a schema violation',
      async () => tempFile('x.json', JSON.stringify({ ...LENET, nodes: [{ id: 3 }] })),
      'nodes[0].id',
    ],
  ])('exits 2 with one line for %s', async (_, makePath, fragment) => {
    const { status, err, out } = await cli('check', await makePath());
    expect(status).toBe(2);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain(fragment);
    expect(err).not.toMatch(/\n\s+at /);
  });
});

describe('usage', () => {
  it('exits 2 on an unknown command or missing arguments', async () => {
    expect((await cli('frobnicate')).status).toBe(2);
    expect((await cli('summary')).status).toBe(2);
    expect((await cli('summary', 'a.json', '--bogus')).status).toBe(2);
    expect((await cli()).status).toBe(2);
    expect((await cli('--help')).status).toBe(0);
  });
});
