/** The engine core's public API: isomorphic, no DOM and no Node. */
export * from './diagnostics.ts';
export * from './document/graph-document.ts';
export * from './analysis/analyze-graph.ts';
export { LAYERS, LAYER_TYPES, isLayerType, layerOf, type LayerType } from './layers/registry.ts';
export { LAYER_CATEGORIES, type LayerCategory, type LayerDefinition } from './layers/layer.ts';
export type { ParamSchema, ParamSpec, ParamValues, PaddingMode } from './layers/params.ts';
export { resolveParams, MAX_DIMENSION } from './layers/params.ts';
export { elementCount, formatShape, type Shape } from './layers/conv-arithmetic.ts';
export * from './analysis/summary.ts';
export * from './weights/weights.ts';
export type * from './host/host-api.ts';
export * from './layout/auto-layout.ts';
export * from './onnx/opset.ts';
export * from './onnx/seeded-random.ts';
export * from './onnx/initialize-weights.ts';
export * from './onnx/lower-to-onnx.ts';
export * from './onnx/encode-onnx.ts';
