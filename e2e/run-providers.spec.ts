/**
 * Providers as onnxruntime reports them on this machine, the one that really ran, and long work
 * that shows its progress and can be cancelled.
 */
import { expect, test } from '@playwright/test';
import { Designer } from './designer.ts';
import { RunPanel } from './run-panel.ts';

test('lists the providers, disables the missing ones with the reason, and names the one that ran', async ({
  page,
}, testInfo) => {
  const designer = await Designer.open(page, testInfo);
  await designer.openTemplate('Small CNN (28×28)');
  const run = new RunPanel(page);
  await run.open();
  const provider = (name: string) => run.panel.getByTestId(`provider-${name}`);
  for (const name of ['cpu', 'cuda', 'webgpu', 'dml', 'coreml']) await expect(provider(name)).toBeVisible();
  await expect(provider('cpu').getByRole('radio')).toBeChecked();
  // Linux x64 builds of onnxruntime-node have neither DirectML (Windows) nor CoreML (macOS).
  for (const name of ['dml', 'coreml']) {
    await expect(provider(name).getByRole('radio')).toBeDisabled();
    await expect(provider(name)).toContainText(`has no ${name} provider`);
  }

  // Random values, drawn by the engine from the seed.
  await run.source('Random').click();
  await run.panel.getByLabel('Seed').fill('7');
  await expect(run.panel.getByText('Uniform random values in [0, 1), drawn by the engine.')).toBeVisible();
  await provider('webgpu').getByRole('radio').check();
  await run.run();
  const ranOn = run.panel.getByTestId('ran-on');
  if ((await ranOn.innerText()).startsWith('WEBGPU')) {
    await expect(run.panel.getByTestId('fallback-reason')).toBeHidden();
  } else {
    // No adapter (a headless box): the CPU stood in, and the panel says so and why.
    await expect(ranOn).toHaveText('CPU instead of WEBGPU');
    await expect(run.panel.getByTestId('fallback-reason')).toContainText('webgpu');
  }
  await designer.screenshot('webgpu-requested');
});

test('long work shows its progress and can be cancelled', async ({ page }, testInfo) => {
  const designer = await Designer.open(page, testInfo);
  // ResNet-18: 11.7 M weights to initialise and a session to build, several seconds on a small machine.
  await designer.openTemplate('ResNet-18');
  const run = new RunPanel(page);
  await run.open();
  await run.panel.getByRole('button', { name: 'Run', exact: true }).click();
  const progress = run.panel.getByTestId('run-progress');
  await expect(progress).toBeVisible();
  await expect(progress).toContainText('Running ResNet-18 on CPU');
  await designer.screenshot('running');
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toBeHidden();
  await expect(run.panel.getByTestId('run-problem')).toHaveText('Cancelled: Running ResNet-18 on CPU');
  await expect(run.panel.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  await expect(run.panel.getByTestId('run-output')).toBeHidden();
});
