import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  emptyGraphDocument,
  parseGraphText,
  serializeGraphDocument,
} from '../../engine/core/document/graph-document.ts';
import { UserError } from '../../engine/node/cli/cli-error.ts';
import { FolderGuard } from '../../engine/node/host/folder-guard.ts';
import { EngineHost } from '../../engine/node/host/host-operations.ts';
import { RecentFiles } from '../../engine/node/host/recent-files.ts';
import { DesktopOperations, suggestedFileName } from './desktop-operations.ts';
import { PathGrants } from './path-grants.ts';
import { FakeDialogs } from './testing/fake-dialogs.ts';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'netwright-desktop-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function desktop() {
  const dialogs = new FakeDialogs();
  const grants = new PathGrants();
  const recent: string[] = [];
  let abandoned = 0;
  const engine = new EngineHost({
    guard: await FolderGuard.create([folder]),
    recent: await RecentFiles.load(undefined),
  });
  const operations = new DesktopOperations({
    engine,
    dialogs,
    grants,
    recent: { add: (path) => recent.push(path) },
    documentsFolder: folder,
    onSaveAbandoned: () => abandoned++,
  });
  return { operations, dialogs, grants, recent, abandoned: () => abandoned };
}

async function designFile(name: string): Promise<string> {
  const path = join(folder, `${name}.json`);
  await writeFile(path, serializeGraphDocument(emptyGraphDocument(name)));
  return path;
}

describe('DesktopOperations', () => {
  it('opens the file the user picks in the dialog and lists it as recent', async () => {
    const { operations, dialogs, grants, recent } = await desktop();
    const path = await designFile('mine');
    dialogs.openAnswers = [path];
    const opened = await operations.openDesign();
    expect(opened?.document.name).toBe('mine');
    expect(opened?.path).toBe(path);
    expect(dialogs.opened[0]).toMatchObject({ defaultPath: folder });
    expect(dialogs.opened[0]?.filters[0]?.extensions).toEqual(['json', 'onnx']);
    expect(grants.isGranted(path)).toBe(true);
    expect(recent).toEqual([path]);
  });

  it('does nothing when the user cancels the dialog', async () => {
    const { operations, dialogs } = await desktop();
    dialogs.openAnswers = [undefined];
    expect(await operations.openDesign()).toBeUndefined();
  });

  it('refuses to open a path the page names that the user never chose', async () => {
    const { operations } = await desktop();
    const path = await designFile('secret');
    await expect(operations.openDesign(path)).rejects.toThrow(UserError);
    await expect(operations.openDesign(path)).rejects.toThrow(/was not chosen/);
  });

  it('opens a path the user chose before (a drop, the command line, a recent file)', async () => {
    const { operations, grants } = await desktop();
    const path = await designFile('dropped');
    grants.grant(path);
    expect((await operations.openDesign(path))?.document.name).toBe('dropped');
  });

  it('saves a new design where the user says, suggesting a name from the design, then saves there again', async () => {
    const { operations, dialogs, recent } = await desktop();
    const template = await operations.openTemplate('lenet-5');
    const target = join(folder, 'my-lenet.json');
    dialogs.saveAnswers = [target];
    expect(await operations.saveDesign(template.handle, template.document)).toBe(target);
    expect(dialogs.saved[0]).toMatchObject({
      defaultPath: join(folder, 'LeNet-5.json'),
      filters: [{ extensions: ['json'] }],
    });
    const renamed = { ...template.document, name: 'LeNet, edited' };
    expect(await operations.saveDesign(template.handle, renamed, target)).toBe(target);
    const saved = parseGraphText(await readFile(target, 'utf8'));
    expect(saved.ok && saved.document.name).toBe('LeNet, edited');
    expect(dialogs.saved).toHaveLength(1);
    expect(recent).toEqual([target, target]);
  });

  it('refuses to save over a file the user never chose', async () => {
    const { operations, abandoned } = await desktop();
    const victim = await designFile('victim');
    await expect(operations.saveDesign('new', emptyGraphDocument(), victim)).rejects.toThrow(/was not chosen/);
    expect(await readFile(victim, 'utf8')).toBe(serializeGraphDocument(emptyGraphDocument('victim')));
    expect(abandoned()).toBe(1);
  });

  it('says a save was abandoned when the user cancels its dialog', async () => {
    const { operations, dialogs, abandoned } = await desktop();
    dialogs.saveAnswers = [undefined];
    expect(await operations.saveDesign('new', emptyGraphDocument())).toBeUndefined();
    expect(abandoned()).toBe(1);
  });

  it('exports ONNX where the user says and starts the next dialog in that folder', async () => {
    const { operations, dialogs, grants } = await desktop();
    const template = await operations.openTemplate('lenet-5');
    const target = join(folder, 'lenet.onnx');
    dialogs.saveAnswers = [target];
    const report = await operations.exportOnnx(template.handle, template.document, undefined, { seed: 1 });
    expect(report?.path).toBe(target);
    expect(report?.bytes).toBeGreaterThan(61_706 * 4);
    expect(dialogs.saved[0]).toMatchObject({
      defaultPath: join(folder, 'LeNet-5.onnx'),
      filters: [{ extensions: ['onnx'] }],
    });
    expect(grants.isGranted(target)).toBe(true);
  });

  it('offers no folders to browse: the dialogs do that', async () => {
    const { operations } = await desktop();
    expect(await operations.listRoots()).toEqual([]);
    await expect(operations.listFolder(folder)).rejects.toThrow(/system dialogs/);
  });

  it('lets the page reopen its recent files', async () => {
    const { operations, dialogs, grants } = await desktop();
    const path = await designFile('recent');
    dialogs.openAnswers = [path];
    await operations.openDesign();
    const fresh = new PathGrants();
    expect(fresh.isGranted(path)).toBe(false);
    expect(await operations.recentFiles()).toEqual([path]);
    expect(grants.isGranted(path)).toBe(true);
  });

  it('refuses an inference input image the user never chose', async () => {
    const { operations } = await desktop();
    const request = {
      runId: 'r1',
      handle: 'new',
      document: emptyGraphDocument(),
      input: { kind: 'image', path: '/home/ada/private.png' },
      provider: 'cpu',
      repeat: 1,
    } as const;
    await expect(operations.runInference(request)).rejects.toThrow(/private.png was not chosen/);
  });
});

describe('suggestedFileName', () => {
  it("makes a file name of the design's name", () => {
    expect(suggestedFileName('ResNet-50 (ImageNet)', '.onnx')).toBe('ResNet-50-ImageNet.onnx');
    expect(suggestedFileName('  ', '.json')).toBe('design.json');
  });
});
