import { describe, expect, it } from 'vitest';
import { analyzeGraph, type GraphDocument } from '../../engine/core/index.ts';
import { buildInput, choiceFits, defaultChoice, inputSpecOf } from './run-inputs.ts';
import { squarePixels } from './samples.ts';

function withInput(shape: number[]): GraphDocument {
  return {
    format: 'netwright-graph',
    version: 1,
    name: 'x',
    nodes: [
      { id: 'x', type: 'Input', params: { shape } },
      { id: 'y', type: 'Output' },
    ],
    edges: [{ source: 'x', target: 'y' }],
  };
}

const specOf = (shape: number[]) => {
  const spec = inputSpecOf(analyzeGraph(withInput(shape)));
  if (!spec) throw new Error('no input');
  return spec;
};

describe('inputSpecOf', () => {
  it('tells images, signals and other inputs apart', () => {
    expect(specOf([1, 28, 28])).toEqual({ nodeId: 'x', shape: [1, 28, 28], kind: 'image' });
    expect(specOf([2, 100]).kind).toBe('signal');
    expect(specOf([16]).kind).toBe('other');
    expect(specOf([4, 8, 8]).kind).toBe('other');
    expect(inputSpecOf(analyzeGraph({ ...withInput([1]), nodes: [] }))).toBeUndefined();
  });
});

describe('buildInput', () => {
  it('starts each kind of input with a choice that fits it', () => {
    for (const shape of [[1, 28, 28], [3, 8, 8], [2, 100], [16]]) {
      const spec = specOf(shape);
      expect(choiceFits(defaultChoice(spec), spec.kind)).toBe(true);
    }
    expect(defaultChoice(specOf([3, 8, 8]))).toEqual({ kind: 'sample', sampleId: 'blobs' });
    expect(choiceFits({ kind: 'signal', signal: 'step', seed: 0 }, 'image')).toBe(false);
  });

  it('sends an image as a tensor of the input size', () => {
    const built = buildInput({ kind: 'sample', sampleId: 'square' }, specOf([1, 8, 8]), 'byte', squarePixels());
    expect(built.ok && built.input.kind === 'tensor' && built.input.data.length).toBe(64);
    expect(built.ok && built.input.kind === 'tensor' && Math.max(...built.input.data)).toBeCloseTo(255, 3);
  });

  it('fills every channel of a signal input', () => {
    const built = buildInput({ kind: 'signal', signal: 'step', seed: 0 }, specOf([2, 4]), 'unit', undefined);
    expect(built.ok && built.input).toEqual({ kind: 'tensor', data: [0, 0, 1, 1, 0, 0, 1, 1] });
  });

  it('resamples a CSV column to the signal length and says so', () => {
    const built = buildInput(
      { kind: 'csv', name: 'a.csv', columns: [Float32Array.of(0, 1)] },
      specOf([1, 3]),
      'unit',
      undefined,
    );
    expect(built).toEqual({
      ok: true,
      input: { kind: 'tensor', data: [0, 0.5, 1] },
      note: 'From a.csv: resampled from 2 to 3 samples.',
    });
  });

  it('takes CSV values row by row for a vector input, and refuses a wrong count', () => {
    const columns = [Float32Array.of(1, 3), Float32Array.of(2, 4)];
    expect(buildInput({ kind: 'csv', name: 'v.csv', columns }, specOf([4]), 'unit', undefined)).toMatchObject({
      ok: true,
      input: { data: [1, 2, 3, 4] },
    });
    expect(buildInput({ kind: 'csv', name: 'v.csv', columns }, specOf([5]), 'unit', undefined)).toEqual({
      ok: false,
      message: 'the file has 4 values but the input [5] takes 5',
    });
  });

  it('passes random inputs to the engine by seed', () => {
    expect(buildInput({ kind: 'random', seed: 7 }, specOf([16]), 'unit', undefined)).toEqual({
      ok: true,
      input: { kind: 'random', seed: 7 },
      note: undefined,
    });
  });
});
