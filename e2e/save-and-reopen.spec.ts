import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Designer, serverRoot } from './designer.ts';

test('a design saved and reopened is the identical document', async ({ page }, testInfo) => {
  const designer = await Designer.open(page, testInfo);
  await designer.openTemplate('LeNet-5');
  await designer.button('Fit view').click();
  await designer.select('f6');
  await designer.setParam('Out features', '96');
  const edited = await designer.state();
  expect(edited.totals.trainableParams).toBe(61_706 + 12 * 120 + 12 + 12 * 10);

  // Enter in the name field saves, once: focus goes back to the toolbar's Save, and the same key must not press it.
  await designer.button('Save').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'File name' }).fill('lenet-5-edited');
  await dialog.getByRole('textbox', { name: 'File name' }).press('Enter');
  const path = join(serverRoot(), 'lenet-5-edited.json');
  await expect.poll(async () => (await designer.state()).path).toBe(path);
  await expect(dialog).toHaveCount(0);
  expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(edited.document);
  await designer.screenshot('saved');

  await designer.button('New').click();
  await expect.poll(async () => (await designer.state()).document.nodes).toEqual([]);
  await designer.screenshot('new');

  await designer.chooseFile('Open', 'Open', { pick: 'lenet-5-edited.json' });
  await expect.poll(async () => (await designer.state()).path).toBe(path);
  const reopened = await designer.state();
  expect(reopened.document).toEqual(edited.document);
  expect(reopened.totals).toEqual(edited.totals);
  await designer.screenshot('reopened');
});
