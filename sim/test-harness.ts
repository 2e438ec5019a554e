/**
 * Test helper: a simulator behind a real HTTP server on an ephemeral port (standalone layout: gateway at
 * `/`, control at `/__sim`), plus fetch shortcuts. Not used at run time.
 */
import type { AddressInfo } from 'node:net';
import { createGatewaySimulator, type GatewaySimulator, type GatewaySimulatorOptions } from './simulator.ts';
import type { RequestLogEntry } from './request-log.ts';
import { createStandaloneServer } from './standalone-server.ts';

export interface Harness {
  base: string;
  sim: GatewaySimulator;
  /** POSTs JSON (or a raw string) and returns the answer. */
  post(path: string, body: unknown, init?: RequestInit): Promise<Response>;
  /** POSTs JSON and parses the answer as JSON. */
  postJson<T = Envelope>(path: string, body: unknown): Promise<T>;
  getJson<T = Envelope>(path: string): Promise<T>;
  /** Resolves with the next logged gateway request. */
  nextRequest(): Promise<RequestLogEntry>;
  /** Resolves when every request the server has received so far is fully handled. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** The loose envelope shape tests read. */
export interface Envelope {
  // Tests index freely into answers; the shapes themselves are checked against the spec examples.
  data: any;
  error: { code: number; message: string; data: unknown } | null;
  is_success: boolean;
}

/** Starts a simulator with pinpad delay 0, the fiscal shift open and a fixed seed unless told otherwise. */
export async function startHarness(options: GatewaySimulatorOptions = {}): Promise<Harness> {
  const waiters: Array<(entry: RequestLogEntry) => void> = [];
  const sim = createGatewaySimulator({
    seed: 7,
    ...options,
    // The fiscal shift open, unless a test says otherwise: most tests are about other calls.
    settings: { pinpadDelayMs: 0, fiscalShiftOpenAtStart: true, ...options.settings },
    onRequest: (entry) => {
      options.onRequest?.(entry);
      waiters.splice(0).forEach((w) => w(entry));
    },
  });
  const pending = new Set<Promise<void>>();
  const tracked: GatewaySimulator = {
    ...sim,
    handle: (req, res) => {
      const p = sim.handle(req, res);
      pending.add(p);
      void p.finally(() => pending.delete(p));
      return p;
    },
    get state() {
      return sim.state;
    },
  };
  const server = createStandaloneServer(tracked, { allowOrigins: ['http://kiosk.example'] });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = (path: string, body: unknown, init: RequestInit = {}): Promise<Response> =>
    fetch(base + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      ...init,
    });
  return {
    base,
    sim,
    post,
    postJson: async <T>(path: string, body: unknown) => (await (await post(path, body)).json()) as T,
    getJson: async <T>(path: string) => (await (await fetch(base + path)).json()) as T,
    nextRequest: () => new Promise((resolve) => waiters.push(resolve)),
    settled: async () => {
      await Promise.all([...pending]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The structure of a JSON value: object keys (sorted) with their structures, array element structure,
 * and primitive types (null kept apart), so two bodies compare equal when shaped alike.
 */
export function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, shapeOf((value as Record<string, unknown>)[k])]),
    );
  }
  return typeof value;
}
