import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import * as ort from 'onnxruntime-node';
import { Designer, serverRoot } from './designer.ts';

test('an exported design runs in onnxruntime', async ({ page }, testInfo) => {
  const designer = await Designer.open(page, testInfo);
  await designer.openTemplate('LeNet-5');
  await designer.chooseFile('Export ONNX', 'Export', { type: 'lenet-5' });
  await expect(page.getByText(/Exported lenet-5\.onnx/)).toBeVisible();
  // Done: the status bar's progress and its Cancel button have gone.
  await expect(page.getByRole('button', { name: 'Cancel export' })).toHaveCount(0);
  await designer.screenshot('exported');

  const path = join(serverRoot(), 'lenet-5.onnx');
  expect((await stat(path)).size).toBeGreaterThan(61_706 * 4);
  const session = await ort.InferenceSession.create(path);
  try {
    const [inputName] = session.inputNames;
    const [outputName] = session.outputNames;
    const pixels = Float32Array.from({ length: 32 * 32 }, (_, i) => Math.sin(i));
    const result = await session.run({ [inputName ?? '']: new ort.Tensor('float32', pixels, [1, 1, 32, 32]) });
    const logits = result[outputName ?? ''];
    expect(logits?.dims).toEqual([1, 10]);
    expect([...(logits?.data as Float32Array)].every(Number.isFinite)).toBe(true);
  } finally {
    await session.release();
  }
});
