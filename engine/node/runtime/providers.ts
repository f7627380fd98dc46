/**
 * Execution providers: which ones this onnxruntime build has, and starting a session on the one a
 * user asked for. A provider that is missing or fails to start falls back to the CPU, and the
 * session says so; it always names the provider that really runs.
 */
import * as ort from 'onnxruntime-node';

export const PROVIDERS = ['cpu', 'cuda', 'webgpu', 'dml', 'coreml'] as const;

export type ProviderName = (typeof PROVIDERS)[number];

export function isProviderName(name: string): name is ProviderName {
  return (PROVIDERS as readonly string[]).includes(name);
}

export interface ProviderInfo {
  readonly name: ProviderName;
  /** Whether this build has it; it may still fail to start without its driver or hardware. */
  readonly available: boolean;
  readonly reason?: string;
}

/** Every provider Netwright knows, and whether this onnxruntime build can try it. */
export function listProviders(): readonly ProviderInfo[] {
  const backends = ort.listSupportedBackends();
  return PROVIDERS.map((name) => {
    const backend = backends.find((b) => b.name === name);
    if (!backend)
      return {
        name,
        available: false,
        reason: `this onnxruntime build for ${process.platform}-${process.arch} has no ${name} provider`,
      };
    if (!backend.bundled)
      return {
        name,
        available: true,
        reason: `${name} needs libraries that onnxruntime-node does not ship; it falls back to the CPU without them`,
      };
    return { name, available: true };
  });
}

export interface StartedSession {
  readonly session: ort.InferenceSession;
  readonly requestedProvider: ProviderName;
  /** The provider the session runs on. */
  readonly provider: ProviderName;
  /** Why the requested provider did not start, when the session fell back to the CPU. */
  readonly fallbackReason?: string;
}

/** The session options every Netwright session uses; the benchmark's bare baseline uses the same. */
export function sessionOptionsFor(provider: ProviderName, threads?: number): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: [provider],
    graphOptimizationLevel: 'all',
    // Errors only: a provider that fails to start is reported in the result, not as log noise.
    logSeverityLevel: 3,
    ...(threads === undefined ? {} : { intraOpNumThreads: threads }),
  };
}

/** onnxruntime's message without the source location and failed check it starts with. */
function reasonOf(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
  const reason =
    /was false\. (.+)$/.exec(message)?.[1] ?? /\[ONNXRuntimeError\] : \d+ : \w+ : (.+)$/.exec(message)?.[1] ?? message;
  return reason.length > 300 ? `${reason.slice(0, 297)}...` : reason;
}

function createSession(model: Uint8Array | string, options: ort.InferenceSession.SessionOptions) {
  return typeof model === 'string'
    ? ort.InferenceSession.create(model, options)
    : ort.InferenceSession.create(model, options);
}

/** Creates a session on `requested`, falling back to the CPU when that provider is missing or fails to start. */
export async function startSession(
  model: Uint8Array | string,
  requested: ProviderName,
  threads?: number,
): Promise<StartedSession> {
  if (requested === 'cpu')
    return {
      session: await createSession(model, sessionOptionsFor('cpu', threads)),
      requestedProvider: 'cpu',
      provider: 'cpu',
    };
  const backends = ort.listSupportedBackends().map((b) => b.name);
  let fallbackReason: string;
  if (!backends.includes(requested)) {
    fallbackReason = `${requested} is not in this onnxruntime build (it has ${backends.join(', ')})`;
  } else {
    try {
      const session = await createSession(model, {
        ...sessionOptionsFor(requested, threads),
        logSeverityLevel: 4,
      });
      return { session, requestedProvider: requested, provider: requested };
    } catch (error) {
      fallbackReason = `${requested} failed to start: ${reasonOf(error)}`;
    }
  }
  const session = await createSession(model, sessionOptionsFor('cpu', threads));
  return { session, requestedProvider: requested, provider: 'cpu', fallbackReason };
}
