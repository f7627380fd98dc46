/**
 * Recently opened and saved designs, kept in a small JSON file in the user's config folder so they
 * survive a restart; where that folder cannot be written the list lives for the session only.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write.ts';

const MAX_RECENT = 12;
const recentSchema = z.object({ recent: z.array(z.string()).max(100) });

/** The per-user config folder Netwright uses, following each platform's convention. */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env['NETWRIGHT_CONFIG_DIR']) return env['NETWRIGHT_CONFIG_DIR'];
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Netwright');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Netwright');
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'netwright');
}

export class RecentFiles {
  private constructor(
    private readonly file: string | undefined,
    private paths: string[],
  ) {}

  /** Loads the list from `configDir`; a missing or unreadable file starts an empty list. */
  static async load(configDir: string | undefined): Promise<RecentFiles> {
    if (configDir === undefined) return new RecentFiles(undefined, []);
    const file = join(configDir, 'recent.json');
    try {
      const parsed = recentSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      return new RecentFiles(file, parsed.success ? parsed.data.recent.slice(0, MAX_RECENT) : []);
    } catch {
      return new RecentFiles(file, []);
    }
  }

  list(): readonly string[] {
    return this.paths;
  }

  /** Moves `path` to the front and saves the list; a config folder that cannot be written keeps it in memory. */
  async add(path: string): Promise<void> {
    this.paths = [path, ...this.paths.filter((p) => p !== path)].slice(0, MAX_RECENT);
    if (this.file === undefined) return;
    try {
      await mkdir(dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, `${JSON.stringify({ recent: this.paths }, null, 2)}\n`);
    } catch {
      // An unwritable config folder keeps the list for this session only.
    }
  }
}
