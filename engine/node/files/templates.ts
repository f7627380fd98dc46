/**
 * The prebuilt templates: graph documents in the repository's templates/ folder, one file per
 * template, named by id (`resnet-50.json` is "resnet-50"). `netwright templates`, the web host and
 * Electron list and open them through these two functions.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeGraph, type GraphDocument, type TemplateSummary } from '../../core/index.ts';
import { UserError } from '../cli/cli-error.ts';
import { readGraphDocument } from './read-design.ts';

/**
 * templates/ at the repository root, found from this module's own location so it does not depend
 * on the working directory. A packaged app whose bundle moves this module passes its own folder.
 */
export const TEMPLATES_FOLDER = fileURLToPath(new URL('../../../templates/', import.meta.url));

/** What the template list shows: the Host's summary plus what the command line prints. */
export interface TemplateInfo extends TemplateSummary {
  readonly citation: string;
  readonly nonTrainableParams: number;
  readonly nodeCount: number;
  /** False when the file has an error diagnostic: someone edited it by hand and broke it. */
  readonly valid: boolean;
}

const JSON_SUFFIX = '.json';

/** Template ids in the folder, in natural order: resnet-18 before resnet-101. */
async function templateIds(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    throw new UserError(`cannot read the templates folder ${folder}: ${(error as Error).message}`);
  }
  return names
    .filter((name) => name.endsWith(JSON_SUFFIX))
    .map((name) => name.slice(0, -JSON_SUFFIX.length))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * Reads one template by id. Only ids of files in the folder are accepted, so an id cannot reach
 * outside it; an unknown id throws a UserError that lists the known ones.
 */
export async function readTemplate(id: string, folder: string = TEMPLATES_FOLDER): Promise<GraphDocument> {
  const ids = await templateIds(folder);
  if (!ids.includes(id)) throw new UserError(`there is no template "${id}"; the templates are ${ids.join(', ')}`);
  return readGraphDocument(join(folder, `${id}${JSON_SUFFIX}`));
}

/** Every template with its input shape and totals, as analyzeGraph counts them. */
export async function listTemplates(folder: string = TEMPLATES_FOLDER): Promise<TemplateInfo[]> {
  const ids = await templateIds(folder);
  return Promise.all(
    ids.map(async (id): Promise<TemplateInfo> => {
      const document = await readGraphDocument(join(folder, `${id}${JSON_SUFFIX}`));
      const analysis = analyzeGraph(document);
      const input = document.nodes.find((node) => node.type === 'Input');
      return {
        id,
        name: document.name,
        description: document.description ?? '',
        citation: document.citation ?? '',
        inputShape: (input && analysis.nodes.get(input.id)?.output?.shape) ?? [],
        trainableParams: analysis.totals.trainableParams,
        nonTrainableParams: analysis.totals.nonTrainableParams,
        macs: analysis.totals.macs,
        nodeCount: document.nodes.length,
        valid: analysis.valid,
      };
    }),
  );
}
