import { win32 } from 'node:path';

/**
 * The roots of every file system the desktop app may reach: `/` on macOS and Linux, each present
 * drive on Windows (A: and B: are skipped: probing an empty floppy drive can stall).
 */
export function filesystemRoots(platform: NodeJS.Platform, exists: (path: string) => boolean): string[] {
  if (platform !== 'win32') return ['/'];
  const drives = [...'CDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter) => win32.join(`${letter}:`, '\\'));
  return drives.filter((drive) => exists(drive));
}
