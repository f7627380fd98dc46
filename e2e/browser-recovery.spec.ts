import { expect, test } from '@playwright/test';
import { RECOVERY_KEY } from '../renderer/app/browser-recovery.ts';
import { Designer } from './designer.ts';

test('unsaved work in a browser tab that dies is offered back by the next page', async ({
  context,
  page,
}, testInfo) => {
  const designer = await Designer.open(page, testInfo);
  await designer.openTemplate('LeNet-5');
  await designer.select('f6');
  await designer.setParam('Out features', '96');
  // The page keeps unsaved work in its storage once edits pause; then the tab dies without asking.
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key) !== null, RECOVERY_KEY)).toBe(true);
  await page.close({ runBeforeUnload: false });

  const next = await Designer.open(await context.newPage(), testInfo);
  await expect(next.page.getByText('Recovered unsaved changes to “LeNet-5”')).toBeVisible();
  const { document } = await next.state();
  expect(document.nodes.find((node) => node.id === 'f6')?.params).toMatchObject({ outFeatures: 96 });
  await next.screenshot('recovered');
});
