import { describe, expect, it } from 'vitest';
import { LAYER_CATEGORIES, LAYER_TYPES } from '../../engine/core/index.ts';
import { bestMatch, paletteGroups } from './palette-model.ts';

describe('palette model', () => {
  it('lists every layer type once, grouped in catalogue order', () => {
    const groups = paletteGroups('');
    expect(groups.map((group) => group.label)).toEqual(Object.values(LAYER_CATEGORIES));
    expect(groups.flatMap((group) => group.types).sort()).toEqual([...LAYER_TYPES].sort());
  });

  it('finds layers by name, by what they do and by group', () => {
    expect(paletteGroups('pool').flatMap((group) => group.types)).toEqual(
      expect.arrayContaining(['MaxPool', 'AvgPool', 'LpPool', 'GlobalAvgPool', 'GlobalMaxPool']),
    );
    expect(paletteGroups('residual').flatMap((group) => group.types)).toContain('Add');
    expect(paletteGroups('merge').map((group) => group.label)).toEqual(['Merge']);
    expect(paletteGroups('zzz')).toEqual([]);
  });

  it('picks the name match for Enter', () => {
    expect(bestMatch('conv')).toBe('Conv');
    expect(bestMatch('relu')).toBe('ReLU');
    expect(bestMatch('max')).toBe('MaxPool');
    expect(bestMatch('  ')).toBeUndefined();
  });
});
