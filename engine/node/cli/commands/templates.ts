import { parseArgs } from 'node:util';
import { formatCount, formatMacs } from '../../../core/index.ts';
import { listTemplates, type TemplateInfo } from '../../files/templates.ts';
import { EXIT_GRAPH_ERRORS, EXIT_OK } from '../cli-error.ts';
import type { Command } from '../command.ts';

function formatTable(templates: readonly TemplateInfo[]): string {
  const header = ['Template', 'Name', 'Input', 'Trainable params', 'MACs'];
  const rows = templates.map((t) => [
    t.id,
    t.valid ? t.name : `${t.name} (has errors: run netwright check)`,
    `[${t.inputShape.join(', ')}]`,
    formatCount(t.trainableParams),
    formatMacs(t.macs),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  // Numbers align right, so their digits line up.
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column >= 3 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('   ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export const templatesCommand: Command = {
  name: 'templates',
  usage: 'netwright templates [--json]',
  summary: 'lists the prebuilt templates with input shape, trainable parameters and MACs',
  async run(args, io) {
    // Strict parsing: a stray argument is a usage error (exit 2) rather than silently ignored.
    const { values } = parseArgs({ args: [...args], options: { json: { type: 'boolean' } } });
    const templates = await listTemplates();
    io.out(values.json ? JSON.stringify(templates, null, 2) : formatTable(templates));
    return templates.every((t) => t.valid) ? EXIT_OK : EXIT_GRAPH_ERRORS;
  },
};
