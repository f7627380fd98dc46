/**
 * The arguments of every Host operation as zod schemas: whatever a transport receives (an HTTP
 * body, an IPC message) is checked against these before any engine function sees it. A graph
 * document goes through the engine's own parser, so the checks and messages are those of a file.
 */
import { z } from 'zod';
import { parseGraphDocument, type GraphDocument } from '../../core/index.ts';
import type { Host } from '../../core/host/host-api.ts';
import type { HostOperationName } from '../../core/host/web-protocol.ts';

/** JSON has no `undefined`: an omitted optional argument arrives as null or not at all. */
function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => value ?? undefined);
}

const path = z.string().min(1, 'a path must not be empty').max(4096);
const handle = z.string().max(200);
const id = z.string().min(1).max(200);

const graphDocument = z.unknown().transform((value, context): GraphDocument => {
  const parsed = parseGraphDocument(value);
  if (parsed.ok) return parsed.document;
  for (const problem of parsed.problems.slice(0, 5))
    context.addIssue({ code: 'custom', message: problem.message, path: problem.path ? [problem.path] : [] });
  return z.NEVER;
});

const exportOptions = z.strictObject({
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .exactOptional(),
  opset: z.number().int().min(7).max(30).exactOptional(),
  taskId: id.exactOptional(),
});

const inferenceInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('random'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1),
  }),
  z.strictObject({
    kind: z.literal('image'),
    path,
    mean: z.array(z.number().finite()).max(64).exactOptional(),
    std: z.array(z.number().finite()).max(64).exactOptional(),
  }),
  z.strictObject({ kind: z.literal('tensor'), data: z.array(z.number().finite()).max(8_000_000) }),
]);

const runRequest = z.strictObject({
  runId: id,
  handle,
  document: graphDocument,
  input: inferenceInput,
  provider: z.enum(['cpu', 'cuda', 'webgpu', 'dml', 'coreml']),
  repeat: z.number().int().min(1).max(10_000),
  captureNodeIds: z.array(id).max(10_000).exactOptional(),
  weightNodeIds: z.array(id).max(10_000).exactOptional(),
});

type ArgumentSchemas = { readonly [K in HostOperationName]: z.ZodType<Parameters<Host[K]>> };

/** One schema per operation, for the argument list as an array. */
export const OPERATION_ARGUMENTS: ArgumentSchemas = {
  listTemplates: z.tuple([]),
  openTemplate: z.tuple([id]),
  listRoots: z.tuple([]),
  listFolder: z.tuple([path]),
  recentFiles: z.tuple([]),
  openDesign: z.tuple([optional(path)]),
  saveDesign: z.tuple([handle, graphDocument, optional(path)]),
  exportOnnx: z.tuple([handle, graphDocument, optional(path), optional(exportOptions)]),
  listProviders: z.tuple([]),
  runInference: z.tuple([runRequest]),
  cancelRun: z.tuple([id]),
};

export function isOperationName(name: string): name is HostOperationName {
  return Object.hasOwn(OPERATION_ARGUMENTS, name);
}

/** Checks an argument list; returns the typed arguments or one line naming every problem. */
export function parseOperationArguments<K extends HostOperationName>(
  name: K,
  value: unknown,
): { readonly ok: true; readonly args: Parameters<Host[K]> } | { readonly ok: false; readonly message: string } {
  const schema: z.ZodType<Parameters<Host[K]>> = OPERATION_ARGUMENTS[name];
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, args: result.data };
  const problems = result.error.issues.slice(0, 5).map((issue) => {
    const [argument, ...inside] = issue.path;
    if (argument === undefined) return issue.message;
    const where = [`argument ${Number(argument) + 1}`, ...inside.map(String)].join(' ');
    return `${where}: ${issue.message}`;
  });
  return { ok: false, message: `invalid arguments for ${name}: ${problems.join('; ')}` };
}
