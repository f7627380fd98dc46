/**
 * An in-memory Host for the renderer's unit tests: files live in a Map, templates are given, and
 * every call is recorded. Not part of the shipped app.
 */
import {
  analyzeGraph,
  parseGraphText,
  serializeGraphDocument,
  type FileEntry,
  type GraphDocument,
  type Host,
  type OpenedDesign,
  type TemplateSummary,
} from '../../engine/core/index.ts';

export class MemoryHost implements Host {
  readonly kind = 'web';
  readonly files = new Map<string, string>();
  readonly calls: string[] = [];
  private readonly recent: string[] = [];
  private handles = 0;

  constructor(
    readonly nativeDialogs: boolean,
    private readonly templates: Readonly<Record<string, GraphDocument>> = {},
  ) {}

  listTemplates(): Promise<readonly TemplateSummary[]> {
    this.calls.push('listTemplates');
    return Promise.resolve(
      Object.entries(this.templates).map(([id, document]) => {
        const analysis = analyzeGraph(document);
        const input = document.nodes.find((node) => node.type === 'Input');
        return {
          id,
          name: document.name,
          description: document.description ?? '',
          inputShape: (input?.params?.['shape'] as number[] | undefined) ?? [],
          trainableParams: analysis.totals.trainableParams,
          macs: analysis.totals.macs,
        };
      }),
    );
  }

  openTemplate(id: string): Promise<OpenedDesign> {
    this.calls.push(`openTemplate ${id}`);
    const document = this.templates[id];
    if (!document) return Promise.reject(new Error(`no template "${id}"`));
    return Promise.resolve({ handle: `h${++this.handles}`, path: undefined, document, hasWeights: false });
  }

  listRoots(): Promise<readonly string[]> {
    return Promise.resolve(['/work']);
  }

  listFolder(path: string): Promise<readonly FileEntry[]> {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const entries = new Map<string, FileEntry>();
    for (const file of this.files.keys()) {
      if (!file.startsWith(prefix)) continue;
      const [name, ...rest] = file.slice(prefix.length).split('/');
      if (!name) continue;
      const kind =
        rest.length > 0 ? 'folder' : name.endsWith('.json') ? 'graph' : name.endsWith('.onnx') ? 'onnx' : 'other';
      entries.set(name, { name, path: `${prefix}${name}`, kind });
    }
    return Promise.resolve([...entries.values()]);
  }

  recentFiles(): Promise<readonly string[]> {
    return Promise.resolve([...this.recent]);
  }

  openDesign(path?: string): Promise<OpenedDesign | undefined> {
    this.calls.push(`openDesign ${path ?? '(dialog)'}`);
    if (path === undefined) return Promise.resolve(undefined);
    const text = this.files.get(path);
    if (text === undefined) return Promise.reject(new Error(`${path} does not exist`));
    const parsed = parseGraphText(text);
    if (!parsed.ok) return Promise.reject(new Error(parsed.problems[0]?.message ?? 'unreadable'));
    this.remember(path);
    return Promise.resolve({ handle: `h${++this.handles}`, path, document: parsed.document, hasWeights: false });
  }

  saveDesign(handle: string, document: GraphDocument, path?: string): Promise<string | undefined> {
    this.calls.push(`saveDesign ${handle} ${path ?? '(dialog)'}`);
    if (path === undefined) return Promise.resolve(undefined);
    this.files.set(path, serializeGraphDocument(document));
    this.remember(path);
    return Promise.resolve(path);
  }

  exportOnnx(handle: string, _document: GraphDocument, path?: string) {
    this.calls.push(`exportOnnx ${handle} ${path ?? '(dialog)'}`);
    if (path === undefined) return Promise.resolve(undefined);
    this.files.set(path, 'onnx');
    return Promise.resolve({ path, bytes: 4, initialisedNodes: [] });
  }

  listProviders() {
    return Promise.resolve([{ name: 'cpu' as const, available: true }]);
  }

  runInference(): never {
    throw new Error('MemoryHost does not run models');
  }

  cancelRun(): Promise<void> {
    return Promise.resolve();
  }

  onProgress(): () => void {
    return () => undefined;
  }

  private remember(path: string): void {
    const index = this.recent.indexOf(path);
    if (index >= 0) this.recent.splice(index, 1);
    this.recent.unshift(path);
  }
}

/** A clipboard that keeps its text in memory, like the system one between two documents. */
export class MemoryClipboard {
  text = '';
  writeText(text: string): Promise<void> {
    this.text = text;
    return Promise.resolve();
  }
  readText(): Promise<string> {
    return Promise.resolve(this.text);
  }
}

/** LeNet-5 as DESIGN.md draws it: 61,706 trainable parameters. */
export function lenetDocument(): GraphDocument {
  const chain: [string, string, Record<string, unknown>?][] = [
    ['input', 'Input', { shape: [1, 32, 32] }],
    ['c1', 'Conv', { outChannels: 6, kernelSize: 5 }],
    ['t1', 'Tanh'],
    ['s2', 'AvgPool', { kernelSize: 2 }],
    ['c3', 'Conv', { outChannels: 16, kernelSize: 5 }],
    ['t3', 'Tanh'],
    ['s4', 'AvgPool', { kernelSize: 2 }],
    ['flat', 'Flatten'],
    ['f5', 'Dense', { outFeatures: 120 }],
    ['t5', 'Tanh'],
    ['f6', 'Dense', { outFeatures: 84 }],
    ['t6', 'Tanh'],
    ['f7', 'Dense', { outFeatures: 10 }],
    ['logits', 'Output'],
  ];
  return {
    format: 'netwright-graph',
    version: 1,
    name: 'LeNet-5',
    nodes: chain.map(([id, type, params], index) => ({
      id,
      type,
      ...(params ? { params } : {}),
      position: { x: 0, y: index * 100 },
    })),
    edges: chain.slice(1).map(([id], index) => ({ source: chain[index]?.[0] ?? '', target: id })),
  };
}
