import { formatDiagnostics, summarizeGraph } from '../../../core/index.ts';
import { analyzeDesign, loadDesign } from '../../files/load-design.ts';
import { EXIT_GRAPH_ERRORS, EXIT_OK, UserError } from '../cli-error.ts';
import type { Command } from '../command.ts';

export const checkCommand: Command = {
  name: 'check',
  usage: 'netwright check FILE',
  summary: 'diagnostics only; exits 1 on any error',
  async run(args, io) {
    const [file, ...extra] = args;
    if (!file || extra.length > 0 || file.startsWith('-')) throw new UserError(`usage: ${checkCommand.usage}`);
    const summary = summarizeGraph(analyzeDesign(await loadDesign(file)));
    if (summary.diagnostics.length > 0) io.out(formatDiagnostics(summary.diagnostics));
    const errors = summary.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = summary.diagnostics.length - errors;
    io.out(`${file}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
    return summary.valid ? EXIT_OK : EXIT_GRAPH_ERRORS;
  },
};
