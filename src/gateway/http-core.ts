/**
 * The one place the client touches the network: a call with its own timeout, the caller's abort signal,
 * the raw text back (never parsed here), and a trace entry for the staff screen.
 */
import type { GatewayError, TraceEntry } from './types.ts';

/** Trace entries keep at most this much of a response; results keep the whole text. */
export const traceTextLimit = 8 * 1024;
export const defaultTraceSize = 200;

export type TraceOutcome = TraceEntry['outcome'];

/** A fixed-size ring of the newest calls. */
export class TraceBuffer {
  readonly #size: number;
  #entries: TraceEntry[] = [];
  #nextId = 1;

  constructor(size: number = defaultTraceSize) {
    this.#size = Math.max(1, Math.floor(size));
  }

  /** Adds an entry, dropping the oldest beyond the size; returns its id. */
  add(entry: Omit<TraceEntry, 'id'>): number {
    const id = this.#nextId++;
    this.#entries.push({ ...entry, id });
    if (this.#entries.length > this.#size) this.#entries.splice(0, this.#entries.length - this.#size);
    return id;
  }

  /** Records the interpreted outcome once the envelope has been read (a no-op if it already left the ring). */
  settle(id: number, outcome: TraceOutcome): void {
    const entry = this.#entries.find((e) => e.id === id);
    if (entry) entry.outcome = outcome;
  }

  /** Oldest first; copies, so the staff screen cannot change the record. */
  entries(): readonly TraceEntry[] {
    return this.#entries.map((e) => ({ ...e }));
  }
}

export function truncateForTrace(text: string | null): string | null {
  if (text === null || text.length <= traceTextLimit) return text;
  return `${text.slice(0, traceTextLimit)}… [${text.length - traceTextLimit} more characters]`;
}

/** Joins a base (`http://127.0.0.1:8080/`, `/gateway`, ``) and a path (`/payment/click`) with one slash. */
export function joinUrl(baseUrl: string, path: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  const rest = path.replace(/^\/+/, '');
  return `${base}/${rest}`;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  /** Sent as JSON with `Content-Type: application/json`; only for POST. */
  body?: unknown;
  timeoutMs: number;
  signal?: AbortSignal;
}

export type HttpOutcome =
  | { kind: 'response'; status: number; text: string; traceId: number }
  | {
      kind: 'transport';
      reason: Extract<GatewayError, { kind: 'unknown' }>['reason'];
      status: number | null;
      text: string;
      traceId: number;
    };

export interface HttpCore {
  baseUrl: string;
  fetch: typeof fetch;
  trace: TraceBuffer;
}

function transportReason(
  caller: AbortSignal | undefined,
  timeout: AbortSignal,
): 'aborted' | 'timeout' | 'network' {
  // The caller's abort wins: a customer leaving is not a slow gateway.
  if (caller?.aborted) return 'aborted';
  if (timeout.aborted) return 'timeout';
  return 'network';
}

/** Rejects when the signal aborts, so a fetch that ignores its signal cannot hang the call. */
function abortPromise(signal: AbortSignal): { promise: Promise<never>; dispose: () => void } {
  let onAbort = (): void => {};
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  // Nobody may await it after the race settles; keep an unhandled rejection from surfacing.
  promise.catch(() => {});
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

/**
 * Sends one call and returns its status and raw text, or the transport fault (`timeout`, `network`,
 * `aborted`). Never throws and never parses. Every call lands in the trace ring with outcome `ok` for
 * an answer (the caller settles the real outcome after reading it) or `unknown` for a fault.
 */
export async function sendRequest(core: HttpCore, request: HttpRequest): Promise<HttpOutcome> {
  const started = performance.now();
  const at = new Date().toISOString();
  const requestBody = request.method === 'POST' ? JSON.stringify(request.body ?? {}) : null;
  const timeout = AbortSignal.timeout(Math.max(1, request.timeoutMs));
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  const record = (status: number | null, responseText: string | null, outcome: TraceOutcome): number =>
    core.trace.add({
      at,
      method: request.method,
      path: request.path,
      requestBody,
      status,
      responseText: truncateForTrace(responseText),
      ms: Math.round(performance.now() - started),
      outcome,
    });

  const aborted = abortPromise(signal);
  let status: number | null = null;
  try {
    if (signal.aborted) throw signal.reason;
    const init: RequestInit = { method: request.method, signal, headers: { Accept: 'application/json' } };
    if (requestBody !== null) {
      init.body = requestBody;
      init.headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
    }
    const response = await Promise.race([core.fetch(joinUrl(core.baseUrl, request.path), init), aborted.promise]);
    status = response.status;
    const text = await Promise.race([response.text(), aborted.promise]);
    return { kind: 'response', status, text, traceId: record(status, text, 'ok') };
  } catch {
    const reason = transportReason(request.signal, timeout);
    return { kind: 'transport', reason, status, text: '', traceId: record(status, null, 'unknown') };
  } finally {
    aborted.dispose();
  }
}
