import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../cli/cli-error.ts';
import { listTemplates, readTemplate } from './templates.ts';

async function folderWith(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'netwright-templates-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(folder, name), text);
  return folder;
}

const TINY = JSON.stringify({
  format: 'netwright-graph',
  version: 1,
  name: 'Tiny',
  description: 'one dense layer',
  citation: 'nobody, 2026',
  nodes: [
    { id: 'input', type: 'Input', params: { shape: [4] } },
    { id: 'fc', type: 'Dense', params: { outFeatures: 2 } },
    { id: 'output', type: 'Output' },
  ],
  edges: [
    { source: 'input', target: 'fc' },
    { source: 'fc', target: 'output' },
  ],
});

describe('listTemplates', () => {
  it("lists the repository's templates in natural order with their input shapes and totals", async () => {
    const templates = await listTemplates();
    expect(templates.map((t) => t.id)).toEqual([
      'alexnet',
      'ecg-1d-cnn',
      'lenet-5',
      'mnist-cnn',
      'mnist-mlp',
      'resnet-18',
      'resnet-34',
      'resnet-50',
      'resnet-101',
      'resnet-152',
      'vgg-11',
      'vgg-16',
    ]);
    const resnet50 = templates.find((t) => t.id === 'resnet-50');
    expect(resnet50).toMatchObject({
      name: 'ResNet-50',
      inputShape: [3, 224, 224],
      trainableParams: 25_557_032,
      nonTrainableParams: 53_120,
      nodeCount: 177,
      valid: true,
    });
    expect(resnet50?.citation).toContain('Deep residual learning');
    expect(templates.every((t) => t.valid && t.description.length > 0)).toBe(true);
  });

  it('reads a folder it is given, and flags a template with errors instead of hiding it', async () => {
    const broken = TINY.replace('"outFeatures":2', '"outFeatures":0');
    const folder = await folderWith({ 'tiny.json': TINY, 'broken.json': broken, 'notes.txt': 'not a template' });
    const templates = await listTemplates(folder);
    expect(templates.map((t) => [t.id, t.valid, t.trainableParams])).toEqual([
      ['broken', false, 0],
      ['tiny', true, 10],
    ]);
  });

  it('names the file when a template is not a graph document', async () => {
    const folder = await folderWith({ 'bad.json': '{"format": "netwright-graph", "version": 1' });
    await expect(listTemplates(folder)).rejects.toThrow(/bad\.json is not a valid graph document: not valid JSON/);
  });

  it('says which folder it cannot read', async () => {
    await expect(listTemplates('/nonexistent-netwright-templates')).rejects.toThrow(
      /cannot read the templates folder \/nonexistent-netwright-templates/,
    );
  });
});

describe('readTemplate', () => {
  it('reads a template by id', async () => {
    const document = await readTemplate('lenet-5');
    expect(document.name).toBe('LeNet-5');
    expect(document.nodes.every((node) => node.position !== undefined)).toBe(true);
  });

  it('refuses unknown ids and paths, listing the templates there are', async () => {
    const folder = await folderWith({ 'tiny.json': TINY });
    for (const id of ['resnet-51', '../package', 'tiny.json', '/etc/passwd']) {
      const attempt = readTemplate(id, folder);
      await expect(attempt).rejects.toBeInstanceOf(UserError);
      await expect(attempt).rejects.toThrow(`there is no template "${id}"; the templates are tiny`);
    }
  });
});
