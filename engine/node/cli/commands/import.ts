import { parseArgs } from 'node:util';
import { analyzeGraph, formatCount } from '../../../core/index.ts';
import { writeDesign } from '../../files/design-files.ts';
import { importModelFile } from '../../files/load-design.ts';
import { readUserFile } from '../../files/read-design.ts';
import { EXIT_OK, UserError } from '../cli-error.ts';
import type { Command } from '../command.ts';

export const importCommand: Command = {
  name: 'import',
  usage: 'netwright import MODEL.onnx -o GRAPH.json',
  summary:
    'ONNX to an editable graph plus its weights (GRAPH.safetensors beside it); nothing is written when an op cannot map',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { output: { type: 'string', short: 'o' } },
      allowPositionals: true,
    });
    const [model, ...extra] = positionals;
    const output = values.output;
    if (!model || !output || extra.length > 0) throw new UserError(`usage: ${importCommand.usage}`);
    if (!output.toLowerCase().endsWith('.json'))
      throw new UserError(`the output ${output} must be a graph document ending in .json`);
    const bytes = await readUserFile(model);
    const design = await importModelFile(model, bytes).catch((error: unknown) => {
      throw error instanceof UserError ? new UserError(`${error.message} (nothing was written)`) : error;
    });
    const written = await writeDesign(output, design.document, design.weights);
    const { totals } = analyzeGraph(written.document);
    const files = written.weightsPath ? `${written.graphPath} and ${written.weightsPath}` : written.graphPath;
    io.out(
      `Imported ${model}: ${written.document.nodes.length} nodes, ${formatCount(totals.trainableParams)} trainable parameters; wrote ${files}`,
    );
    for (const note of design.importNotes ?? []) io.out(`  note: ${note}`);
    return EXIT_OK;
  },
};
