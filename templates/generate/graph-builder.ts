/**
 * A small builder the template generators share: it adds nodes with typed parameters, wires each to
 * the nodes it reads from, and hands back ids so code reads like the network's forward pass.
 */
import {
  CURRENT_VERSION,
  GRAPH_FORMAT,
  type GraphDocument,
  type GraphEdge,
  type GraphNode,
  type LAYERS,
  type LayerType,
  type ParamValues,
} from '../../engine/core/index.ts';

/** The parameters a node of type T accepts; those left out take the layer's defaults. */
export type ParamsOf<T extends LayerType> = Partial<ParamValues<(typeof LAYERS)[T]['params']>>;

/** What every template carries besides its graph. */
export interface TemplateMetadata {
  readonly name: string;
  /** What the architecture introduced, and what the template teaches. */
  readonly description: string;
  readonly citation: string;
}

export class GraphBuilder {
  private readonly nodes: GraphNode[] = [];
  private readonly edges: GraphEdge[] = [];
  private readonly ids = new Set<string>();

  /**
   * Adds a node fed by `inputs` and returns its id. A merge's inputs get targetPort 0, 1, … in the
   * order given, which for a residual Add is (main branch, skip connection), as torchvision adds them.
   */
  add<T extends LayerType>(id: string, type: T, params: ParamsOf<T>, ...inputs: string[]): string {
    if (this.ids.has(id)) throw new Error(`template builder: the id "${id}" is used twice`);
    for (const source of inputs)
      if (!this.ids.has(source)) throw new Error(`template builder: "${id}" reads "${source}", which is not added yet`);
    this.ids.add(id);
    this.nodes.push(Object.keys(params).length > 0 ? { id, type, params } : { id, type });
    inputs.forEach((source, port) =>
      this.edges.push(inputs.length > 1 ? { source, target: id, targetPort: port } : { source, target: id }),
    );
    return id;
  }

  /** The finished document, without positions (layoutGraph adds them). */
  build(metadata: TemplateMetadata): GraphDocument {
    return {
      format: GRAPH_FORMAT,
      version: CURRENT_VERSION,
      name: metadata.name,
      description: metadata.description,
      citation: metadata.citation,
      nodes: [...this.nodes],
      edges: [...this.edges],
    };
  }
}
