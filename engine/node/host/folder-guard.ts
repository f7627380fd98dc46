/**
 * Confines every file the host touches to the folders the user chose. Paths are compared by their
 * real paths, so a symbolic link inside a root that points outside it is refused like a path that
 * is outside to begin with; `..` segments are refused outright rather than resolved.
 */
import { lstat, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserError } from '../cli/cli-error.ts';

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

export class FolderGuard {
  private constructor(
    /** Real, absolute paths of the chosen folders. */
    readonly roots: readonly string[],
  ) {}

  /** Resolves the chosen folders to their real paths; each must be an existing folder. */
  static async create(folders: readonly string[]): Promise<FolderGuard> {
    if (folders.length === 0) throw new UserError('choose at least one folder to work in');
    const roots: string[] = [];
    for (const folder of folders) {
      let real: string;
      try {
        real = await realpath(resolve(folder));
      } catch {
        throw new UserError(`cannot use ${folder} as a root: no such folder`);
      }
      if (!(await stat(real)).isDirectory()) throw new UserError(`cannot use ${folder} as a root: it is not a folder`);
      if (!roots.includes(real)) roots.push(real);
    }
    return new FolderGuard(roots);
  }

  /** True when a real path lies inside one of the roots. */
  contains(realPath: string): boolean {
    return this.roots.some((root) => isInside(root, realPath));
  }

  /** An absolute path, with relative paths taken from the first root; refuses `..` and NUL. */
  private absolute(path: string): string {
    if (path.length === 0) throw new UserError('a path must not be empty');
    if (path.includes('\u0000')) throw new UserError('a path must not contain a NUL character');
    if (path.split(/[\\/]/).includes('..')) throw new UserError(`${path}: paths may not contain ".."`);
    return resolve(this.roots[0] as string, path);
  }

  private outside(path: string): UserError {
    return new UserError(`${path} is outside the folders this session may use (${this.roots.join(', ')})`);
  }

  /** The real path of an existing file or folder inside a root. */
  async resolveExisting(path: string): Promise<string> {
    const absolute = this.absolute(path);
    let real: string;
    try {
      real = await realpath(absolute);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') {
        // Say "outside" rather than "missing" for paths the user may not probe.
        if (!this.contains(absolute)) throw this.outside(path);
        throw new UserError(`${path}: no such file or folder`);
      }
      throw new UserError(`cannot read ${path}: ${(error as Error).message}`);
    }
    if (!this.contains(real)) throw this.outside(path);
    return real;
  }

  /**
   * Where to write a file inside a root: the folder must exist inside a root; an existing file is
   * written at its real path (so a link inside the roots keeps working) and must not be a folder.
   */
  async resolveForWrite(path: string): Promise<string> {
    const absolute = this.absolute(path);
    const name = basename(absolute);
    const folder = await this.resolveExisting(dirname(absolute)).catch((error: unknown) => {
      if (error instanceof UserError && !this.contains(absolute)) throw this.outside(path);
      throw error;
    });
    const target = join(folder, name);
    let exists = true;
    try {
      await lstat(target);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw new UserError(`cannot write ${path}: ${(error as Error).message}`);
      exists = false;
    }
    if (!exists) return target;
    let real: string;
    try {
      real = await realpath(target);
    } catch {
      throw new UserError(`${path} is a broken link; remove it or choose another name`);
    }
    if (!this.contains(real)) throw this.outside(path);
    if ((await stat(real)).isDirectory()) throw new UserError(`${path} is a folder; choose a file name`);
    return real;
  }
}
