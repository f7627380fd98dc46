/**
 * Auto-layout for the editor. ELK is large, so it loads on first use instead of with the app; node
 * cards have one fixed size, the one the templates were laid out with.
 */
import type { GraphDocument } from '../../engine/core/index.ts';

export const CARD_SIZE = { width: 180, height: 56 } as const;

export async function layOut(document: GraphDocument): Promise<GraphDocument> {
  const { layoutGraph } = await import('../../engine/core/layout/auto-layout.ts');
  return layoutGraph(document, { nodeSize: CARD_SIZE });
}
