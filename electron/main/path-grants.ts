/**
 * The files the page may name. The sandboxed page never picks a path by itself: a path becomes
 * usable when the user chose it (a dialog, a drop, the command line, the file manager, a recent
 * file) or when the engine wrote it on the user's behalf. A compromised page therefore cannot read
 * or overwrite any file the user did not point at.
 */
import { resolve } from 'node:path';
import { UserError } from '../../engine/node/cli/cli-error.ts';

export class PathGrants {
  private readonly granted = new Set<string>();

  grant(path: string): void {
    this.granted.add(resolve(path));
  }

  isGranted(path: string): boolean {
    return this.granted.has(resolve(path));
  }

  /** The path, when the user chose it; a UserError naming it otherwise. */
  require(path: string): string {
    if (!this.isGranted(path))
      throw new UserError(
        `${path} was not chosen in this session; the desktop app opens and writes only files you pick (File > Open, Save As)`,
      );
    return resolve(path);
  }
}
