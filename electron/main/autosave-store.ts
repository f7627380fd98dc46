/**
 * Unsaved work, kept in the app's data folder so a crash loses at most a few seconds of it. While
 * the design is dirty its latest state is written (atomically, a moment after the edits stop);
 * when it is saved, discarded or closed cleanly the file goes. A file still there at the next start
 * is work from a session that did not end cleanly, and is offered back.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { parseGraphDocument } from '../../engine/core/document/graph-document.ts';
import type { DesignReport, RecoveredDesign } from '../../engine/core/host/desktop-shell.ts';

/** The file operations the store needs: the real ones write atomically (engine/node/host/atomic-write.ts). */
export interface AutosaveFiles {
  /** The file's text, or undefined when there is none. */
  read(path: string): Promise<string | undefined>;
  write(path: string, text: string): Promise<void>;
  remove(path: string): Promise<void>;
}

const AUTOSAVE_FORMAT = 'netwright-autosave';
const snapshotSchema = z.object({
  format: z.literal(AUTOSAVE_FORMAT),
  version: z.literal(1),
  savedAt: z.iso.datetime(),
  path: z.string().nullable(),
  document: z.unknown(),
});

export class AutosaveStore {
  readonly file: string;
  /** Writes and removals run one after another, so a late write never resurrects a cleared file. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly files: AutosaveFiles,
    dataFolder: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.file = join(dataFolder, 'autosave', 'design.json');
  }

  /** The work left by the last session, if any; an unreadable file is removed and ignored. */
  async load(): Promise<RecoveredDesign | undefined> {
    await this.queue;
    const text = await this.files.read(this.file);
    if (text === undefined) return undefined;
    let snapshot: z.infer<typeof snapshotSchema> | undefined;
    try {
      snapshot = snapshotSchema.parse(JSON.parse(text));
    } catch {
      snapshot = undefined;
    }
    const parsed = snapshot && parseGraphDocument(snapshot.document);
    if (!snapshot || !parsed?.ok) {
      await this.clear();
      return undefined;
    }
    return { document: parsed.document, path: snapshot.path, savedAt: snapshot.savedAt };
  }

  save(report: DesignReport): Promise<void> {
    const snapshot = {
      format: AUTOSAVE_FORMAT,
      version: 1,
      savedAt: this.now().toISOString(),
      path: report.path,
      document: report.document,
    };
    return this.enqueue(() => this.files.write(this.file, `${JSON.stringify(snapshot)}\n`));
  }

  clear(): Promise<void> {
    return this.enqueue(() => this.files.remove(this.file));
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(step);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/**
 * When to write: a dirty design is written `delayMs` after its last change (typing does not write
 * on every keystroke); a clean one clears the file at once.
 */
export class Autosaver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest: DesignReport | undefined;

  constructor(
    private readonly store: AutosaveStore,
    private readonly onError: (error: Error) => void,
    private readonly delayMs = 2_000,
  ) {}

  record(report: DesignReport): void {
    this.cancel();
    if (!report.dirty) {
      this.latest = undefined;
      this.store.clear().catch(this.onError);
      return;
    }
    this.latest = report;
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Writes what is pending now (the app is about to quit, or the renderer died). */
  async flush(): Promise<void> {
    this.cancel();
    const report = this.latest;
    this.latest = undefined;
    if (report) await this.store.save(report).catch(this.onError);
  }

  /** The user chose to throw the work away. */
  async discard(): Promise<void> {
    this.cancel();
    this.latest = undefined;
    await this.store.clear().catch(this.onError);
  }

  private cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
