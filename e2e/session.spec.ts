import { expect, test } from '@playwright/test';
import { Designer, serverUrl } from './designer.ts';

test('the page needs the printed token, keeps it out of the address bar, and loads under the CSP', async ({
  page,
}, testInfo) => {
  const { origin } = new URL(serverUrl());
  const refused = await page.goto(`${origin}/`);
  expect(refused?.status()).toBe(403);
  await expect(page.getByText('this session needs its token')).toBeVisible();

  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const designer = await Designer.open(page, testInfo);
  expect(page.url()).toBe(`${origin}/`);
  await designer.openTemplate('LeNet-5');
  await page.reload();
  await designer.openTemplate('AlexNet');
  expect(problems).toEqual([]);
  await designer.screenshot('reloaded');
});
