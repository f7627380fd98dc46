/**
 * Shape/param/MAC inference of the ResNet-152 template (over 500 nodes): under 2 ms median in
 * process; a one-parameter edit re-checks in under 0.5 ms (DESIGN.md).
 */
import { readFile } from 'node:fs/promises';
import { analyzeGraph, parseGraphText, type GraphDocument, type GraphNode } from '../engine/core/index.ts';
import { median, timeRuns, type Benchmark } from './harness.ts';

async function loadTemplate(id: string): Promise<GraphDocument> {
  const parsed = parseGraphText(await readFile(new URL(`../templates/${id}.json`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`templates/${id}.json: ${parsed.problems[0]?.message ?? 'invalid'}`);
  return parsed.document;
}

function withParam(document: GraphDocument, target: GraphNode, key: string, value: unknown): GraphDocument {
  const edited: GraphNode = { ...target, params: { ...target.params, [key]: value } };
  return { ...document, nodes: document.nodes.map((node) => (node === target ? edited : node)) };
}

export const inferenceBenchmark: Benchmark = {
  name: 'inference',
  async run() {
    const document = await loadTemplate('resnet-152');
    const full = await timeRuns(() => analyzeGraph(document), 200, 50);

    // Edit a convolution deep in the last stage: its own counts and the next conv's change.
    const convs = document.nodes.filter((node) => node.type === 'Conv');
    const target = convs[convs.length - 3] as GraphNode;
    const original = target.params?.['outChannels'];
    const variants = [
      withParam(document, target, 'outChannels', 256),
      withParam(document, target, 'outChannels', original),
    ];
    let previous = analyzeGraph(document);
    let turn = 0;
    const incremental = await timeRuns(
      () => {
        previous = analyzeGraph(variants[turn++ % 2] as GraphDocument, previous);
      },
      400,
      50,
    );

    return [
      {
        name: `full inference, ResNet-152 (${document.nodes.length} nodes)`,
        measured: `median ${median(full).toFixed(3)} ms`,
        ratio: median(full) / 2,
        target: '2 ms',
      },
      {
        name: 'one-parameter incremental re-check',
        measured: `median ${median(incremental).toFixed(3)} ms`,
        ratio: median(incremental) / 0.5,
        target: '0.5 ms',
      },
    ];
  },
};
