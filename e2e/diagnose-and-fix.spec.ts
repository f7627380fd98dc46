import { expect, test } from '@playwright/test';
import { Designer } from './designer.ts';

test('a broken shape shows its diagnostic on the node at fault; fixing it, undo and redo', async ({
  page,
}, testInfo) => {
  const designer = await Designer.open(page, testInfo);
  await designer.openTemplate('LeNet-5');
  await designer.button('Fit view').click();
  await designer.select('c3');
  await designer.screenshot('lenet');

  // A 15×15 kernel does not fit the 14×14 maps that reach c3.
  await designer.setParam('Kernel size', '15');
  const broken = await designer.state();
  expect(broken.valid).toBe(false);
  const errors = broken.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => d.nodeId)).toEqual(['c3']);
  await expect(designer.node('c3')).toHaveClass(/is-error/);
  await expect(designer.node('c1')).not.toHaveClass(/is-error/);
  const panel = page.getByRole('region', { name: 'Diagnostics' });
  const diagnostic = panel.getByRole('button', { name: /Conv "c3"/ });
  await expect(diagnostic).toContainText('14');
  await designer.screenshot('broken');
  // The diagnostic leads to its node.
  await designer.select('c1');
  await diagnostic.click();
  await expect.poll(async () => (await designer.state()).selection.nodes).toEqual(['c3']);

  await designer.setParam('Kernel size', '5');
  const fixed = await designer.state();
  expect(fixed.valid).toBe(true);
  expect(fixed.totals.trainableParams).toBe(61_706);
  await expect(designer.node('c3')).not.toHaveClass(/is-error/);
  await expect(panel).toContainText('No problems');
  await designer.screenshot('fixed');

  await designer.button('Undo').click();
  await expect.poll(async () => (await designer.state()).valid).toBe(false);
  await expect(designer.node('c3')).toHaveClass(/is-error/);
  await designer.screenshot('undone');

  await designer.button('Redo').click();
  await expect.poll(async () => (await designer.state()).valid).toBe(true);
  expect((await designer.state()).document).toEqual(fixed.document);
  await expect(designer.node('c3')).not.toHaveClass(/is-error/);
  await designer.screenshot('redone');
});
