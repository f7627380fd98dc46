/**
 * The ONNX opsets Netwright writes. Every node type lowers to the same operators in each of them
 * (from opset 20 to 25 those operators changed only in the element types they accept), so the choice
 * is about which runtimes can read the file: opset 20 (ONNX 1.15, onnxruntime 1.17 and later) is the
 * oldest with Gelu and the default.
 */

export const DEFAULT_OPSET = 20;
export const MIN_OPSET = 20;
/** ONNX 1.20, the schema onnx-buf is generated from. */
export const MAX_OPSET = 25;

/** The IR version each ONNX release paired with its opset. */
const IR_VERSION_BY_OPSET: Readonly<Record<number, number>> = { 20: 9, 21: 10, 22: 10, 23: 11, 24: 12, 25: 13 };

/** The IR version to write with `opset`; undefined outside MIN_OPSET..MAX_OPSET. */
export function irVersionFor(opset: number): number | undefined {
  return IR_VERSION_BY_OPSET[opset];
}

/** Why `opset` cannot be written, or undefined when it can. */
export function checkOpset(opset: number): string | undefined {
  if (Number.isInteger(opset) && opset >= MIN_OPSET && opset <= MAX_OPSET) return undefined;
  return `opset must be a whole number from ${MIN_OPSET} (the first with Gelu) to ${MAX_OPSET}, got ${opset}`;
}
