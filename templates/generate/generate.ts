/**
 * Writes templates/*.json from the builders in this folder: `npx tsx templates/generate/generate.ts`.
 * The output is committed; templates/templates.test.ts fails when it drifts from what this writes.
 */
import { rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderTemplates } from './catalogue.ts';

const folder = fileURLToPath(new URL('..', import.meta.url));
for (const [file, text] of await renderTemplates()) {
  const path = `${folder}${file}`;
  // Write beside, then rename: a reader never sees half a template.
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
  process.stdout.write(`wrote templates/${file}\n`);
}
