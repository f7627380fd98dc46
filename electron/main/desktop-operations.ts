/**
 * The Host operations as the desktop app serves them: the engine's operations (run in the utility
 * process) behind the operating system's dialogs. Where the page omits a path, the user picks one;
 * where it names one, the user must have chosen it before (PathGrants). Files opened and saved go
 * to the system's recent documents.
 */
import { dirname, join } from 'node:path';
import type { GraphDocument } from '../../engine/core/document/graph-document.ts';
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
} from '../../engine/core/host/host-api.ts';
import type { HostOperations } from '../../engine/core/host/web-protocol.ts';
import { UserError } from '../../engine/node/cli/cli-error.ts';
import { DESIGN_FILTER, ONNX_FILTER, type DialogService, type FileFilter } from './dialog-service.ts';
import type { PathGrants } from './path-grants.ts';

/** The system's list of recent documents (macOS Open Recent, the Windows jump list). */
export interface RecentDocuments {
  add(path: string): void;
}

export interface DesktopOperationsOptions {
  readonly engine: HostOperations;
  readonly dialogs: DialogService;
  readonly grants: PathGrants;
  readonly recent: RecentDocuments;
  /** Where the first dialog opens: the user's documents folder. */
  readonly documentsFolder: string;
  /** A save ended without writing (cancelled or failed): whoever waits for it to close a window stops waiting. */
  readonly onSaveAbandoned?: () => void;
}

/** A file name from a design's name: what a save dialog suggests. */
export function suggestedFileName(designName: string, extension: string): string {
  const stem = designName
    .trim()
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${stem || 'design'}${extension}`;
}

export class DesktopOperations implements HostOperations {
  /** The folder of the last file opened or saved: the next dialog starts there. */
  private lastFolder: string;

  constructor(private readonly options: DesktopOperationsOptions) {
    this.lastFolder = options.documentsFolder;
  }

  onProgress(listener: (progress: HostProgress) => void): () => void {
    return this.options.engine.onProgress(listener);
  }

  listTemplates(): Promise<readonly TemplateSummary[]> {
    return this.options.engine.listTemplates();
  }

  openTemplate(id: string): Promise<OpenedDesign> {
    return this.options.engine.openTemplate(id);
  }

  /** The desktop app browses with the system's dialogs, so it offers no folders. */
  listRoots(): Promise<readonly string[]> {
    return Promise.resolve([]);
  }

  listFolder(_path: string): Promise<readonly FileEntry[]> {
    return Promise.reject(
      new UserError('the desktop app picks files with the system dialogs; it has no folders to browse'),
    );
  }

  async recentFiles(): Promise<readonly string[]> {
    const paths = await this.options.engine.recentFiles();
    for (const path of paths) this.options.grants.grant(path);
    return paths;
  }

  async openDesign(path?: string): Promise<OpenedDesign | undefined> {
    const chosen =
      path === undefined
        ? await this.options.dialogs.chooseFileToOpen({
            title: 'Open a design or an ONNX model',
            defaultPath: this.lastFolder,
            filters: [
              { name: 'Netwright designs and ONNX models', extensions: ['json', 'onnx'] },
              DESIGN_FILTER,
              ONNX_FILTER,
            ],
          })
        : this.options.grants.require(path);
    if (chosen === undefined) return undefined;
    this.options.grants.grant(chosen);
    const opened = await this.options.engine.openDesign(chosen);
    if (opened?.path !== undefined) this.remember(opened.path);
    return opened;
  }

  async saveDesign(handle: string, document: GraphDocument, path?: string): Promise<string | undefined> {
    try {
      const target = await this.writablePath(
        path,
        'Save the design',
        suggestedFileName(document.name, '.json'),
        DESIGN_FILTER,
      );
      const written = target === undefined ? undefined : await this.options.engine.saveDesign(handle, document, target);
      if (written === undefined) this.options.onSaveAbandoned?.();
      else this.remember(written);
      return written;
    } catch (error) {
      this.options.onSaveAbandoned?.();
      throw error;
    }
  }

  async exportOnnx(
    handle: string,
    document: GraphDocument,
    path?: string,
    options?: ExportOptions,
  ): Promise<ExportReport | undefined> {
    const target = await this.writablePath(path, 'Export ONNX', suggestedFileName(document.name, '.onnx'), ONNX_FILTER);
    if (target === undefined) return undefined;
    const report = await this.options.engine.exportOnnx(handle, document, target, options);
    if (report !== undefined) this.remember(report.path, false);
    return report;
  }

  listProviders(): Promise<readonly ProviderInfo[]> {
    return this.options.engine.listProviders();
  }

  async runInference(request: RunRequest): Promise<RunResult> {
    if (request.input.kind === 'image') this.options.grants.require(request.input.path);
    return await this.options.engine.runInference(request);
  }

  cancelRun(runId: string): Promise<void> {
    return this.options.engine.cancelRun(runId);
  }

  /** A path the page named (it must have been chosen), or one the user picks now. */
  private async writablePath(
    path: string | undefined,
    title: string,
    fileName: string,
    filter: FileFilter,
  ): Promise<string | undefined> {
    if (path !== undefined) return this.options.grants.require(path);
    const chosen = await this.options.dialogs.chooseFileToSave({
      title,
      defaultPath: join(this.lastFolder, fileName),
      filters: [filter],
    });
    if (chosen !== undefined) this.options.grants.grant(chosen);
    return chosen;
  }

  /** Grants a file the engine read or wrote, starts the next dialog in its folder, and lists it as recent. */
  private remember(path: string, recent = true): void {
    this.options.grants.grant(path);
    this.lastFolder = dirname(path);
    if (recent) this.options.recent.add(path);
  }
}
