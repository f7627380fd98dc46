import { UserError } from './cli-error.ts';

/** Parses a whole-number option, or throws a UserError naming the option and the accepted range. */
export function parseWholeNumber(
  option: string,
  text: string | undefined,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (text === undefined) return undefined;
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
    throw new UserError(`--${option} must be a whole number ${range}, got "${text}"`);
  }
  return value;
}

/** Parses a comma-separated list of numbers such as "0.485,0.456,0.406". */
export function parseNumberList(option: string, text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const values = text.split(',').map((part) => Number(part.trim()));
  if (values.length === 0 || values.some((value, i) => !Number.isFinite(value) || text.split(',')[i]?.trim() === ''))
    throw new UserError(`--${option} must be numbers separated by commas, such as 0.485,0.456,0.406; got "${text}"`);
  return values;
}
