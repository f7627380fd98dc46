import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../analysis/analyze-graph.ts';
import { parseGraphText, serializeGraphDocument } from './graph-document.ts';

const minimal = (nodes: unknown[], edges: unknown[] = [], extra: object = {}): string =>
  JSON.stringify({ format: 'netwright-graph', version: 1, name: 'test', nodes, edges, ...extra });

describe('parseGraphText', () => {
  it('reads the example of DESIGN.md', () => {
    const parsed = parseGraphText(
      minimal(
        [
          { id: 'input', type: 'Input', params: { shape: [1, 32, 32] }, position: { x: 0, y: 0 } },
          { id: 'c1', type: 'Conv', params: { outChannels: 6, kernelSize: 5 } },
          { id: 't1', type: 'Tanh' },
          { id: 'logits', type: 'Output' },
        ],
        [
          { source: 'input', target: 'c1' },
          { source: 'c1', target: 't1' },
          { source: 't1', target: 'logits' },
        ],
      ),
    );
    expect(parsed.ok).toBe(true);
  });

  it('reports the JSON path of every problem', () => {
    const parsed = parseGraphText(
      minimal(
        [{ id: 'a', type: 'Input', position: { x: 'left', y: 0 } }, { type: 'Conv' }],
        [{ source: 'a', target: 3 }],
      ),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => p.path).sort()).toEqual([
      'edges[0].target',
      'nodes[0].position.x',
      'nodes[1].id',
    ]);
  });

  it('gives one clear problem for non-JSON, binary and foreign files', () => {
    for (const [text, fragment] of [
      ['{"format": ', 'not valid JSON'],
      ['\u0000\u0001ONNX', 'binary file'],
      ['[1, 2]', 'must be a JSON object'],
      ['{"format": "keras"}', 'not a Netwright graph document'],
      [minimal([], [], { version: 7 }), 'newer Netwright'],
    ] as const) {
      const parsed = parseGraphText(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.problems[0]?.message).toContain(fragment);
    }
  });

  it('accepts __proto__ and constructor as ids without harm', () => {
    const parsed = parseGraphText(
      minimal(
        [
          { id: '__proto__', type: 'Input', params: { shape: [4] } },
          { id: 'constructor', type: 'Dense', params: { outFeatures: 2, __proto__: { bias: false } } },
          { id: 'hasOwnProperty', type: 'Output' },
        ],
        [
          { source: '__proto__', target: 'constructor' },
          { source: 'constructor', target: 'hasOwnProperty' },
        ],
      ),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const analysis = analyzeGraph(parsed.document);
    expect(analysis.valid).toBe(true);
    expect(analysis.nodes.get('constructor')?.trainableParams).toBe(10);
    expect(analysis.outputs.get('hasOwnProperty')).toEqual([2]);
    expect(({} as Record<string, unknown>)['bias']).toBeUndefined();
  });

  it('keeps fields it does not know, so a newer section survives a save', () => {
    const parsed = parseGraphText(minimal([], [], { blocks: [{ id: 'res' }] }));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(serializeGraphDocument(parsed.document)).toContain('"blocks"');
  });

  it('refuses weights files that leave the graph folder', () => {
    for (const file of ['../secret.safetensors', '/etc/passwd', 'C:\\x.safetensors', 'a/../../b']) {
      const parsed = parseGraphText(minimal([], [], { weights: { file, format: 'safetensors' } }));
      expect(parsed.ok, file).toBe(false);
    }
  });
});

describe('untrusted sizes become diagnostics on their node', () => {
  const analyse = (params: object) => {
    const parsed = parseGraphText(
      minimal(
        [
          { id: 'in', type: 'Input', params },
          { id: 'out', type: 'Output' },
        ],
        [{ source: 'in', target: 'out' }],
      ),
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return analyzeGraph(parsed.document);
  };

  it.each([
    [{ shape: [1, null] }, 'must be a number'],
    [{ shape: [1, 2.5] }, 'whole number'],
    [{ shape: [1, -3] }, 'at least 1'],
    [{ shape: [0] }, 'at least 1'],
    [{ shape: [3e9] }, 'at most'],
    [{ shape: [2_000_000_000, 2_000_000_000, 2_000_000_000] }, 'more than any tensor can hold'],
    [{ shape: 'big' }, 'list of sizes'],
    [{}, 'required'],
  ])('%j', (params, fragment) => {
    const analysis = analyse(params);
    expect(analysis.valid).toBe(false);
    const problem = analysis.diagnostics.find((d) => d.code === 'invalid-param');
    expect(problem?.nodeId).toBe('in');
    expect(problem?.message).toContain(fragment);
  });
});
