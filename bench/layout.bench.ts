/**
 * Auto-layout of the ResNet-152 template (517 nodes) with ELK: at most 500 ms median, a third of
 * the 1.5 s in which the canvas must open, lay out and draw it (DESIGN.md, "Performance targets");
 * imported ONNX graphs arrive without positions and take the same path.
 */
import { layoutGraph, type GraphDocument } from '../engine/core/index.ts';
import { resnet } from '../templates/generate/resnet.ts';
import { median, percentile, timeRuns, type Benchmark } from './harness.ts';

const TARGET_MS = 500;

export const layoutBenchmark: Benchmark = {
  name: 'layout',
  async run() {
    // The generator's output before layout: no positions, as an imported graph arrives.
    const document: GraphDocument = resnet(152);
    const times = await timeRuns(() => layoutGraph(document), 15, 5);
    return [
      {
        name: `auto-layout, ResNet-152 (${document.nodes.length} nodes, ${document.edges.length} edges)`,
        measured: `median ${median(times).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms`,
        ratio: median(times) / TARGET_MS,
        target: `${TARGET_MS} ms`,
      },
    ];
  },
};
