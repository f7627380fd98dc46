/**
 * The designs a host session has open, by handle. Weights stay here, in the engine: the renderer
 * holds the graph and sends it back with the handle. A handle the registry never issued stands for
 * a design without weights (one the renderer started from scratch); a handle whose weights it
 * released to bound memory is refused, so weights are never lost silently.
 */
import { randomUUID } from 'node:crypto';
import type { DesignWeights, GraphDocument } from '../../core/index.ts';
import { UserError } from '../cli/cli-error.ts';
import { applicableWeights, type LoadedDesign } from '../files/load-design.ts';

export interface OpenDesign extends LoadedDesign {
  /** Where it was last opened from or saved to. */
  readonly path: string | undefined;
}

const NO_WEIGHTS: DesignWeights = new Map();

export class DesignRegistry {
  private readonly designs = new Map<string, OpenDesign>();
  private readonly dropped = new Set<string>();

  /** `capacity` bounds how many designs (and their weights) stay in memory; the least recently used go first. */
  constructor(private readonly capacity = 16) {}

  /** Registers an opened design and returns its new handle. */
  add(design: OpenDesign): string {
    const handle = randomUUID();
    this.touch(handle, design);
    return handle;
  }

  /**
   * The design behind a handle, with the renderer's current graph in place of the one it was opened
   * with, and only the weights that still apply to it: a node edited in the app is re-initialised.
   */
  resolve(handle: string, document: GraphDocument): OpenDesign {
    if (this.dropped.has(handle))
      throw new UserError('this design was opened so long ago that its weights were released; open it again');
    const design = this.designs.get(handle);
    if (!design) {
      if (document.weights)
        throw new UserError(
          `the weights of this design (${document.weights.file}) are not open in this session; open its file again`,
        );
      return { document, weights: NO_WEIGHTS, path: undefined };
    }
    this.touch(handle, design);
    const current = { ...design, document };
    return design.weights.size > 0 ? { ...current, weights: applicableWeights(current).weights } : current;
  }

  /** Records what a save wrote, so the next save without a path goes to the same file; only for handles it issued. */
  update(handle: string, design: OpenDesign): void {
    if (this.designs.has(handle)) this.touch(handle, design);
  }

  /** Marks a design most recently used (a Map iterates in insertion order) and drops the least recently used. */
  private touch(handle: string, design: OpenDesign): void {
    this.designs.delete(handle);
    this.designs.set(handle, design);
    for (const [oldest, { weights }] of this.designs) {
      if (this.designs.size <= this.capacity) break;
      this.designs.delete(oldest);
      // Forgetting a design without weights loses nothing; one with weights must not be saved without them.
      if (weights.size > 0) this.dropped.add(oldest);
    }
  }
}
