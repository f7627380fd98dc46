import { parseArgs } from 'node:util';
import { formatDiagnostics, formatSummaryTable, summarizeGraph } from '../../../core/index.ts';
import { analyzeDesign, loadDesign } from '../../files/load-design.ts';
import { EXIT_GRAPH_ERRORS, EXIT_OK, UserError } from '../cli-error.ts';
import type { Command } from '../command.ts';

export const summaryCommand: Command = {
  name: 'summary',
  usage: 'netwright summary FILE [--json]',
  summary: 'layer table: output shape, parameters and MACs per node, with totals',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { json: { type: 'boolean' } },
      allowPositionals: true,
    });
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UserError(`usage: ${summaryCommand.usage}`);
    const summary = summarizeGraph(analyzeDesign(await loadDesign(file)));
    if (values.json) io.out(JSON.stringify(summary, null, 2));
    else {
      io.out(formatSummaryTable(summary));
      if (summary.diagnostics.length > 0) io.err(formatDiagnostics(summary.diagnostics));
    }
    return summary.valid ? EXIT_OK : EXIT_GRAPH_ERRORS;
  },
};
