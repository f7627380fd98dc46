/**
 * Seeing inside a network after a run: a node's activations (images for 2-D maps, lines for 1-D
 * signals), a Conv's kernels beside the magnitude of their frequency response.
 */
import { expect, test } from '@playwright/test';
import { Designer } from './designer.ts';
import { RunPanel, runFixture } from './run-panel.ts';

test('a 2-D network shows its feature maps, kernels and their frequency response', async ({ page }, testInfo) => {
  const designer = await Designer.open(page, testInfo);
  await designer.openTemplate('Small CNN (28×28)');
  const run = new RunPanel(page);
  await run.open();
  await run.panel.getByRole('button', { name: 'Sample Square' }).click();
  await run.run();
  await expect(run.panel.getByTestId('top-class')).toHaveCount(5);

  await designer.select('conv1');
  const inside = run.panel.getByTestId('run-inside');
  await expect(inside.getByTestId('activation-grid').getByRole('img')).toHaveCount(16);
  await expect(inside.getByText('16×28×28')).toBeVisible();
  // Each of the 16 filters is drawn twice: its 3×3 weights and |H| on a 32×32 frequency grid.
  await expect(inside.getByTestId('kernel-grid').getByRole('img')).toHaveCount(32);
  await expect(inside.getByTestId('pass-bands')).toHaveText(
    /^A convolution is a filter: \d+ (low-pass|band-pass|high-pass|broadband)/,
  );
  await inside.getByTestId('kernel-grid').scrollIntoViewIfNeeded();
  await designer.screenshot('conv1-inside');

  await designer.select('pool1');
  await expect(inside.getByTestId('activation-grid').getByRole('img')).toHaveCount(16);
  await expect(inside.getByText('16×14×14')).toBeVisible();
  await expect(inside.getByTestId('kernel-view')).toBeHidden();

  await designer.select('conv2');
  // 32 filters over 16 input channels: one input channel at a time.
  await expect(inside.getByTestId('activation-grid').getByRole('img')).toHaveCount(32);
  await inside.getByLabel('Input channel').selectOption('5');
  await expect(inside.getByTestId('kernel-grid').getByRole('img')).toHaveCount(64);

  // Global pooling leaves one value per channel; the ten scores likewise read as stems.
  for (const id of ['avgpool', 'fc']) {
    await designer.select(id);
    await expect(inside.getByRole('img', { name: `${id} values` }).locator('circle')).toHaveCount(
      id === 'fc' ? 10 : 32,
    );
  }
});

test('a 1-D network runs on a chirp and on a CSV file, with line plots and 1-D responses', async ({
  page,
}, testInfo) => {
  const designer = await Designer.open(page, testInfo);
  await designer.openTemplate('1-D CNN for ECG');
  const run = new RunPanel(page);
  await run.open();
  await expect(run.source('Signal')).toHaveAttribute('aria-selected', 'true');
  await run.panel.getByLabel('Signal', { exact: true }).selectOption({ label: 'Chirp (rising frequency)' });
  await expect(run.panel.getByRole('img', { name: 'The input signal' })).toBeVisible();
  await run.run();

  await designer.select('conv1');
  const inside = run.panel.getByTestId('run-inside');
  await expect(inside.getByTestId('activation-lines').getByRole('img')).toHaveCount(16);
  await expect(inside.getByRole('img', { name: 'conv1 filter 0 frequency response' })).toBeVisible();
  await inside.getByTestId('kernel-view').scrollIntoViewIfNeeded();
  await designer.screenshot('ecg-conv1');

  await run.source('CSV file').click();
  const chooser = page.waitForEvent('filechooser');
  await run.panel.getByRole('button', { name: 'choose a file' }).click();
  await (await chooser).setFiles(runFixture('ecg-like.csv'));
  await expect(run.panel.getByText('ecg-like.csv: 400 rows × 2 columns')).toBeVisible();
  await expect(
    run.panel.getByText('From ecg-like.csv: the first column is taken as time; resampled from 400 to 1000 samples.'),
  ).toBeVisible();
  await run.run();
  await expect(run.panel.getByTestId('run-output')).toContainText('ecg-like.csv');
  await expect(run.panel.getByTestId('top-class')).toHaveCount(5);
});
