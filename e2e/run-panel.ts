/**
 * Drives the Run tab the way a user does, for the run-*.spec.ts files: by role and accessible
 * name, with test ids only for the readings (top class, latency, shift table).
 */
import { copyFile, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { serverRoot } from './designer.ts';

/** A fixture of these specs (e2e/fixtures/run). */
export function runFixture(name: string): string {
  return join(import.meta.dirname, 'fixtures', 'run', name);
}

/** Copies a fixture into the folder the server serves; returns its path there. */
export async function serveFixture(name: string): Promise<string> {
  const target = join(serverRoot(), name);
  await copyFile(runFixture(name), target);
  return target;
}

export class RunPanel {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByTestId('run-panel');
  }

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Run', exact: true }).click();
    await expect(this.panel).toBeVisible();
    await expect(this.panel.getByTestId('provider-cpu')).toBeVisible();
  }

  source(name: string): Locator {
    return this.panel.getByRole('tablist', { name: 'Input source' }).getByRole('tab', { name, exact: true });
  }

  /** Clicks Run and waits until the run and its capture have finished. */
  async run(): Promise<void> {
    const run = this.panel.getByRole('button', { name: 'Run', exact: true });
    await run.click();
    await expect(this.panel.getByTestId('run-output')).toBeVisible({ timeout: 60_000 });
    await expect(this.panel.getByTestId('run-progress')).toBeHidden({ timeout: 60_000 });
    await expect(this.panel.getByTestId('run-problem')).toBeHidden();
    await expect(run).toBeEnabled();
  }

  /** The label of the most likely class. */
  topLabel(): Locator {
    return this.panel.getByTestId('top-class-label').first();
  }

  /** Drops a file on the drop zone of the current source, as dragging it from the desktop does. */
  async dropFile(path: string, type: string): Promise<void> {
    const bytes = (await readFile(path)).toString('base64');
    const transfer = await this.page.evaluateHandle(
      ({ bytes, name, type }) => {
        const data = Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([data], name, { type }));
        return transfer;
      },
      { bytes, name: basename(path), type },
    );
    await this.panel.getByTestId('run-drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
  }

  /** Chooses an image file as a user would from the file button (the drop zone's chooser). */
  async chooseImage(path: string): Promise<void> {
    await this.source('Image file').click();
    const chooser = this.page.waitForEvent('filechooser');
    await this.panel.getByRole('button', { name: 'choose a file' }).click();
    await (await chooser).setFiles(path);
    await expect(this.panel.getByTestId('input-preview')).toBeVisible();
  }
}
