import { expect, test } from '@playwright/test';
import { Designer } from './designer.ts';

/** LeNet-5 (LeCun et al., 1998) as a newcomer builds it: one layer at a time from the palette. */
const LENET: readonly { readonly type: string; readonly params?: Readonly<Record<string, string>> }[] = [
  { type: 'Input', params: { Shape: '1, 32, 32' } },
  { type: 'Conv', params: { 'Filters (out channels)': '6', 'Kernel size': '5' } },
  { type: 'Tanh' },
  { type: 'AvgPool', params: { 'Kernel size': '2' } },
  { type: 'Conv', params: { 'Filters (out channels)': '16', 'Kernel size': '5' } },
  { type: 'Tanh' },
  { type: 'AvgPool', params: { 'Kernel size': '2' } },
  { type: 'Flatten' },
  { type: 'Dense', params: { 'Out features': '120' } },
  { type: 'Tanh' },
  { type: 'Dense', params: { 'Out features': '84' } },
  { type: 'Tanh' },
  { type: 'Dense', params: { 'Out features': '10' } },
  { type: 'Output' },
];

test('a newcomer builds LeNet-5 from the palette, wires it by mouse, and sees 61,706 parameters', async ({
  page,
}, testInfo) => {
  const designer = await Designer.open(page, testInfo);
  await designer.screenshot('empty');

  // Four columns of four, so every card and handle stays on screen at 100%, clear of the open diagnostics.
  const ids: string[] = [];
  for (const [index, layer] of LENET.entries()) {
    const column = Math.floor(index / 4);
    const row = index % 4;
    const id = await designer.dropLayer(layer.type, 110 + column * 205, 50 + row * 115);
    for (const [label, value] of Object.entries(layer.params ?? {})) await designer.setParam(label, value);
    ids.push(id);
  }
  await designer.screenshot('placed');

  for (let i = 1; i < ids.length; i++) await designer.connect(ids[i - 1] ?? '', ids[i] ?? '');
  await designer.screenshot('wired');

  const state = await designer.state();
  expect(state.valid).toBe(true);
  expect(state.diagnostics).toEqual([]);
  expect(state.totals.trainableParams).toBe(61_706);
  await page.getByRole('tab', { name: 'Summary' }).click();
  await expect(page.getByTestId('total-params')).toHaveText('61,706');
  await designer.screenshot('summary');
});
