/**
 * Drives the designer the way a user does: controls by role and accessible name, nodes and handles
 * by their test ids, the mouse for dragging and wiring. Reads the document and totals from the
 * read-only test hook `window.__netwright`.
 */
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import type { NetwrightTestHook } from '../renderer/app/test-hook.ts';

/** The URL `netwright serve` printed (global-setup.ts), token included. */
export function serverUrl(): string {
  const url = process.env['NETWRIGHT_URL'];
  if (!url) throw new Error('NETWRIGHT_URL is not set: run the tests through playwright.config.ts');
  return url;
}

/** The folder the server was started on. */
export function serverRoot(): string {
  const root = process.env['NETWRIGHT_ROOT'];
  if (!root) throw new Error('NETWRIGHT_ROOT is not set: run the tests through playwright.config.ts');
  return root;
}

type HookValue = Pick<NetwrightTestHook, 'document' | 'totals' | 'valid' | 'diagnostics' | 'selection' | 'path'>;

export class Designer {
  private shots = 0;

  private constructor(
    readonly page: Page,
    private readonly testInfo: TestInfo,
  ) {}

  /** Opens the printed URL in a fresh page and waits for the editor. */
  static async open(page: Page, testInfo: TestInfo): Promise<Designer> {
    await page.goto(serverUrl());
    await expect(page.getByRole('searchbox', { name: 'Search layers' })).toBeVisible();
    await page.waitForFunction(() => window.__netwright !== undefined);
    return new Designer(page, testInfo);
  }

  /** A screenshot in this test's output folder, numbered in order. */
  async screenshot(step: string): Promise<void> {
    const path = this.testInfo.outputPath(`${String(++this.shots).padStart(2, '0')}-${step}.png`);
    await this.page.screenshot({ path });
    await this.testInfo.attach(step, { path, contentType: 'image/png' });
  }

  /** The current document, totals and diagnostics, as the editor holds them. */
  state(): Promise<HookValue> {
    return this.page.evaluate(() => {
      const hook = window.__netwright;
      if (!hook) throw new Error('window.__netwright is missing');
      const { document, totals, valid, diagnostics, selection, path } = hook;
      return { document, totals, valid, diagnostics, selection, path };
    });
  }

  get canvas(): Locator {
    return this.page.locator('.react-flow');
  }

  node(id: string): Locator {
    return this.page.getByTestId(`node-${id}`);
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Drags a palette entry onto the canvas, centred at (x, y) from the canvas' top left; returns the new node's id. */
  async dropLayer(type: string, x: number, y: number): Promise<string> {
    const before = new Set((await this.state()).document.nodes.map((node) => node.id));
    await this.page.getByRole('searchbox', { name: 'Search layers' }).fill(type);
    await this.button(`Add ${type}`).dragTo(this.canvas, { targetPosition: { x, y } });
    await this.page.getByRole('searchbox', { name: 'Search layers' }).fill('');
    const added = (await this.state()).document.nodes.filter((node) => !before.has(node.id));
    expect(added.map((node) => node.type)).toEqual([type]);
    const id = added[0]?.id ?? '';
    await expect(this.node(id)).toBeVisible();
    return id;
  }

  /** Wires an output to an input port by dragging between their handles. */
  async connect(source: string, target: string, port = 0): Promise<void> {
    const edges = (await this.state()).document.edges.length;
    const from = await this.page.getByTestId(`handle-${source}-source`).boundingBox();
    const to = await this.page.getByTestId(`handle-${target}-target-${port}`).boundingBox();
    if (!from || !to) throw new Error(`handles of ${source} → ${target} are not on screen`);
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await this.page.mouse.up();
    await expect.poll(async () => (await this.state()).document.edges.length).toBe(edges + 1);
  }

  /** Selects a node by clicking its card. */
  async select(id: string): Promise<void> {
    await this.node(id).click();
    await expect.poll(async () => (await this.state()).selection.nodes).toEqual([id]);
  }

  /** Types a value into the inspector field with this label, as a user does, and commits it with Enter. */
  async setParam(label: string, value: string): Promise<void> {
    const field = this.page.getByRole('textbox', { name: label, exact: true });
    await field.fill(value);
    await field.press('Enter');
  }

  /** Opens a template from the gallery by its name. */
  async openTemplate(name: string): Promise<void> {
    await this.button('Templates').click();
    const gallery = this.page.getByRole('dialog');
    await gallery.getByRole('button', { name, exact: true }).click();
    await expect(gallery).toBeHidden();
    await expect.poll(async () => (await this.state()).document.name).toBe(name);
  }

  /**
   * Answers the in-app file dialog that the toolbar button `action` opens: types a file name or
   * picks an existing file, then presses the dialog's own button `confirm`.
   */
  async chooseFile(
    action: string,
    confirm: string,
    choice: { readonly type: string } | { readonly pick: string },
  ): Promise<void> {
    await this.button(action).click();
    const dialog = this.page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    if ('type' in choice) await dialog.getByRole('textbox', { name: 'File name' }).fill(choice.type);
    else await dialog.getByRole('option', { name: choice.pick }).click();
    await dialog.getByRole('button', { name: confirm, exact: true }).click();
    await expect(dialog).toBeHidden();
  }
}
