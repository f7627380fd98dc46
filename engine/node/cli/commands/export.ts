import { parseArgs } from 'node:util';
import { elementCount, formatCount, formatDiagnostics, MAX_OPSET, MIN_OPSET } from '../../../core/index.ts';
import { loadDesign } from '../../files/load-design.ts';
import { exportOnnx } from '../../onnx/export-onnx.ts';
import { EXIT_GRAPH_ERRORS, EXIT_OK, UserError } from '../cli-error.ts';
import type { Command } from '../command.ts';
import { parseWholeNumber } from '../numbers.ts';

/** File-system failures become one clear line; anything else is a bug and stays an error. */
function writeFailure(path: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code !== 'string') return error;
  const reason =
    code === 'ENOENT'
      ? 'its folder does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'ENOSPC'
            ? 'the disk is full'
            : (error as Error).message;
  return new UserError(`cannot write ${path}: ${reason}`);
}

export const exportCommand: Command = {
  name: 'export',
  usage: 'netwright export FILE -o OUT.onnx [--seed N] [--opset N]',
  summary: "lowers to ONNX; the graph's own weights where it has them, else a seeded initialisation like PyTorch's",
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { output: { type: 'string', short: 'o' }, seed: { type: 'string' }, opset: { type: 'string' } },
      allowPositionals: true,
    });
    const [file, ...extra] = positionals;
    const output = values.output;
    if (!file || !output || extra.length > 0) throw new UserError(`usage: ${exportCommand.usage}`);
    const seed = parseWholeNumber('seed', values.seed, 0) ?? 0;
    const opset = parseWholeNumber('opset', values.opset, MIN_OPSET, MAX_OPSET);
    const design = await loadDesign(file);
    let result;
    try {
      result = await exportOnnx(design, { seed, ...(opset === undefined ? {} : { opset }) }, output);
    } catch (error) {
      throw writeFailure(output, error);
    }
    if (!result.ok) {
      io.err(formatDiagnostics(result.diagnostics));
      io.err(`${file}: nothing written; fix the errors above first`);
      return EXIT_GRAPH_ERRORS;
    }
    const { lowered, written } = result;
    const count = (origin: string) =>
      lowered.initializers.filter((i) => i.origin === origin).reduce((sum, i) => sum + elementCount(i.dims), 0);
    const seeded = count('seed');
    const fromDesign = count('design');
    const weights = [
      fromDesign > 0 ? `${formatCount(fromDesign)} from the design` : '',
      seeded > 0 ? `${formatCount(seeded)} initialised from seed ${seed}` : '',
    ].filter((part) => part !== '');
    const files = written.externalData
      ? `${written.path} and its weights in ${written.externalData.path}`
      : written.path;
    const size = written.byteLength + (written.externalData?.byteLength ?? 0);
    io.out(
      `Exported ${file} to ${files}: ${formatCount(size)} bytes, ONNX opset ${lowered.opset}` +
        (weights.length > 0 ? `; weights: ${weights.join(', ')}` : ''),
    );
    for (const initializer of lowered.initializers) {
      if (initializer.rejectedDims)
        io.out(
          `  ${initializer.name}: the design's tensor is [${initializer.rejectedDims.join(', ')}] but the node now needs [${initializer.dims.join(', ')}]; initialised from the seed`,
        );
    }
    return EXIT_OK;
  },
};
