import { describe, expect, it } from 'vitest';
import { layerOf, resolveParams, type ParamSpec } from '../../engine/core/index.ts';
import { formatParamValue, parseParamText, placeholderFor } from './param-text.ts';

const conv = layerOf('Conv').params;
const spec = (key: string): ParamSpec => conv[key] as ParamSpec;

describe('parseParamText', () => {
  it('reads numbers, lists and modes', () => {
    expect(parseParamText(spec('outChannels'), ' 64 ')).toBe(64);
    expect(parseParamText(spec('kernelSize'), '3')).toBe(3);
    expect(parseParamText(spec('kernelSize'), '3, 5')).toEqual([3, 5]);
    expect(parseParamText(spec('kernelSize'), '3×5')).toEqual([3, 5]);
    expect(parseParamText(spec('kernelSize'), '[7]')).toEqual([7]);
    expect(parseParamText(spec('padding'), 'Same')).toBe('same');
    expect(parseParamText(spec('padding'), '1 2')).toEqual([1, 2]);
    expect(parseParamText(layerOf('Input').params['shape'] as ParamSpec, '1, 28, 28')).toEqual([1, 28, 28]);
    expect(parseParamText(layerOf('Input').params['shape'] as ParamSpec, '10')).toEqual([10]);
  });

  it('keeps malformed text as typed, so validation can say what is wrong with it', () => {
    const value = parseParamText(spec('outChannels'), '6a');
    expect(value).toBe('6a');
    const resolved = resolveParams(conv, { outChannels: value, kernelSize: 3 });
    expect(resolved.ok ? [] : resolved.problems).toEqual([
      { param: 'outChannels', message: 'outChannels must be a number, got "6a"' },
    ]);
    expect(parseParamText(spec('kernelSize'), '3,')).toBe(3);
    expect(parseParamText(spec('kernelSize'), '3, b')).toBe('3, b');
  });

  it('an empty field means the default', () => {
    expect(parseParamText(spec('stride'), '  ')).toBeUndefined();
  });

  it('round-trips through the text it shows', () => {
    for (const [key, value] of [
      ['kernelSize', [3, 5]],
      ['padding', 'same'],
      ['stride', 2],
    ] as const)
      expect(parseParamText(spec(key), formatParamValue(value))).toEqual(value);
  });
});

describe('placeholderFor', () => {
  it('names the default or says the value is required', () => {
    const label = (key: string) => conv[key]?.label ?? key;
    expect(placeholderFor(spec('stride'), label)).toBe('1');
    expect(placeholderFor(spec('outChannels'), label)).toBe('required');
    const pool = layerOf('MaxPool').params;
    expect(placeholderFor(pool['stride'] as ParamSpec, (key) => pool[key]?.label ?? key)).toBe('same as kernel size');
  });
});
