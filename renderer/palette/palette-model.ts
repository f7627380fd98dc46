/** The palette's content, derived from the layer catalogue alone: a new layer type appears here by itself. */
import { LAYER_CATEGORIES, LAYER_TYPES, layerOf, type LayerCategory, type LayerType } from '../../engine/core/index.ts';

export interface PaletteGroup {
  readonly category: LayerCategory;
  readonly label: string;
  readonly types: readonly LayerType[];
}

/**
 * The groups in catalogue order with the types that match `query`: every word must appear in the
 * type's name, its one-line summary or its group's name. Name matches come first.
 */
export function paletteGroups(query: string): PaletteGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const score = (type: LayerType): number => {
    if (words.length === 0) return 1;
    const layer = layerOf(type);
    const name = type.toLowerCase();
    const text = `${name} ${layer.summary.toLowerCase()} ${LAYER_CATEGORIES[layer.category].toLowerCase()}`;
    if (!words.every((word) => text.includes(word))) return 0;
    return words.every((word) => name.includes(word)) ? (name.startsWith(words[0] ?? '') ? 3 : 2) : 1;
  };
  return (Object.keys(LAYER_CATEGORIES) as LayerCategory[]).flatMap((category) => {
    const types = LAYER_TYPES.filter((type) => layerOf(type).category === category)
      .map((type) => ({ type, score: score(type) }))
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score)
      .map((entry) => entry.type);
    return types.length > 0 ? [{ category, label: LAYER_CATEGORIES[category], types }] : [];
  });
}

/** The best match for Enter in the search field: a name match before a description match. */
export function bestMatch(query: string): LayerType | undefined {
  const lower = query.trim().toLowerCase();
  if (!lower) return undefined;
  const exact = LAYER_TYPES.find((type) => type.toLowerCase() === lower);
  if (exact) return exact;
  const groups = paletteGroups(query);
  const byName = groups.flatMap((group) => group.types).find((type) => type.toLowerCase().startsWith(lower));
  return byName ?? groups[0]?.types[0];
}
