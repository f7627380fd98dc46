import { describe, expect, it } from 'vitest';
import {
  classLabels,
  formatMs,
  formatRelative,
  formatShort,
  formatValue,
  isDistribution,
  rankClasses,
  softmax,
} from './read-output.ts';

describe('classLabels', () => {
  it('names ten classes on a grey image as digits, and nothing else', () => {
    expect(classLabels(10, [1, 28, 28])).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(classLabels(10, [3, 32, 32])).toBeUndefined();
    expect(classLabels(1000, [1, 28, 28])).toBeUndefined();
    expect(classLabels(10, undefined)).toBeUndefined();
  });
});

describe('rankClasses', () => {
  it('ranks raw scores and turns them into probabilities', () => {
    const { ranked, fromScores } = rankClasses([1, 5, 3], ['a', 'b', 'c'], 2);
    expect(fromScores).toBe(true);
    expect(ranked.map((r) => r.label)).toEqual(['b', 'c']);
    const e = [Math.exp(1), Math.exp(5), Math.exp(3)];
    expect(ranked[0]?.probability).toBeCloseTo(e[1]! / (e[0]! + e[1]! + e[2]!), 12);
  });

  it('keeps probabilities that a Softmax already made, and labels classes by index without names', () => {
    const { ranked, fromScores } = rankClasses([0.1, 0.7, 0.2], undefined);
    expect(fromScores).toBe(false);
    expect(ranked.map((r) => [r.label, r.probability])).toEqual([
      ['class 1', 0.7],
      ['class 2', 0.2],
      ['class 0', 0.1],
    ]);
  });

  it('tells a distribution from scores', () => {
    expect(isDistribution([0.25, 0.75])).toBe(true);
    expect(isDistribution([0.5, 0.6])).toBe(false);
    expect(isDistribution([-0.1, 1.1])).toBe(false);
    expect([...softmax([1000, 1000])]).toEqual([0.5, 0.5]);
  });
});

describe('formatting', () => {
  it('writes values short', () => {
    expect([0, 0.0123, -3.14159, 12345.6, 2.1e-7, Number.NaN].map(formatValue)).toEqual([
      '0',
      '0.0123',
      '−3.14',
      '1.23e4',
      '2.1e-7',
      'NaN',
    ]);
  });

  it('writes captions shorter still', () => {
    expect([0.0319, -1.234, 250.4, 12345, 0.00123, 0].map(formatShort)).toEqual([
      '0.032',
      '−1.2',
      '250',
      '1.2e4',
      '0.0012',
      '0',
    ]);
  });

  it('writes durations and relative differences', () => {
    expect([0.0681, 3.456, 12.34, 250].map(formatMs)).toEqual(['0.068 ms', '3.46 ms', '12.3 ms', '250 ms']);
    expect([undefined, 0, 3.2e-8, 0.0005, 0.05, 0.4567].map(formatRelative)).toEqual([
      '—',
      '0',
      '3.2e-8',
      '0.05%',
      '5%',
      '45.7%',
    ]);
  });
});
