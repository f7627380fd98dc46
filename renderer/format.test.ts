import { describe, expect, it } from 'vitest';
import { formatCount as engineCount, formatMacs as engineMacs } from '../engine/core/index.ts';
import { formatBytes, formatCompact, formatCount, formatMacs, formatMacsInFull } from './format.ts';

describe('format', () => {
  it('prints counts and MACs exactly as the engine summary does', () => {
    for (const value of [0, 7, 61_706, 25_557_032, 11_513_626_624]) {
      expect(formatCount(value)).toBe(engineCount(value));
      expect(formatMacs(value)).toBe(engineMacs(value));
    }
  });

  it('shortens for cards and spells out in full where there is room', () => {
    expect(formatCompact(156)).toBe('156');
    expect(formatCompact(48_120)).toBe('48.1K');
    expect(formatCompact(2_359_296)).toBe('2.36M');
    expect(formatMacsInFull(416_520)).toBe('416,520');
    expect(formatMacsInFull(11_513_626_624)).toBe('11,513,626,624 (11.51 G)');
    expect(formatBytes(802_816 * 4)).toBe('3.2 MB');
  });
});
