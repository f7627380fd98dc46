/**
 * The page's side of the desktop shell, in a browser: the test plays the preload's
 * `window.netwrightShell` (the desktop app itself is e2e/electron). It sends what the main process
 * would and records the page's reports.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { DesignReport } from '../engine/core/index.ts';
import { Designer, serverRoot } from './designer.ts';

interface FakeShellPage {
  __shellReports: DesignReport[];
  __shellSend: (event: 'command' | 'openPath' | 'recover', value: unknown) => void;
}

async function installFakeShell(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const listeners = new Map<string, ((value: unknown) => void)[]>();
    const on = (event: string) => (listener: (value: unknown) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () => undefined;
    };
    const reports: unknown[] = [];
    Object.assign(window, {
      __shellReports: reports,
      __shellSend: (event: string, value: unknown) => listeners.get(event)?.forEach((listener) => listener(value)),
      netwrightShell: {
        onCommand: on('command'),
        onOpenPath: on('openPath'),
        onRecover: on('recover'),
        reportDesign: (report: unknown) => reports.push(report),
      },
    });
  });
}

function send(page: Page, event: 'command' | 'openPath' | 'recover', value: unknown): Promise<void> {
  return page.evaluate(([event, value]) => (window as unknown as FakeShellPage).__shellSend(event, value), [
    event,
    value,
  ] as const);
}

function lastReport(page: Page): Promise<DesignReport | undefined> {
  return page.evaluate(() => (window as unknown as FakeShellPage).__shellReports.at(-1));
}

test('the desktop shell runs menu commands, opens files, recovers work and hears about the design', async ({
  page,
}, testInfo) => {
  await installFakeShell(page);
  const designer = await Designer.open(page, testInfo);
  await designer.openTemplate('LeNet-5');
  await expect.poll(() => lastReport(page)).toMatchObject({ dirty: false, path: null });

  await send(page, 'command', 'view.summary');
  await expect(page.getByRole('tab', { name: 'Summary' })).toHaveAttribute('aria-selected', 'true');

  // An edit is reported dirty at once; Select all from the menu selects the field's text, not the nodes.
  await designer.select('f6');
  await send(page, 'command', 'view.inspector');
  const field = page.getByRole('textbox', { name: 'Out features', exact: true });
  await field.fill('96');
  await expect.poll(async () => (await lastReport(page))?.dirty).toBe(true);
  await field.focus();
  await send(page, 'command', 'edit.selectAll');
  expect((await designer.state()).selection.nodes).toEqual(['f6']);
  expect(await field.evaluate((input: HTMLInputElement) => [input.selectionStart, input.selectionEnd])).toEqual([0, 2]);

  // A file from the command line or the file manager opens, after the unsaved changes are answered for.
  const path = join(serverRoot(), 'from-the-shell.json');
  const input = { id: 'input', type: 'Input', params: { shape: [1, 8, 8] }, position: { x: 0, y: 0 } };
  await writeFile(
    path,
    JSON.stringify({ format: 'netwright-graph', version: 1, name: 'Handed over', nodes: [input], edges: [] }),
  );
  await send(page, 'openPath', path);
  const question = page.getByRole('dialog');
  await expect(question).toContainText('unsaved changes');
  await question.getByRole('button', { name: 'Don’t save' }).click();
  await expect.poll(async () => (await designer.state()).path).toBe(path);
  await expect.poll(() => lastReport(page)).toMatchObject({ dirty: false, path });

  const recovered = { format: 'netwright-graph', version: 1, name: 'Recovered', nodes: [input], edges: [] };
  await send(page, 'recover', { document: recovered, path: null, savedAt: '2026-01-02T03:04:05.000Z' });
  await expect.poll(async () => (await designer.state()).document.name).toBe('Recovered');
  await expect.poll(() => lastReport(page)).toMatchObject({ dirty: true, path: null });
  await designer.screenshot('recovered');

  // The shell asks before its window closes; a beforeunload veto would keep the window open unasked.
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  });
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
  expect(dialogs).toEqual([]);
});

test('a browser tab asks before closing with unsaved changes', async ({ page }, testInfo) => {
  const designer = await Designer.open(page, testInfo);
  await designer.openTemplate('LeNet-5');
  await designer.select('f6');
  await designer.setParam('Out features', '96');
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs).toEqual(['beforeunload']);
  expect(page.isClosed()).toBe(false);
});
