/**
 * The committed templates against the published figures: trainable parameters exactly as
 * torchvision (or the lecture) counts them, MACs within 0.01 G of torchvision's "GFLOPS" column,
 * no diagnostics, a readable layout, and files identical to what the generator writes.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeGraph, parseGraphText, type GraphAnalysis, type GraphDocument } from '../engine/core/index.ts';
import { measureLayout } from '../engine/core/layout/layout-quality.ts';
import { renderTemplates, TEMPLATE_BUILDERS } from './generate/catalogue.ts';

const folder = fileURLToPath(new URL('.', import.meta.url));

interface Expected {
  readonly input: readonly number[];
  readonly trainableParams: number;
  /** torchvision's GFLOPS column (which counts multiply-accumulates); checked to within 0.01 G. */
  readonly publishedGmacs?: number;
  /** Where no figure is published: the exact count, worked out by hand in the comment. */
  readonly macs?: number;
  readonly output: readonly number[];
}

const EXPECTED: Readonly<Record<string, Expected>> = {
  // Conv 6·25+6, conv 16·150+16, dense 400·120+120, 120·84+84, 84·10+10.
  // MACs: 6·28²·25 + 16·10²·150 + 400·120 + 120·84 + 84·10.
  'lenet-5': { input: [1, 32, 32], trainableParams: 61_706, macs: 416_520, output: [10] },
  alexnet: { input: [3, 224, 224], trainableParams: 61_100_840, publishedGmacs: 0.71, output: [1000] },
  'vgg-11': { input: [3, 224, 224], trainableParams: 132_863_336, publishedGmacs: 7.61, output: [1000] },
  'vgg-16': { input: [3, 224, 224], trainableParams: 138_357_544, publishedGmacs: 15.47, output: [1000] },
  'resnet-18': { input: [3, 224, 224], trainableParams: 11_689_512, publishedGmacs: 1.81, output: [1000] },
  'resnet-34': { input: [3, 224, 224], trainableParams: 21_797_672, publishedGmacs: 3.66, output: [1000] },
  'resnet-50': { input: [3, 224, 224], trainableParams: 25_557_032, publishedGmacs: 4.09, output: [1000] },
  'resnet-101': { input: [3, 224, 224], trainableParams: 44_549_160, publishedGmacs: 7.8, output: [1000] },
  'resnet-152': { input: [3, 224, 224], trainableParams: 60_192_808, publishedGmacs: 11.51, output: [1000] },
  // Conv 16·7+16, 32·16·5+32, 64·32·5+64, 64·64·3+64; dense 64·5+5.
  // MACs: 16·1000·7 + 32·500·80 + 64·250·160 + 64·125·192 + 64·5.
  'ecg-1d-cnn': { input: [1, 1000], trainableParams: 25_701, macs: 5_488_320, output: [5] },
  // Dense 784·128+128, 128·10+10. MACs: 784·128 + 128·10.
  'mnist-mlp': { input: [1, 28, 28], trainableParams: 101_770, macs: 101_632, output: [10] },
  // Conv 16·9+16, 32·16·9+32; dense 32·10+10. MACs: 16·28²·9 + 32·14²·144 + 32·10.
  'mnist-cnn': { input: [1, 28, 28], trainableParams: 5_130, macs: 1_016_384, output: [10] },
};

async function readTemplateFile(id: string): Promise<GraphDocument> {
  const parsed = parseGraphText(await readFile(`${folder}${id}.json`, 'utf8'));
  if (!parsed.ok) throw new Error(`${id}.json: ${JSON.stringify(parsed.problems)}`);
  return parsed.document;
}

function withInputShape(document: GraphDocument, shape: readonly number[]): GraphDocument {
  return {
    ...document,
    nodes: document.nodes.map((node) => (node.type === 'Input' ? { ...node, params: { shape } } : node)),
  };
}

function outputShapeOf(analysis: GraphAnalysis, id: string): readonly number[] | undefined {
  return analysis.nodes.get(id)?.output?.shape;
}

describe('templates', () => {
  it('are exactly the ones in the table, and the generator builds each', async () => {
    const files = (await readdir(folder)).filter((name) => name.endsWith('.json')).sort();
    expect(files).toEqual(
      Object.keys(EXPECTED)
        .map((id) => `${id}.json`)
        .sort(),
    );
    expect(Object.keys(TEMPLATE_BUILDERS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('are what the generator writes, byte for byte (run `npx tsx templates/generate/generate.ts`)', async () => {
    for (const [file, text] of await renderTemplates())
      expect(await readFile(`${folder}${file}`, 'utf8'), file).toBe(text);
  });

  describe.each(Object.entries(EXPECTED))('%s', (id, expected) => {
    it('has the published totals and no diagnostics', async () => {
      const analysis = analyzeGraph(await readTemplateFile(id));
      expect(analysis.diagnostics).toEqual([]);
      expect(analysis.valid).toBe(true);
      const input = analysis.document.nodes.find((node) => node.type === 'Input');
      expect(input && outputShapeOf(analysis, input.id)).toEqual(expected.input);
      expect([...analysis.outputs.values()]).toEqual([expected.output]);
      expect(analysis.totals.trainableParams).toBe(expected.trainableParams);
      if (expected.publishedGmacs !== undefined)
        expect(Math.abs(analysis.totals.macs / 1e9 - expected.publishedGmacs)).toBeLessThanOrEqual(0.01);
      if (expected.macs !== undefined) expect(analysis.totals.macs).toBe(expected.macs);
    });

    it('names itself, says what the architecture introduced and cites its source', async () => {
      const document = await readTemplateFile(id);
      expect(document.name.length).toBeGreaterThan(0);
      expect(document.description?.length).toBeGreaterThan(200);
      expect(document.citation).toMatch(/(19|20)\d\d/);
    });

    it('reads top to bottom: every node placed, no overlaps, no crossings, no edge through a node', async () => {
      expect(measureLayout(await readTemplateFile(id))).toEqual({
        unplaced: 0,
        overlaps: 0,
        upwardEdges: 0,
        edgesThroughNodes: 0,
        crossings: 0,
      });
    });
  });

  it('ResNets use torchvision module names and feed each Add its main branch on port 0, its skip on port 1', async () => {
    const document = await readTemplateFile('resnet-50');
    const ids = new Set(document.nodes.map((node) => node.id));
    for (const id of ['conv1', 'bn1', 'layer1.0.downsample.0', 'layer3.4.conv2', 'layer4.2.bn3', 'fc'])
      expect(ids, id).toContain(id);
    const adds = document.nodes.filter((node) => node.type === 'Add');
    expect(adds).toHaveLength(3 + 4 + 6 + 3);
    for (const add of adds) {
      const block = add.id.replace(/\.add$/, '');
      const into = document.edges.filter((edge) => edge.target === add.id);
      expect(into.map((edge) => [edge.targetPort, edge.source]).sort()).toEqual([
        [0, `${block}.bn3`],
        [1, block.endsWith('.0') ? `${block}.downsample.1` : expect.stringMatching(/relu_2$/)],
      ]);
    }
  });

  it('the 1-D CNN uses the same Conv and MaxPool nodes along time', async () => {
    const analysis = analyzeGraph(await readTemplateFile('ecg-1d-cnn'));
    expect(outputShapeOf(analysis, 'conv1')).toEqual([16, 1000]);
    expect(outputShapeOf(analysis, 'pool1')).toEqual([16, 500]);
    expect(outputShapeOf(analysis, 'conv4')).toEqual([64, 125]);
    // Global average pooling makes the parameter count independent of the recording's length.
    const longer = analyzeGraph(withInputShape(analysis.document, [1, 6000]));
    expect(longer.valid).toBe(true);
    expect(longer.totals.trainableParams).toBe(analysis.totals.trainableParams);
  });

  it("a dense layer's parameters grow with the input size and a convolution's do not, as the descriptions say", async () => {
    const mlp = await readTemplateFile('mnist-mlp');
    const cnn = await readTemplateFile('mnist-cnn');
    const mlpLarger = analyzeGraph(withInputShape(mlp, [1, 56, 56]));
    const cnnLarger = analyzeGraph(withInputShape(cnn, [1, 56, 56]));
    expect(mlpLarger.nodes.get('fc1')?.trainableParams).toBe(401_536);
    expect(mlpLarger.totals.trainableParams).toBe(402_826);
    expect(cnnLarger.totals.trainableParams).toBe(5_130);
    expect(cnnLarger.totals.macs).toBeGreaterThan(analyzeGraph(cnn).totals.macs);
    for (const figure of ['100,480', '401,536', '101,770', '402,826'])
      expect(`${mlp.description} ${cnn.description}`).toContain(figure);
    expect(cnn.description).toContain('5,130');
  });
});
