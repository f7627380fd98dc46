/**
 * The web host's wire protocol, shared by the server (engine/node/host) and the browser side
 * (renderer/host). Every Host operation is one `POST /api/<operation>` whose JSON body is the array
 * of the method's arguments (`null` standing for an omitted optional one); the answer is
 * `{ "value": ... }` or, with a 4xx/5xx status, `{ "error": "one clear line" }`. Progress arrives as
 * Server-Sent Events on `GET /api/events`. Every API request carries the session token in a header,
 * which also keeps other web pages out: a custom header forces a CORS preflight the server never grants.
 */
import type { Host } from './host-api.ts';

export const API_PREFIX = '/api/';
export const EVENTS_PATH = '/api/events';
export const TOKEN_HEADER = 'x-netwright-token';
/** The query parameter of the printed URL that hands the token to the page. */
export const TOKEN_QUERY = 'token';
/** Largest JSON body the server accepts. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** The operations a transport carries: every Host method except the event subscription. */
export type HostOperationName = Exclude<keyof Host, 'kind' | 'nativeDialogs' | 'onProgress'>;

/** What the engine side implements once and both transports (HTTP, Electron IPC) expose. */
export type HostOperations = Pick<Host, HostOperationName | 'onProgress'>;

export type ApiReply = { readonly value?: unknown } | { readonly error: string };
