/**
 * Parameters as the inspector's text fields show and read them. Parsing never refuses: text that is
 * not a well-formed value is stored as typed, and the engine's validation says what is wrong with
 * it under the field, as the user types.
 */
import type { ParamSpec } from '../../engine/core/index.ts';

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

function parseNumber(token: string): number | string {
  return NUMBER.test(token) ? Number(token) : token;
}

/** "3, 5", "[3, 5]", "3×5", "3 x 5" → [3, 5]; a token that is not a number keeps the whole text. */
function parseList(text: string): number[] | string {
  const tokens = text
    .replace(/^\[|\]$/g, '')
    .split(/\s*[,×xX*\s]\s*/)
    .filter((token) => token !== '');
  const values = tokens.map(parseNumber);
  return values.every((value): value is number => typeof value === 'number') ? values : text;
}

/** The value a field's text stands for; undefined (use the default) when empty. */
export function parseParamText(spec: ParamSpec, raw: string): unknown {
  const text = raw.trim();
  if (text === '') return undefined;
  switch (spec.kind) {
    case 'int':
    case 'number':
      return parseNumber(text);
    case 'axes': {
      const list = parseList(text);
      return Array.isArray(list) && list.length === 1 && !text.startsWith('[') ? list[0] : list;
    }
    case 'padding': {
      const mode = spec.modes.find((m) => m === text.toLowerCase());
      if (mode) return mode;
      const list = parseList(text);
      return Array.isArray(list) && list.length === 1 && !text.startsWith('[') ? list[0] : list;
    }
    case 'shape':
      return parseList(text);
    case 'bool':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'text':
      return raw;
  }
}

/** The text a field shows for a stored value. */
export function formatParamValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** What an empty field means: the default, or that the parameter is required. */
export function placeholderFor(spec: ParamSpec, labelOf: (key: string) => string): string {
  switch (spec.kind) {
    case 'axes':
      if (spec.defaultFrom !== undefined) return `same as ${labelOf(spec.defaultFrom).toLowerCase()}`;
      return spec.default === undefined ? 'required, e.g. 3 or 3, 5' : String(spec.default);
    case 'int':
      return spec.default === undefined ? 'required' : String(spec.default);
    case 'shape':
      return spec.default === undefined ? 'required, e.g. 1, 28, 28' : spec.default.join(', ');
    case 'padding':
    case 'number':
      return String(spec.default);
    case 'bool':
      return String(spec.default);
    case 'text':
      return 'node id';
  }
}
