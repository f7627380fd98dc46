/**
 * The Host operations implemented once against the engine. The web server carries them over HTTP;
 * the Electron host will carry the same object over IPC. Every path is confined to the folders the
 * user chose (FolderGuard) and every failure a user can cause is a UserError with one clear line.
 */
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { serializeGraphDocument, type GraphDocument } from '../../core/index.ts';
import type {
  ExportOptions,
  ExportReport,
  FileEntry,
  HostProgress,
  OpenedDesign,
  ProviderInfo,
  RunRequest,
  RunResult,
  TemplateSummary,
} from '../../core/host/host-api.ts';
import type { HostOperations } from '../../core/host/web-protocol.ts';
import { UserError } from '../cli/cli-error.ts';
import { loadDesign } from '../files/load-design.ts';
import { listTemplates, readTemplate } from '../files/templates.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { DesignRegistry } from './design-registry.ts';
import type { FolderGuard } from './folder-guard.ts';
import type { RecentFiles } from './recent-files.ts';

const MAX_FOLDER_ENTRIES = 5_000;

function kindOf(name: string, isFolder: boolean): FileEntry['kind'] {
  if (isFolder) return 'folder';
  switch (extname(name).toLowerCase()) {
    case '.json':
      return 'graph';
    case '.onnx':
      return 'onnx';
    case '.png':
    case '.jpg':
    case '.jpeg':
      return 'image';
    default:
      return 'other';
  }
}

/** A file name with the expected extension: added when there is none, refused when it is another one. */
function withExtension(path: string, extension: string, what: string): string {
  const current = extname(path).toLowerCase();
  if (current === '') return `${path}${extension}`;
  if (current !== extension) throw new UserError(`save ${what} as a ${extension} file, not ${current}`);
  return path;
}

export interface EngineHostOptions {
  readonly guard: FolderGuard;
  readonly recent: RecentFiles;
}

export class EngineHost implements HostOperations {
  private readonly designs = new DesignRegistry();
  private readonly progressListeners = new Set<(progress: HostProgress) => void>();

  constructor(private readonly options: EngineHostOptions) {}

  onProgress(listener: (progress: HostProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  listTemplates(): Promise<readonly TemplateSummary[]> {
    return listTemplates();
  }

  async openTemplate(id: string): Promise<OpenedDesign> {
    const document = await readTemplate(id);
    const handle = this.designs.add({ document, weights: new Map(), path: undefined });
    return { handle, path: undefined, document, hasWeights: false };
  }

  listRoots(): Promise<readonly string[]> {
    return Promise.resolve(this.options.guard.roots);
  }

  async listFolder(path: string): Promise<readonly FileEntry[]> {
    const folder = await this.options.guard.resolveExisting(path);
    if (!(await stat(folder)).isDirectory()) throw new UserError(`${path} is not a folder`);
    const entries: FileEntry[] = [];
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const entryPath = join(folder, entry.name);
      let isFolder = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        // List a link only where it stays inside the roots; elsewhere opening it would be refused anyway.
        const target = await this.options.guard.resolveExisting(entryPath).catch(() => undefined);
        if (target === undefined) continue;
        isFolder = (await stat(target)).isDirectory();
      } else if (!isFolder && !entry.isFile()) continue;
      entries.push({ name: entry.name, path: entryPath, kind: kindOf(entry.name, isFolder) });
      if (entries.length >= MAX_FOLDER_ENTRIES) break;
    }
    return entries.sort(
      (a, b) => Number(b.kind === 'folder') - Number(a.kind === 'folder') || a.name.localeCompare(b.name),
    );
  }

  async recentFiles(): Promise<readonly string[]> {
    const present = await Promise.all(
      this.options.recent.list().map(async (path) => {
        const real = await this.options.guard.resolveExisting(path).catch(() => undefined);
        return real !== undefined && (await stat(real)).isFile() ? real : undefined;
      }),
    );
    return present.filter((path) => path !== undefined);
  }

  async openDesign(path?: string): Promise<OpenedDesign | undefined> {
    if (path === undefined)
      throw new UserError('this host has no file dialog: choose a file from the folders it serves');
    const real = await this.options.guard.resolveExisting(path);
    const design = await loadDesign(real);
    const handle = this.designs.add({ ...design, path: real });
    await this.options.recent.add(real);
    return { handle, path: real, document: design.document, hasWeights: design.weights.size > 0 };
  }

  async saveDesign(handle: string, document: GraphDocument, path?: string): Promise<string | undefined> {
    const design = this.designs.resolve(handle, document);
    const requested = path ?? design.path;
    if (requested === undefined) throw new UserError('choose where to save this design');
    const target = await this.options.guard.resolveForWrite(withExtension(requested, '.json', 'a design'));
    if (design.weights.size > 0)
      throw new UserError('saving a design with imported weights is not available in this build yet');
    await writeFileAtomic(target, serializeGraphDocument(document));
    this.designs.update(handle, { ...design, path: target });
    await this.options.recent.add(target);
    return target;
  }

  exportOnnx(
    _handle: string,
    _document: GraphDocument,
    _path?: string,
    _options?: ExportOptions,
  ): Promise<ExportReport | undefined> {
    return Promise.reject(new UserError('exporting ONNX is not available in this build yet'));
  }

  listProviders(): Promise<readonly ProviderInfo[]> {
    return Promise.reject(new UserError('running inference is not available in this build yet'));
  }

  runInference(_request: RunRequest): Promise<RunResult> {
    return Promise.reject(new UserError('running inference is not available in this build yet'));
  }

  cancelRun(_runId: string): Promise<void> {
    return Promise.reject(new UserError('running inference is not available in this build yet'));
  }
}
