/** Diagnostics are values: a code, a severity, the node at fault and a message that says the fix. */

export type Severity = 'error' | 'warning';

export type DiagnosticCode =
  | 'duplicate-id'
  | 'unknown-type'
  | 'unknown-node'
  | 'invalid-param'
  | 'unknown-param'
  | 'cycle'
  | 'missing-input'
  | 'surplus-input'
  | 'port-conflict'
  | 'dangling-output'
  | 'no-input'
  | 'no-output'
  | 'rank-mismatch'
  | 'kernel-too-large'
  | 'groups-mismatch'
  | 'shape-mismatch'
  | 'needs-vector'
  | 'needs-image'
  | 'axis-out-of-range'
  | 'shape-too-large'
  | 'weights-reinitialised';

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  /** The node at fault; undefined only for problems of the graph as a whole. */
  readonly nodeId: string | undefined;
  readonly message: string;
}
