import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatDiagnostics } from '../../../core/index.ts';
import { loadDesign } from '../../files/load-design.ts';
import { DesignHasErrors, InferenceEngine } from '../../runtime/inference-engine.ts';
import type { InferenceResult, ModelSource, NamedInputs } from '../../runtime/inference-protocol.ts';
import type { InputSource } from '../../runtime/input-tensors.ts';
import { isProviderName, PROVIDERS } from '../../runtime/providers.ts';
import { EXIT_GRAPH_ERRORS, EXIT_OK, UserError } from '../cli-error.ts';
import type { Command } from '../command.ts';
import { parseNumberList, parseWholeNumber } from '../numbers.ts';

const TENSOR_FILE = /\.(npy|bin)$/i;

interface SourceOptions {
  readonly seed: number;
  readonly mean: number[] | undefined;
  readonly std: number[] | undefined;
}

/** "random", an image, or a tensor file (.npy, or .bin of raw float32). */
function sourceOf(text: string, options: SourceOptions): InputSource {
  if (text === 'random') return { kind: 'random', seed: options.seed };
  if (TENSOR_FILE.test(text)) return { kind: 'file', path: text };
  return {
    kind: 'image',
    path: text,
    ...(options.mean ? { mean: options.mean } : {}),
    ...(options.std ? { std: options.std } : {}),
  };
}

/** One --input for every model input, or NAME=SOURCE per input (the rest random). */
function inputsOf(values: readonly string[], options: SourceOptions): InputSource | NamedInputs {
  const random: InputSource = { kind: 'random', seed: options.seed };
  if (values.length === 0) return random;
  const byName: Record<string, InputSource> = {};
  for (const value of values) {
    const split = value.indexOf('=');
    if (value === 'random' || existsSync(value) || split <= 0) {
      if (values.length > 1)
        throw new UserError(`with several --input options, write each as NAME=SOURCE (got "${value}")`);
      return sourceOf(value, options);
    }
    Object.defineProperty(byName, value.slice(0, split), {
      value: sourceOf(value.slice(split + 1), options),
      enumerable: true,
    });
  }
  return { byName, others: random };
}

function formatMs(ms: number): string {
  return ms >= 10 ? ms.toFixed(1) : ms.toFixed(3);
}

function formatTensorLine(name: string, result: InferenceResult): string[] {
  const tensor = result.outputs[name];
  if (!tensor) return [];
  const lines = [`output "${name}" [${tensor.dims.join(', ')}]`];
  const top = result.topK[name];
  top?.forEach((entries, sample) => {
    const list = entries.map((e) => `${e.index} (${e.value.toPrecision(4)})`).join(', ');
    lines.push(`  ${top.length > 1 ? `sample ${sample} ` : ''}top ${entries.length}: ${list}`);
  });
  if (!top) {
    const preview = Array.from(tensor.data.subarray(0, 8), (v) => v.toPrecision(4)).join(', ');
    lines.push(`  first values: ${preview}${tensor.data.length > 8 ? ', …' : ''}`);
  }
  return lines;
}

export const runCommand: Command = {
  name: 'run',
  usage: `netwright run FILE [--input random|IMAGE|TENSOR] [--ep ${PROVIDERS.join('|')}] [--repeat N] [--json]`,
  summary: 'inference: outputs, top-k, latency (median and p95 over the repeats), the provider that really ran',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: {
        input: { type: 'string', multiple: true },
        ep: { type: 'string' },
        repeat: { type: 'string' },
        json: { type: 'boolean' },
        batch: { type: 'string' },
        seed: { type: 'string' },
        mean: { type: 'string' },
        std: { type: 'string' },
        threads: { type: 'string' },
        top: { type: 'string' },
      },
      allowPositionals: true,
    });
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UserError(`usage: ${runCommand.usage}`);
    const provider = values.ep ?? 'cpu';
    if (!isProviderName(provider))
      throw new UserError(`--ep must be one of ${PROVIDERS.join(', ')}, got "${provider}"`);
    const seed = parseWholeNumber('seed', values.seed, 0) ?? 0;
    const repeat = parseWholeNumber('repeat', values.repeat, 1, 1_000_000) ?? 1;
    const batch = parseWholeNumber('batch', values.batch, 1, 65_536) ?? 1;
    const threads = parseWholeNumber('threads', values.threads, 0, 1024);
    const topK = parseWholeNumber('top', values.top, 1, 1000) ?? 5;
    const inputs = inputsOf(values.input ?? [], {
      seed,
      mean: parseNumberList('mean', values.mean),
      std: parseNumberList('std', values.std),
    });
    const model: ModelSource = file.toLowerCase().endsWith('.onnx')
      ? { kind: 'onnx-file', path: file }
      : { kind: 'design', design: await loadDesign(file), seed };
    const engine = new InferenceEngine();
    let result: InferenceResult;
    try {
      result = await engine.run({
        model,
        inputs,
        provider,
        repeat,
        batch,
        topK,
        ...(threads === undefined ? {} : { threads }),
      });
    } catch (error) {
      if (!(error instanceof DesignHasErrors)) throw error;
      io.err(formatDiagnostics(error.diagnostics));
      io.err(`${file}: not run; fix the errors above first`);
      return EXIT_GRAPH_ERRORS;
    } finally {
      await engine.close();
    }
    if (result.fallbackReason) io.err(`netwright run: ${result.fallbackReason}; ran on the CPU instead`);
    if (values.json) {
      const outputs: Record<string, { shape: readonly number[]; data: number[] }> = {};
      for (const [name, tensor] of Object.entries(result.outputs))
        Object.defineProperty(outputs, name, {
          value: { shape: tensor.dims, data: Array.from(tensor.data) },
          enumerable: true,
        });
      const report = {
        file,
        provider: result.provider,
        requestedProvider: result.requestedProvider,
        ...(result.fallbackReason ? { fallbackReason: result.fallbackReason } : {}),
        batch,
        latencyMs: { median: result.latency.medianMs, p95: result.latency.p95Ms, runs: result.latency.runs },
        topK: result.topK,
        outputs,
      };
      io.out(JSON.stringify(report, null, 2));
      return EXIT_OK;
    }
    io.out(
      [
        `${file}: ran on ${result.provider}, batch ${batch}`,
        ...Object.keys(result.outputs).flatMap((name) => formatTensorLine(name, result)),
        `latency: median ${formatMs(result.latency.medianMs)} ms, p95 ${formatMs(result.latency.p95Ms)} ms over ${result.latency.runs} run${result.latency.runs === 1 ? '' : 's'}${repeat > 1 ? ' (after one warm-up run)' : ''}`,
      ].join('\n'),
    );
    return EXIT_OK;
  },
};
