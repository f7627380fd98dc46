/**
 * Real models written by others, imported, exported again and run through onnxruntime: the
 * re-exported model must reproduce each model's reference outputs, and what the design cannot
 * express must be refused cleanly. The fixtures always run; the sweeps over ../shared run where
 * that folder exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { exportOnnxBytes } from '../../node/onnx/export-onnx.ts';
import {
  decodeReferenceTensor,
  graphInputNames,
  inputsToInitializers,
  maxToleranceExcess,
  type ReferenceTensor,
} from './fixtures/reference-data.ts';
import { importOnnx, type ImportResult } from './import-onnx.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
/** ../shared beside the project; NETWRIGHT_SHARED points elsewhere (or nowhere, to check the skips). */
const SHARED = process.env['NETWRIGHT_SHARED'] ?? fileURLToPath(new URL('../../../../shared', import.meta.url));

interface TestCase {
  readonly dir: string;
  readonly model: Uint8Array;
  /** One entry per test_data_set_N: inputs and outputs in graph order. */
  readonly sets: readonly { readonly inputs: ReferenceTensor[]; readonly outputs: ReferenceTensor[] }[];
}

function readCase(dir: string): TestCase {
  const sets = readdirSync(dir)
    .filter((name) => name.startsWith('test_data_set_'))
    .sort()
    .map((set) => {
      const files = readdirSync(join(dir, set));
      const read = (prefix: string) =>
        files
          .filter((file) => file.startsWith(prefix))
          .map((_, k) => decodeReferenceTensor(readFileSync(join(dir, set, `${prefix}${k}.pb`))));
      return { inputs: read('input_'), outputs: read('output_') };
    });
  return { dir, model: readFileSync(join(dir, 'model.onnx')), sets };
}

/**
 * Imports a test's model as it is; if that is refused and the test feeds more than one input, the
 * inputs after the first become initializers (weights fed as graph inputs, as the backend tests do).
 */
function importCase(test: TestCase): { result: ImportResult; model: Uint8Array } {
  const direct = importOnnx(test.model);
  const inputs = test.sets[0]?.inputs ?? [];
  if (direct.ok || inputs.length < 2) return { result: direct, model: test.model };
  const model = inputsToInitializers(test.model, inputs, 1);
  const converted = importOnnx(model);
  return converted.ok || direct.message.includes('graph input')
    ? { result: converted, model }
    : { result: direct, model: test.model };
}

/** Exports the imported design and checks every reference set through onnxruntime. */
async function reproduce(test: TestCase, atol = 1e-5, rtol = 1e-3): Promise<void> {
  const { result, model } = importCase(test);
  if (!result.ok) throw new Error(`${test.dir}: ${result.message}`);
  const exported = exportOnnxBytes({ document: result.document, weights: result.weights }, {});
  if (!exported.ok) throw new Error(`${test.dir}: export failed: ${exported.diagnostics[0]?.message ?? ''}`);
  // Warnings only: ONNX shape inference and the kernels disagree on some ceil-mode pool sizes.
  const session = await ort.InferenceSession.create(exported.bytes, { logSeverityLevel: 3 });
  const names = graphInputNames(model);
  for (const set of test.sets) {
    const feeds: Record<string, ort.Tensor> = {};
    names.forEach((name, k) => {
      const input = set.inputs[k];
      if (input && input.data instanceof Float32Array)
        feeds[name] = new ort.Tensor('float32', input.data, [...input.dims]);
    });
    const outputs = await session.run(feeds);
    set.outputs.forEach((expected, k) => {
      const name = session.outputNames[k] ?? '';
      const actual = outputs[name];
      expect(actual?.dims, `${test.dir} output ${name}`).toEqual(expected.dims);
      const excess = maxToleranceExcess(actual?.data as Float32Array, expected.data as Float32Array, rtol);
      expect(excess, `${test.dir} output ${name}`).toBeLessThanOrEqual(atol);
    });
  }
}

function expectRefused(result: ImportResult): Extract<ImportResult, { ok: false }> {
  if (result.ok) throw new Error('expected the import to be refused');
  expect(result.message).not.toContain('\n');
  expect(result.message).not.toContain('internal error');
  return result;
}

describe('real models (fixtures, always)', () => {
  it('mnist-8 (CNTK: Conv + Add bias, Reshape of a weight, MatMul + Add) reproduces its outputs', async () => {
    await reproduce(readCase(join(FIXTURES, 'mnist-8')), 1e-3);
  });

  it('opt-mnist (Conv with bias, Gemm) reproduces its outputs', async () => {
    await reproduce(readCase(join(FIXTURES, 'opt-mnist')), 1e-3);
  });

  it('super-resolution-10 is refused, naming its Reshape and Transpose', () => {
    const result = expectRefused(importOnnx(readFileSync(join(FIXTURES, 'super-resolution-10', 'model.onnx'))));
    expect(result.unsupported.map((entry) => entry.opType).sort()).toEqual(['Reshape', 'Transpose']);
  });
});

const modelsRoot = join(SHARED, 'models');
describe('../shared/models sweep', () => {
  if (!existsSync(modelsRoot)) {
    it.skip(`skipped: ${modelsRoot} is absent on this machine`, () => undefined);
    return;
  }

  it('mnist-8 and opt-mnist reproduce all their reference sets', async () => {
    await reproduce(readCase(join(modelsRoot, 'mnist-8')), 1e-3);
    await reproduce(readCase(join(modelsRoot, 'opt-mnist')), 1e-3);
  });

  it('every truncation of mnist-8-layerwise reproduces its activation, except the one that outputs a constant', async () => {
    const root = join(modelsRoot, 'mnist-8-layerwise');
    for (const name of readdirSync(root).sort()) {
      const test = readCase(join(root, name));
      if (name === '0_Parameter193_reshape1')
        expect(expectRefused(importOnnx(test.model)).message).toContain('is a constant');
      else await reproduce(test, 1e-3);
    }
  });

  it('super-resolution-10 is refused; onnx2c’s conv imports once its weight input becomes an initializer', async () => {
    expectRefused(importOnnx(readFileSync(join(modelsRoot, 'super-resolution-10', 'model.onnx'))));
    const conv = readCase(join(modelsRoot, 'onnx2c-conv-28ch-3x3'));
    expect(expectRefused(importOnnx(conv.model)).message).toContain('weights fed as a graph input');
    await reproduce(conv);
  });
});

/**
 * Which conformance tests import (and must reproduce their outputs) and which are refused, with
 * the reason the design cannot express them.
 */
const REFUSAL_REASONS = {
  integer: /holds (INT|UINT)\d+ values/,
  rank: /has rank [01];/,
  ops: /no design equivalent/,
  dilation: /has no dilation/,
  'pool-padding': /padding must be at most half the kernel/,
  'same-lower': /SAME_LOWER/,
  training: /training mode/,
  batch: /batch axis|batch into|mixes the batch/,
  'extra-output': /is not produced by the design/,
  broadcast: /broadcasting Add/,
  'flatten-axis': /keeps several axes apart/,
  'per-sample-bias': /differs per sample/,
  'matmul-rank': /needs a flat/,
  reshape: /only a Reshape that flattens/,
} as const;

type Outcome = 'imports' | keyof typeof REFUSAL_REASONS;

const CONFORMANCE: Readonly<Record<'onnx-node' | 'pytorch-converted', Readonly<Record<string, Outcome>>>> = {
  'onnx-node': {
    test_add: 'imports',
    test_add_bcast: 'broadcast',
    test_add_int16: 'integer',
    test_add_int8: 'integer',
    test_add_uint16: 'integer',
    test_add_uint32: 'integer',
    test_add_uint64: 'integer',
    test_add_uint8: 'integer',
    test_averagepool_1d_default: 'imports',
    test_averagepool_2d_ceil: 'imports',
    test_averagepool_2d_ceil_last_window_starts_on_pad: 'imports',
    test_averagepool_2d_default: 'imports',
    test_averagepool_2d_dilations: 'dilation',
    test_averagepool_2d_pads: 'pool-padding',
    test_averagepool_2d_pads_count_include_pad: 'pool-padding',
    test_averagepool_2d_precomputed_pads: 'imports',
    test_averagepool_2d_precomputed_pads_count_include_pad: 'imports',
    test_averagepool_2d_precomputed_same_upper: 'imports',
    test_averagepool_2d_precomputed_strides: 'imports',
    test_averagepool_2d_same_lower: 'same-lower',
    test_averagepool_2d_same_upper: 'imports',
    test_averagepool_2d_strides: 'imports',
    test_averagepool_3d_default: 'imports',
    test_averagepool_3d_dilations_large_count_include_pad_is_0_ceil_mode_is_False: 'dilation',
    test_averagepool_3d_dilations_large_count_include_pad_is_0_ceil_mode_is_True: 'dilation',
    test_averagepool_3d_dilations_large_count_include_pad_is_1_ceil_mode_is_False: 'dilation',
    test_averagepool_3d_dilations_large_count_include_pad_is_1_ceil_mode_is_True: 'dilation',
    test_averagepool_3d_dilations_small: 'dilation',
    test_basic_conv_with_padding: 'imports',
    test_basic_conv_without_padding: 'imports',
    test_batchnorm_epsilon: 'imports',
    test_batchnorm_epsilon_training_mode: 'training',
    test_batchnorm_example: 'imports',
    test_batchnorm_example_training_mode: 'training',
    test_concat_1d_axis_0: 'rank',
    test_concat_1d_axis_negative_1: 'rank',
    test_concat_2d_axis_0: 'batch',
    test_concat_2d_axis_1: 'imports',
    test_concat_2d_axis_negative_1: 'imports',
    test_concat_2d_axis_negative_2: 'batch',
    test_concat_3d_axis_0: 'batch',
    test_concat_3d_axis_1: 'imports',
    test_concat_3d_axis_2: 'imports',
    test_concat_3d_axis_negative_1: 'imports',
    test_concat_3d_axis_negative_2: 'imports',
    test_concat_3d_axis_negative_3: 'batch',
    test_conv_with_autopad_same: 'imports',
    test_conv_with_strides_and_asymmetric_padding: 'imports',
    test_conv_with_strides_no_padding: 'imports',
    test_conv_with_strides_padding: 'imports',
    test_dropout_default: 'imports',
    test_dropout_default_mask: 'extra-output',
    test_dropout_default_mask_ratio: 'extra-output',
    test_dropout_default_old: 'rank',
    test_dropout_default_ratio: 'imports',
    test_dropout_random_old: 'imports',
    test_flatten_axis0: 'batch',
    test_flatten_axis1: 'imports',
    test_flatten_axis2: 'flatten-axis',
    test_flatten_axis3: 'flatten-axis',
    test_flatten_default_axis: 'imports',
    test_flatten_negative_axis1: 'flatten-axis',
    test_flatten_negative_axis2: 'flatten-axis',
    test_flatten_negative_axis3: 'imports',
    test_flatten_negative_axis4: 'batch',
    test_gemm_all_attributes: 'batch',
    test_gemm_alpha: 'imports',
    test_gemm_beta: 'imports',
    test_gemm_default_matrix_bias: 'per-sample-bias',
    test_gemm_default_no_bias: 'imports',
    test_gemm_default_scalar_bias: 'imports',
    test_gemm_default_single_elem_vector_bias: 'imports',
    test_gemm_default_vector_bias: 'imports',
    test_gemm_default_zero_bias: 'imports',
    test_gemm_transposeA: 'batch',
    test_gemm_transposeB: 'imports',
    test_globalaveragepool: 'imports',
    test_globalaveragepool_precomputed: 'imports',
    test_globalmaxpool: 'imports',
    test_globalmaxpool_precomputed: 'imports',
    test_leakyrelu: 'imports',
    test_leakyrelu_default: 'imports',
    test_leakyrelu_default_expanded: 'ops',
    test_leakyrelu_example: 'rank',
    test_leakyrelu_example_expanded: 'rank',
    test_leakyrelu_expanded: 'ops',
    test_logsoftmax_axis_0: 'batch',
    test_logsoftmax_axis_0_expanded: 'ops',
    test_logsoftmax_axis_0_expanded_ver18: 'ops',
    test_logsoftmax_axis_1: 'imports',
    test_logsoftmax_axis_1_expanded: 'ops',
    test_logsoftmax_axis_1_expanded_ver18: 'ops',
    test_logsoftmax_axis_2: 'imports',
    test_logsoftmax_axis_2_expanded: 'ops',
    test_logsoftmax_axis_2_expanded_ver18: 'ops',
    test_logsoftmax_default_axis: 'imports',
    test_logsoftmax_default_axis_expanded: 'ops',
    test_logsoftmax_default_axis_expanded_ver18: 'ops',
    test_logsoftmax_example_1: 'imports',
    test_logsoftmax_example_1_expanded: 'ops',
    test_logsoftmax_example_1_expanded_ver18: 'ops',
    test_logsoftmax_large_number: 'imports',
    test_logsoftmax_large_number_expanded: 'ops',
    test_logsoftmax_large_number_expanded_ver18: 'ops',
    test_logsoftmax_negative_axis: 'imports',
    test_logsoftmax_negative_axis_expanded: 'ops',
    test_logsoftmax_negative_axis_expanded_ver18: 'ops',
    test_lppool_1d_default: 'imports',
    test_lppool_2d_default: 'imports',
    test_lppool_2d_dilations: 'dilation',
    test_lppool_2d_pads: 'pool-padding',
    test_lppool_2d_same_lower: 'same-lower',
    test_lppool_2d_same_upper: 'imports',
    test_lppool_2d_strides: 'imports',
    test_lppool_3d_default: 'imports',
    test_matmul_1d_1d: 'rank',
    test_matmul_1d_3d: 'rank',
    test_matmul_2d: 'imports',
    test_matmul_3d: 'matmul-rank',
    test_matmul_4d: 'matmul-rank',
    test_matmul_4d_1d: 'matmul-rank',
    test_matmul_bcast: 'matmul-rank',
    test_maxpool_1d_default: 'imports',
    test_maxpool_2d_ceil: 'imports',
    test_maxpool_2d_ceil_output_size_reduce_by_one: 'imports',
    test_maxpool_2d_default: 'imports',
    test_maxpool_2d_dilations: 'imports',
    test_maxpool_2d_pads: 'pool-padding',
    test_maxpool_2d_precomputed_pads: 'imports',
    test_maxpool_2d_precomputed_same_upper: 'imports',
    test_maxpool_2d_precomputed_strides: 'imports',
    test_maxpool_2d_same_lower: 'same-lower',
    test_maxpool_2d_same_upper: 'imports',
    test_maxpool_2d_strides: 'imports',
    test_maxpool_2d_uint8: 'integer',
    test_maxpool_3d_default: 'imports',
    test_maxpool_3d_dilations: 'imports',
    test_maxpool_3d_dilations_use_ref_impl: 'imports',
    test_maxpool_3d_dilations_use_ref_impl_large: 'imports',
    test_maxpool_with_argmax_2d_precomputed_pads: 'extra-output',
    test_maxpool_with_argmax_2d_precomputed_strides: 'extra-output',
    test_relu: 'imports',
    test_relu_expanded_ver18: 'ops',
    test_reshape_allowzero_reordered: 'reshape',
    test_reshape_extended_dims: 'reshape',
    test_reshape_negative_dim: 'reshape',
    test_reshape_negative_extended_dims: 'batch',
    test_reshape_one_dim: 'reshape',
    test_reshape_reduced_dims: 'imports',
    test_reshape_reordered_all_dims: 'reshape',
    test_reshape_reordered_last_dims: 'reshape',
    test_reshape_zero_and_negative_dim: 'reshape',
    test_reshape_zero_dim: 'reshape',
    test_sigmoid: 'imports',
    test_sigmoid_example: 'rank',
    test_softmax_axis_0: 'batch',
    test_softmax_axis_0_expanded: 'ops',
    test_softmax_axis_0_expanded_ver18: 'ops',
    test_softmax_axis_1: 'imports',
    test_softmax_axis_1_expanded: 'ops',
    test_softmax_axis_1_expanded_ver18: 'ops',
    test_softmax_axis_2: 'imports',
    test_softmax_axis_2_expanded: 'ops',
    test_softmax_axis_2_expanded_ver18: 'ops',
    test_softmax_default_axis: 'imports',
    test_softmax_default_axis_expanded: 'ops',
    test_softmax_default_axis_expanded_ver18: 'ops',
    test_softmax_example: 'imports',
    test_softmax_example_expanded: 'ops',
    test_softmax_example_expanded_ver18: 'ops',
    test_softmax_large_number: 'imports',
    test_softmax_large_number_expanded: 'ops',
    test_softmax_large_number_expanded_ver18: 'ops',
    test_softmax_negative_axis: 'imports',
    test_softmax_negative_axis_expanded: 'ops',
    test_softmax_negative_axis_expanded_ver18: 'ops',
    test_tanh: 'imports',
    test_tanh_example: 'rank',
  },
  'pytorch-converted': {
    test_AvgPool1d: 'imports',
    test_AvgPool1d_stride: 'imports',
    test_AvgPool2d: 'imports',
    test_AvgPool2d_stride: 'imports',
    test_BatchNorm1d_3d_input_eval: 'imports',
    test_BatchNorm2d_eval: 'imports',
    test_BatchNorm2d_momentum_eval: 'imports',
    test_Conv1d: 'imports',
    test_Conv1d_dilated: 'imports',
    test_Conv1d_groups: 'imports',
    test_Conv1d_pad1: 'imports',
    test_Conv1d_pad1size1: 'imports',
    test_Conv1d_pad2: 'imports',
    test_Conv1d_pad2size1: 'imports',
    test_Conv1d_stride: 'imports',
    test_Conv2d: 'imports',
    test_Conv2d_depthwise: 'imports',
    test_Conv2d_depthwise_padded: 'imports',
    test_Conv2d_depthwise_strided: 'imports',
    test_Conv2d_depthwise_with_multiplier: 'imports',
    test_Conv2d_dilated: 'imports',
    test_Conv2d_groups: 'imports',
    test_Conv2d_groups_thnn: 'imports',
    test_Conv2d_no_bias: 'imports',
    test_Conv2d_padding: 'imports',
    test_Conv2d_strided: 'imports',
    test_LeakyReLU: 'imports',
    test_LeakyReLU_with_negval: 'imports',
    test_Linear: 'imports',
    test_Linear_no_bias: 'imports',
    test_LogSoftmax: 'imports',
    test_MaxPool1d: 'imports',
    test_MaxPool1d_stride: 'imports',
    test_MaxPool1d_stride_padding_dilation: 'imports',
    test_MaxPool2d: 'imports',
    test_MaxPool2d_stride_padding_dilation: 'imports',
    test_ReLU: 'imports',
    test_Sigmoid: 'imports',
    test_Softmax: 'imports',
    test_Tanh: 'imports',
    test_log_softmax_dim3: 'imports',
    test_log_softmax_lastdim: 'imports',
    test_softmax_functional_dim3: 'imports',
    test_softmax_lastdim: 'imports',
  },
};

for (const [folder, table] of Object.entries(CONFORMANCE)) {
  const root = join(SHARED, 'conformance', folder);
  if (!existsSync(root)) {
    describe(`conformance/${folder}`, () => {
      it.skip(`skipped: ${root} is absent on this machine`, () => undefined);
    });
    continue;
  }
  describe(`conformance/${folder}`, () => {
    it('has a table entry for every test folder', () => {
      const folders = readdirSync(root).filter((name) => existsSync(join(root, name, 'model.onnx')));
      expect(folders.filter((name) => !Object.hasOwn(table, name))).toEqual([]);
    });

    const entries = Object.entries(table);
    it.each(entries.filter(([, outcome]) => outcome === 'imports').map(([name]) => name))(
      '%s imports, re-exports and reproduces its outputs',
      async (name) => {
        await reproduce(readCase(join(root, name)));
      },
    );

    it.each(entries.filter(([, outcome]) => outcome !== 'imports'))('%s is refused (%s)', (name, outcome) => {
      const { result } = importCase(readCase(join(root, name)));
      expect(expectRefused(result).message).toMatch(REFUSAL_REASONS[outcome as keyof typeof REFUSAL_REASONS]);
    });
  });
}
