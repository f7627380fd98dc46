/**
 * The graph document, format v1: one JSON file per design (DESIGN.md, "The graph document").
 * Parsing never trusts the file: structure is checked by a zod schema that reports the JSON path
 * of every problem; layer parameters are checked later, per node, as diagnostics, so one bad value
 * shows up on its node instead of refusing the whole file.
 */
import { z } from 'zod';

export const GRAPH_FORMAT = 'netwright-graph';
export const CURRENT_VERSION = 1;

/** Largest coordinate a node may sit at; keeps layouts and bounding boxes finite. */
const MAX_COORDINATE = 1e7;
const MAX_ID_LENGTH = 200;

const idSchema = z
  .string()
  .min(1, 'an id must not be empty')
  .max(MAX_ID_LENGTH, `an id must be at most ${MAX_ID_LENGTH} characters`);

const coordinate = z.number().finite('must be a finite number').min(-MAX_COORDINATE).max(MAX_COORDINATE);

const nodeSchema = z.looseObject({
  id: idSchema,
  type: z.string().min(1, 'a node needs a type such as "Conv"'),
  label: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  position: z.object({ x: coordinate, y: coordinate }).optional(),
});

const edgeSchema = z.looseObject({
  source: idSchema,
  target: idSchema,
  targetPort: z.number().int('targetPort must be a whole number').min(0).max(1024).optional(),
});

const weightsSchema = z.object({
  file: z
    .string()
    .min(1)
    .refine((file) => !/(^|[\\/])\.\.([\\/]|$)/.test(file) && !/^([\\/]|[a-zA-Z]:)/.test(file), {
      message: 'must be a file name beside the graph, not a path that leaves its folder',
    }),
  format: z.literal('safetensors'),
});

const documentSchema = z.looseObject({
  format: z.literal(GRAPH_FORMAT, { error: `must be "${GRAPH_FORMAT}"` }),
  version: z.literal(CURRENT_VERSION),
  name: z.string().max(500),
  description: z.string().optional(),
  citation: z.string().optional(),
  nodes: z.array(nodeSchema).max(100_000),
  edges: z.array(edgeSchema).max(400_000),
  weights: weightsSchema.optional(),
});

export interface GraphNode {
  readonly id: string;
  readonly type: string;
  readonly label?: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly position?: { readonly x: number; readonly y: number };
}

export interface GraphEdge {
  readonly source: string;
  readonly target: string;
  /** Orders the inputs of a multi-input node (Add, Concat); 0 when absent. */
  readonly targetPort?: number;
}

/** Where a graph's imported weights live: a safetensors file beside the JSON. */
export interface WeightsReference {
  readonly file: string;
  readonly format: 'safetensors';
}

export interface GraphDocument {
  readonly format: typeof GRAPH_FORMAT;
  readonly version: typeof CURRENT_VERSION;
  readonly name: string;
  readonly description?: string;
  readonly citation?: string;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly weights?: WeightsReference;
}

export interface DocumentProblem {
  /** JSON path of the offending value, e.g. "nodes[3].position.x"; "" for the whole file. */
  readonly path: string;
  readonly message: string;
}

export type ParsedDocument =
  | { readonly ok: true; readonly document: GraphDocument }
  | { readonly ok: false; readonly problems: readonly DocumentProblem[] };

/**
 * Migrations from each older version to the next. Reading a file applies them in turn until it
 * reaches CURRENT_VERSION; a version bump adds one entry here.
 */
const MIGRATIONS: Readonly<Record<number, (document: Record<string, unknown>) => Record<string, unknown>>> = {};

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

function migrate(
  raw: Record<string, unknown>,
):
  | { readonly ok: true; readonly raw: Record<string, unknown> }
  | { readonly ok: false; readonly problem: DocumentProblem } {
  let document = raw;
  let version = document['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { ok: false, problem: { path: 'version', message: `must be a whole number such as ${CURRENT_VERSION}` } };
  if (version > CURRENT_VERSION) {
    const message = `version ${version} was written by a newer Netwright; this one reads up to version ${CURRENT_VERSION}, so update Netwright`;
    return { ok: false, problem: { path: 'version', message } };
  }
  while (version < CURRENT_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) return { ok: false, problem: { path: 'version', message: `no migration from version ${version}` } };
    document = step(document);
    version += 1;
  }
  return { ok: true, raw: document };
}

/** Validates an already-parsed JSON value as a graph document, migrating older versions. */
export function parseGraphDocument(value: unknown): ParsedDocument {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, problems: [{ path: '', message: 'a graph document must be a JSON object' }] };
  const raw = value as Record<string, unknown>;
  if (raw['format'] !== GRAPH_FORMAT)
    return {
      ok: false,
      problems: [{ path: 'format', message: `must be "${GRAPH_FORMAT}"; this is not a Netwright graph document` }],
    };
  const migrated = migrate(raw);
  if (!migrated.ok) return { ok: false, problems: [migrated.problem] };
  const result = documentSchema.safeParse(migrated.raw);
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    };
  }
  return { ok: true, document: result.data as GraphDocument };
}

/** Parses the text of a graph file. Binary or non-JSON input gets one clear problem, never an exception. */
export function parseGraphText(text: string): ParsedDocument {
  if (text.includes('\u0000'))
    return { ok: false, problems: [{ path: '', message: 'this is a binary file, not a graph document (JSON)' }] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ path: '', message: `not valid JSON: ${detail}` }] };
  }
  return parseGraphDocument(value);
}

/** Serialises a document the way files are saved: stable two-space JSON with a final newline. */
export function serializeGraphDocument(document: GraphDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** An empty design with one input, to start from. */
export function emptyGraphDocument(name = 'Untitled'): GraphDocument {
  return { format: GRAPH_FORMAT, version: CURRENT_VERSION, name, nodes: [], edges: [] };
}
