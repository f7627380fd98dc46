/**
 * Parameter schemas: one declaration per layer drives the defaults, the validation, the inspector
 * form, the palette and the saved file. A schema is plain data so the renderer can walk it.
 */

/** Largest size any single dimension, kernel or count may take: keeps every product a safe integer. */
export const MAX_DIMENSION = 2 ** 31 - 1;

interface ParamSpecBase {
  /** Teaching help, shown in the inspector. */
  readonly help: string;
  /** A short label for forms; the key is used when absent. */
  readonly label?: string;
}

/** A whole number, such as a channel count. */
export interface IntParamSpec extends ParamSpecBase {
  readonly kind: 'int';
  readonly default?: number;
  readonly min: number;
  readonly max?: number;
}

/** A whole number per spatial axis, or one scalar for every axis (kernel size, stride, dilation). */
export interface AxesParamSpec extends ParamSpecBase {
  readonly kind: 'axes';
  readonly default?: number;
  /** When set, the default is the value of that other parameter (a pool's stride defaults to its kernel). */
  readonly defaultFrom?: string;
  readonly min: number;
}

/** Padding: a scalar, one value per axis, or a mode. */
export interface PaddingParamSpec extends ParamSpecBase {
  readonly kind: 'padding';
  readonly default: number;
  readonly modes: readonly PaddingMode[];
}

/** A real number, such as a slope or an epsilon. */
export interface NumberParamSpec extends ParamSpecBase {
  readonly kind: 'number';
  readonly default: number;
  readonly min?: number;
  readonly max?: number;
  /** Whether min itself is excluded (epsilon must be strictly positive). */
  readonly exclusiveMin?: boolean;
}

export interface BoolParamSpec extends ParamSpecBase {
  readonly kind: 'bool';
  readonly default: boolean;
}

/** A tensor shape without the batch dimension. */
export interface ShapeParamSpec extends ParamSpecBase {
  readonly kind: 'shape';
  readonly default?: readonly number[];
}

/** Free text, such as the name of a graph input or output. */
export interface TextParamSpec extends ParamSpecBase {
  readonly kind: 'text';
}

export type PaddingMode = 'same' | 'valid';

export type ParamSpec =
  IntParamSpec | AxesParamSpec | PaddingParamSpec | NumberParamSpec | BoolParamSpec | ShapeParamSpec | TextParamSpec;

export type ParamSchema = Readonly<Record<string, ParamSpec>>;

type ValueOf<S extends ParamSpec> = S extends IntParamSpec | NumberParamSpec
  ? number
  : S extends AxesParamSpec
    ? number | readonly number[]
    : S extends PaddingParamSpec
      ? number | readonly number[] | PaddingMode
      : S extends BoolParamSpec
        ? boolean
        : S extends ShapeParamSpec
          ? readonly number[]
          : S extends TextParamSpec
            ? string | undefined
            : never;

/** The resolved parameter values of a schema: defaults applied, every value checked. */
export type ParamValues<S extends ParamSchema> = { readonly [K in keyof S]: ValueOf<S[K]> };

export interface ParamProblem {
  readonly param: string;
  readonly message: string;
}

export type ResolvedParams<S extends ParamSchema> =
  | { readonly ok: true; readonly values: ParamValues<S>; readonly unknown: readonly string[] }
  | { readonly ok: false; readonly problems: readonly ParamProblem[] };

function describe(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function checkWhole(name: string, value: unknown, min: number, max: number): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} must be a number, got ${describe(value)}`;
  if (!Number.isInteger(value)) return `${name} must be a whole number, got ${value}`;
  if (value < min) return `${name} must be at least ${min}, got ${value}`;
  if (value > max) return `${name} must be at most ${max.toLocaleString('en-US')}, got ${value}`;
  return undefined;
}

function checkAxes(name: string, value: unknown, min: number): string | undefined {
  if (Array.isArray(value)) {
    if (value.length === 0) return `${name} must have one value per spatial axis, got an empty list`;
    for (const [i, item] of value.entries()) {
      const problem = checkWhole(`${name}[${i}]`, item, min, MAX_DIMENSION);
      if (problem) return problem;
    }
    return undefined;
  }
  return checkWhole(name, value, min, MAX_DIMENSION);
}

function validateValue(name: string, spec: ParamSpec, value: unknown): string | undefined {
  switch (spec.kind) {
    case 'int':
      return checkWhole(name, value, spec.min, spec.max ?? MAX_DIMENSION);
    case 'axes':
      return checkAxes(name, value, spec.min);
    case 'padding':
      if (typeof value === 'string') {
        return (spec.modes as readonly string[]).includes(value)
          ? undefined
          : `${name} must be a number, a list of numbers or one of ${spec.modes.map((m) => `"${m}"`).join(', ')}, got ${describe(value)}`;
      }
      return checkAxes(name, value, 0);
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return `${name} must be a finite number, got ${describe(value)}`;
      if (spec.min !== undefined && (spec.exclusiveMin ? value <= spec.min : value < spec.min))
        return `${name} must be ${spec.exclusiveMin ? 'greater than' : 'at least'} ${spec.min}, got ${value}`;
      if (spec.max !== undefined && value > spec.max) return `${name} must be at most ${spec.max}, got ${value}`;
      return undefined;
    }
    case 'bool':
      return typeof value === 'boolean' ? undefined : `${name} must be true or false, got ${describe(value)}`;
    case 'shape': {
      if (!Array.isArray(value) || value.length === 0)
        return `${name} must be a list of sizes such as [1, 28, 28], got ${describe(value)}`;
      let product = 1;
      for (const [i, item] of value.entries()) {
        const problem = checkWhole(`${name}[${i}]`, item, 1, MAX_DIMENSION);
        if (problem) return problem;
        product *= item as number;
      }
      if (!Number.isSafeInteger(product))
        return `${name} ${describe(value)} has ${product.toExponential(2)} elements, more than any tensor can hold; use smaller sizes`;
      return undefined;
    }
    case 'text':
      return typeof value === 'string' ? undefined : `${name} must be text, got ${describe(value)}`;
  }
}

/** Schema entries, computed once per schema: resolveParams runs for every node on every edit. */
const entriesCache = new WeakMap<ParamSchema, readonly (readonly [string, ParamSpec])[]>();

function entriesOf(schema: ParamSchema): readonly (readonly [string, ParamSpec])[] {
  let entries = entriesCache.get(schema);
  if (!entries) {
    entries = Object.entries(schema);
    entriesCache.set(schema, entries);
  }
  return entries;
}

/**
 * Applies a schema's defaults to raw parameters from a document and validates every value.
 * Only own properties are read, so a document cannot smuggle values in through the prototype.
 */
export function resolveParams<S extends ParamSchema>(
  schema: S,
  raw: Readonly<Record<string, unknown>> | undefined,
): ResolvedParams<S> {
  const values: Record<string, unknown> = {};
  let problems: ParamProblem[] | undefined;
  let derived = false;
  for (const [key, spec] of entriesOf(schema)) {
    const value = raw !== undefined && Object.hasOwn(raw, key) ? raw[key] : undefined;
    if (value === undefined || value === null) {
      if (spec.kind === 'text') values[key] = undefined;
      else if (spec.kind === 'axes' && spec.defaultFrom !== undefined) derived = true;
      else if ('default' in spec && spec.default !== undefined) values[key] = spec.default;
      else
        (problems ??= []).push({ param: key, message: `${key} is required: ${spec.help.split('\n')[0] ?? ''}`.trim() });
      continue;
    }
    const problem = validateValue(key, spec, value);
    if (problem) (problems ??= []).push({ param: key, message: problem });
    else values[key] = value;
  }
  if (problems) return { ok: false, problems };
  if (derived) {
    for (const [key, spec] of entriesOf(schema)) {
      if (spec.kind === 'axes' && spec.defaultFrom !== undefined && values[key] === undefined)
        values[key] = values[spec.defaultFrom];
    }
  }
  let unknown: string[] = NO_NAMES;
  if (raw !== undefined) {
    for (const key in raw) {
      if (Object.hasOwn(raw, key) && !Object.hasOwn(schema, key))
        (unknown === NO_NAMES ? (unknown = []) : unknown).push(key);
    }
  }
  return { ok: true, values: values as ParamValues<S>, unknown };
}

const NO_NAMES: string[] = [];
