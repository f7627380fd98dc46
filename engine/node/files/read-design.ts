import { readFile } from 'node:fs/promises';
import { parseGraphText, type GraphDocument } from '../../core/index.ts';
import { UserError } from '../cli/cli-error.ts';

/** Reads a file's bytes, turning file-system failures into one clear line. */
export async function readUserFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new UserError(`cannot read ${path}: ${reason}`);
  }
}

/** Reads and validates a graph document, or throws a UserError naming the file and every problem. */
export async function readGraphDocument(path: string): Promise<GraphDocument> {
  const bytes = await readUserFile(path);
  const parsed = parseGraphText(bytes.toString('utf8'));
  if (parsed.ok) return parsed.document;
  const problems = parsed.problems
    .slice(0, 5)
    .map((p) => (p.path ? `${p.path}: ${p.message}` : p.message))
    .join('; ');
  const more = parsed.problems.length > 5 ? ` (and ${parsed.problems.length - 5} more)` : '';
  throw new UserError(`${path} is not a valid graph document: ${problems}${more}`);
}
