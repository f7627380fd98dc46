/**
 * The desktop app end to end, with Playwright's Electron driver: LeNet-5 opens from the command
 * line, the page is locked down, the native menu saves and exports (Electron's dialogs answered by
 * the test), the exported model runs in onnxruntime, and closing with unsaved changes asks first.
 * Runs wherever node_modules/electron has its binary (scripts/electron-e2e.mjs says why not, elsewhere).
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, realpath, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import * as ort from 'onnxruntime-node';
import type { NetwrightTestHook } from '../../renderer/app/test-hook.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function electronExecutable(): string | undefined {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const executablePath = electronExecutable();
test.skip(
  executablePath === undefined,
  'no Electron binary in node_modules/electron (run node node_modules/electron/install.js)',
);

type HookValue = Pick<NetwrightTestHook, 'document' | 'totals' | 'valid' | 'dirty' | 'path'>;

function designState(page: Page): Promise<HookValue> {
  return page.evaluate(() => {
    const hook = window.__netwright;
    if (!hook) throw new Error('window.__netwright is missing');
    const { document, totals, valid, dirty, path } = hook;
    return { document, totals, valid, dirty, path };
  });
}

/** Clicks a native menu item by its id, as a user choosing it from the menu bar. */
async function chooseMenuItem(app: ElectronApplication, id: string): Promise<void> {
  await app.evaluate(({ Menu }, itemId) => {
    const item = Menu.getApplicationMenu()?.getMenuItemById(itemId);
    if (!item) throw new Error(`no menu item ${itemId}`);
    // Electron types MenuItem.click as Function; ours take no arguments.
    (item.click as () => void)();
  }, id);
}

/** Makes the next save dialog answer `path`, as a user typing it would. */
async function answerSaveDialog(app: ElectronApplication, path: string): Promise<void> {
  await app.evaluate(({ dialog }, filePath) => {
    dialog.showSaveDialog = () => Promise.resolve({ canceled: false, filePath });
  }, path);
}

test('LeNet-5 in the desktop app: open, inspect, save, export, run, and close with unsaved changes', async () => {
  const workspace = await realpath(await mkdtemp(join(tmpdir(), 'netwright-electron-e2e-')));
  const design = join(workspace, 'lenet-5.json');
  await copyFile(join(ROOT, 'templates', 'lenet-5.json'), design);
  const rootUser = process.getuid?.() === 0;
  const app = await electron.launch({
    executablePath: executablePath ?? '',
    // Chromium refuses its OS sandbox to root (containers); the page keeps Electron's own sandbox either way.
    args: [...(rootUser ? ['--no-sandbox'] : []), '.', design],
    cwd: ROOT,
    env: { ...process.env, NETWRIGHT_USER_DATA: join(workspace, 'user-data') },
  });
  try {
    const page = await app.firstWindow();
    await page.waitForFunction(() => window.__netwright?.document.name === 'LeNet-5');
    await expect(page).toHaveTitle(/LeNet-5/);

    const opened = await designState(page);
    expect(opened.path).toBe(design);
    expect(opened.valid).toBe(true);
    expect(opened.totals.trainableParams).toBe(61_706);
    await page.getByRole('tab', { name: 'Summary' }).click();
    await expect(page.getByTestId('total-params')).toHaveText('61,706');

    // The page has no Node, and the bridge opens only files the user chose.
    expect(
      await page.evaluate(() => [
        typeof (window as { require?: unknown }).require,
        typeof (window as { process?: unknown }).process,
      ]),
    ).toEqual(['undefined', 'undefined']);
    expect(await page.evaluate(() => window.netwright?.kind)).toBe('electron');
    const refused = await page.evaluate(() =>
      window.netwright?.openDesign('/etc/hostname').then(
        () => 'opened',
        (error: Error) => error.message,
      ),
    );
    expect(refused).toMatch(/was not chosen/);

    // An edit makes the design dirty; File > Save writes it back to the file it came from.
    await page.getByTestId('node-c1').click();
    const filters = page.getByRole('textbox', { name: 'Filters (out channels)', exact: true });
    await filters.fill('8');
    await filters.press('Enter');
    await expect.poll(async () => (await designState(page)).dirty).toBe(true);
    await chooseMenuItem(app, 'file.save');
    await expect.poll(async () => (await designState(page)).dirty).toBe(false);
    const saved = JSON.parse(await readFile(design, 'utf8')) as {
      nodes: { id: string; params?: { outChannels?: number } }[];
    };
    expect(saved.nodes.find((node) => node.id === 'c1')?.params?.outChannels).toBe(8);

    // File > Export ONNX through the system's save dialog; the model runs in onnxruntime.
    const model = join(workspace, 'lenet-5.onnx');
    await answerSaveDialog(app, model);
    await chooseMenuItem(app, 'file.exportOnnx');
    await expect
      .poll(async () => (await stat(model).catch(() => undefined))?.size ?? 0, { timeout: 30_000 })
      .toBeGreaterThan(61_706 * 4);
    const session = await ort.InferenceSession.create(model);
    try {
      const pixels = Float32Array.from({ length: 32 * 32 }, (_, i) => Math.sin(i));
      const result = await session.run({
        [session.inputNames[0] ?? '']: new ort.Tensor('float32', pixels, [1, 1, 32, 32]),
      });
      expect(result[session.outputNames[0] ?? '']?.dims).toEqual([1, 10]);
    } finally {
      await session.release();
    }

    // Closing with unsaved changes asks first: Cancel keeps the window, Don't Save closes it.
    await filters.fill('6');
    await filters.press('Enter');
    await expect.poll(async () => (await designState(page)).dirty).toBe(true);
    await app.evaluate(({ dialog }) => {
      const asked: string[] = [];
      (globalThis as { netwrightAsked?: string[] }).netwrightAsked = asked;
      dialog.showMessageBox = (...args: unknown[]) => {
        const options = args.at(-1) as { message: string };
        asked.push(options.message);
        return Promise.resolve({ response: asked.length === 1 ? 2 : 1, checkboxChecked: false });
      };
    });
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    await expect
      .poll(() => app.evaluate(() => (globalThis as { netwrightAsked?: string[] }).netwrightAsked ?? []))
      .toEqual(['Save the changes to “LeNet-5” before closing?']);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    const closed = page.waitForEvent('close');
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    await closed;
    const kept = JSON.parse(await readFile(design, 'utf8')) as typeof saved;
    expect(kept.nodes.find((node) => node.id === 'c1')?.params?.outChannels).toBe(8);
  } finally {
    await app.close().catch(() => undefined);
  }
});
