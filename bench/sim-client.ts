/**
 * Node-side client for the simulator's `/__sim` control API, for the benches that drive a served build with
 * plain `fetch` (the Playwright specs and the soak use `tests/helpers/sim-control.ts` instead).
 */

/** Calls `/__sim{path}`: a GET without a body, a JSON POST with one; throws on a non-2xx answer. */
export async function sim(baseUrl: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${baseUrl}/__sim${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sim ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/** The simulator's request log for one gateway call, whether it answers a bare array or `{ requests }`. */
export async function simRequests<T = { body: unknown; at: string }>(baseUrl: string, call: string): Promise<T[]> {
  const body = (await sim(baseUrl, `/requests?call=${call}`)) as T[] | { requests: T[] };
  return Array.isArray(body) ? body : body.requests;
}
