/**
 * Imported weights end to end: the model zoo's mnist-8 imported into an editable graph, then run in
 * the app on real labelled MNIST digits, bundled samples and dropped files alike.
 */
import { expect, test } from '@playwright/test';
import { Designer } from './designer.ts';
import { RunPanel, runFixture, serveFixture } from './run-panel.ts';

test('mnist-8, imported, reads real digits correctly', async ({ page }, testInfo) => {
  await serveFixture('mnist-8.onnx');
  const designer = await Designer.open(page, testInfo);
  await designer.chooseFile('Import ONNX', 'Import', { pick: 'mnist-8.onnx' });
  await expect.poll(async () => (await designer.state()).document.nodes.length).toBe(10);

  const run = new RunPanel(page);
  await run.open();
  await expect(run.panel.getByTestId('provider-cpu').getByRole('radio')).toBeChecked();

  // A bundled sample, one click.
  await run.panel.getByRole('button', { name: 'Sample 7' }).click();
  await run.run();
  await expect(run.topLabel()).toHaveText('7');
  await expect(run.panel.getByTestId('ran-on')).toContainText('CPU');
  await expect(run.panel.getByTestId('latency')).toContainText(/ms median · .* ms p95 over 20 runs/);
  await designer.screenshot('digit-7');

  // Files the user chooses, decoded in the page; the imported network expects 0..255 pixels.
  await run.panel.getByLabel('Pixel values').selectOption({ label: '0 to 255' });
  for (const digit of ['3', '5']) {
    await run.chooseImage(runFixture(`digit-${digit}.jpg`));
    await run.run();
    await expect(run.topLabel()).toHaveText(digit);
  }
  // Dragged from the desktop onto the drop zone.
  await run.dropFile(runFixture('digit-0.jpg'), 'image/jpeg');
  await expect(run.panel.getByText('digit-0.jpg', { exact: true })).toBeVisible();
  await run.run();
  await expect(run.topLabel()).toHaveText('0');
  await expect(run.panel.getByTestId('top-class')).toHaveCount(5);
  await designer.screenshot('digit-0-dropped');

  // Shifted by a pixel, the digit is still a 0: the conv maps moved with it, the prediction did not.
  await designer.select('Convolution28');
  await run.panel.getByRole('button', { name: 'Shift and compare' }).click();
  await expect(run.panel.getByTestId('shift-table')).toBeVisible({ timeout: 60_000 });
  await expect(run.panel.getByTestId('prediction')).toHaveText('0');
  await expect(run.panel.getByTestId('shift-summary')).toContainText('yet the prediction stays 0');
  await expect(run.panel.getByTestId('map-error')).toHaveText(/^(exactly|to \d(\.\d)?e-\d+)$/);
});
