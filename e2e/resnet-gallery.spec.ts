import { expect, test } from '@playwright/test';
import { Designer } from './designer.ts';

test('ResNet-152 opens from the gallery with torchvision’s parameter count', async ({ page }, testInfo) => {
  const designer = await Designer.open(page, testInfo);
  await designer.button('Templates').click();
  await expect(page.getByRole('dialog').getByRole('button', { name: 'ResNet-152', exact: true })).toBeVisible();
  await designer.screenshot('gallery');
  await page.getByRole('dialog').getByRole('button', { name: 'ResNet-152', exact: true }).click();
  await expect.poll(async () => (await designer.state()).document.name).toBe('ResNet-152');

  const state = await designer.state();
  expect(state.document.nodes.length).toBeGreaterThan(500);
  expect(state.valid).toBe(true);
  expect(state.totals.trainableParams).toBe(60_192_808);
  await expect(designer.node(state.document.nodes[0]?.id ?? '')).toBeVisible();
  await page.getByRole('tab', { name: 'Summary' }).click();
  await expect(page.getByTestId('trainable-params')).toHaveText('60,192,808');
  await designer.screenshot('opened');
  await designer.button('Fit view').click();
  await designer.screenshot('fit-view');
});
