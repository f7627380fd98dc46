/**
 * The summary of an analysed graph: the `--json` shape of `netwright summary` (DESIGN.md) and the
 * Keras-like text table.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { GraphAnalysis } from './analyze-graph.ts';

export interface SummaryNode {
  readonly id: string;
  readonly type: string;
  /** Null where the node has an error or sits downstream of one. */
  readonly outputShape: readonly number[] | null;
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
  readonly macs: number;
}

export interface GraphSummary {
  readonly name: string;
  readonly valid: boolean;
  readonly diagnostics: readonly Pick<Diagnostic, 'severity' | 'code' | 'nodeId' | 'message'>[];
  readonly nodes: readonly SummaryNode[];
  readonly totals: { readonly trainableParams: number; readonly nonTrainableParams: number; readonly macs: number };
  readonly outputs: Readonly<Record<string, readonly number[]>>;
}

export function summarizeGraph(analysis: GraphAnalysis): GraphSummary {
  const outputs: Record<string, readonly number[]> = {};
  for (const [id, shape] of analysis.outputs) Object.defineProperty(outputs, id, { value: shape, enumerable: true });
  return {
    name: analysis.document.name,
    valid: analysis.valid,
    diagnostics: analysis.diagnostics.map(({ severity, code, nodeId, message }) => ({
      severity,
      code,
      nodeId,
      message,
    })),
    nodes: analysis.order.map((id) => {
      const node = analysis.nodes.get(id);
      return {
        id,
        type: node?.node.type ?? '',
        outputShape: node?.output?.shape ?? null,
        trainableParams: node?.trainableParams ?? 0,
        nonTrainableParams: node?.nonTrainableParams ?? 0,
        macs: node?.macs ?? 0,
      };
    }),
    totals: {
      trainableParams: analysis.totals.trainableParams,
      nonTrainableParams: analysis.totals.nonTrainableParams,
      macs: analysis.totals.macs,
    },
    outputs,
  };
}

/** 61706 → "61,706". */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** 15_470_264_320 → "15.47 G"; small counts stay exact. */
export function formatMacs(value: number): string {
  if (value >= 1e9) return `${(value / 1e9).toFixed(2)} G`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  return formatCount(value);
}

/** A Keras-like layer table: layer (type), output shape, parameters, MACs; then the totals. */
export function formatSummaryTable(summary: GraphSummary): string {
  const header = ['Layer (type)', 'Output shape', 'Param #', 'MACs'];
  const rows = summary.nodes.map((node) => [
    `${node.id} (${node.type})`,
    node.outputShape ? `[${node.outputShape.join(', ')}]` : '—',
    formatCount(node.trainableParams + node.nonTrainableParams),
    formatCount(node.macs),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column >= 2 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('   ')
      .trimEnd();
  const rule = (char: string): string =>
    char.repeat(widths.reduce((sum, width) => sum + width, 0) + 3 * (widths.length - 1));
  const { trainableParams, nonTrainableParams, macs } = summary.totals;
  return [
    `Model: "${summary.name}"`,
    rule('━'),
    line(header),
    rule('━'),
    ...rows.map(line),
    rule('━'),
    `Total params: ${formatCount(trainableParams + nonTrainableParams)}`,
    `Trainable params: ${formatCount(trainableParams)}`,
    `Non-trainable params: ${formatCount(nonTrainableParams)}`,
    `MACs (batch of one): ${formatCount(macs)}${macs >= 1e6 ? ` (${formatMacs(macs)})` : ''}`,
  ].join('\n');
}

/** One line per diagnostic, as the command line prints them. */
export function formatDiagnostics(diagnostics: GraphSummary['diagnostics']): string {
  return diagnostics.map((d) => `${d.severity}[${d.code}] ${d.message}`).join('\n');
}
