/**
 * The lecture's central claim on the user's own network, in one click: shift the input and the
 * convolution's feature maps shift with it (equivariance), while pooled and global outputs change
 * much less (local invariance). Each layer's measured error is printed.
 */
import { expect, test, type Locator } from '@playwright/test';
import { Designer } from './designer.ts';
import { RunPanel } from './run-panel.ts';

/** Reads "45.7%", "0.05%" or "3.2e-8" back as a fraction. */
async function relative(cell: Locator): Promise<number> {
  const text = (await cell.innerText()).replace('≈', '').replace('−', '-').trim();
  return text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
}

test('shifting the input shifts the conv maps, and pooling and the global output change less', async ({
  page,
}, testInfo) => {
  const designer = await Designer.open(page, testInfo);
  await designer.openTemplate('Small CNN (28×28)');
  const run = new RunPanel(page);
  await run.open();
  await run.panel.getByRole('button', { name: 'Sample 3' }).click();
  await run.run();
  await designer.select('conv1');

  await run.panel.getByLabel('dx').fill('1');
  await run.panel.getByLabel('dy').fill('1');
  await run.panel.getByRole('button', { name: 'Shift and compare' }).click();
  const table = run.panel.getByTestId('shift-table');
  await expect(table).toBeVisible({ timeout: 60_000 });

  const row = (id: string) => table.getByTestId(`shift-row-${id}`);
  // The conv maps, shifted back by one pixel, equal the maps of the shifted input up to float rounding...
  for (const id of ['conv1', 'relu1']) {
    await expect(row(id).getByRole('cell').nth(1)).toHaveText('1, 1');
    expect(await relative(row(id).getByTestId('error'))).toBeLessThan(1e-5);
    expect(await relative(row(id).getByTestId('change'))).toBeGreaterThan(0.2);
  }
  // ...while after a 2×2 pool the same shift is half a cell, which no shift of the map can undo exactly,
  await expect(row('pool1').getByRole('cell').nth(1)).toHaveText('0.5, 0.5');
  await expect(row('pool1').getByTestId('error')).toHaveText(/^≈ /);
  // and the outputs change less the more they pool: the pooled map less than the conv map, the global ones least.
  const convChange = await relative(row('relu1').getByTestId('change'));
  const pooledChange = await relative(row('pool1').getByTestId('change'));
  const globalChange = await relative(row('avgpool').getByTestId('change'));
  expect(pooledChange).toBeLessThan(convChange);
  expect(globalChange).toBeLessThan(pooledChange / 2);
  await expect(run.panel.getByTestId('map-error')).toHaveText(/^(exactly|to \d(\.\d)?e-\d+)$/);
  await expect(run.panel.getByTestId('shift-figure').getByRole('img')).toHaveCount(5);
  await run.panel.getByTestId('shift-summary').scrollIntoViewIfNeeded();
  await designer.screenshot('shift-experiment');
});
