/**
 * Sums a V8 heap snapshot (the DevTools .heapsnapshot JSON that CDP `HeapProfiler.takeHeapSnapshot` streams)
 * by what the soak wants to tell apart: the page's JS data, V8's compiled code and feedback, and what is not in
 * the JS heap at all. Pure; unit-tested in heap-snapshot.test.ts on a hand-made snapshot.
 *
 * Checked against real kiosk snapshots (Chromium, soak checkouts 10/100/300): `code` + `data` matches
 * `Runtime.getHeapUsage().usedSize` to within 0.3 %, so `data` is the JS heap figure minus compiled code.
 *
 *  - code: every node of type 'code'. V8 gives that type to InstructionStream, Code, BytecodeArray,
 *    TrustedByteArray, FeedbackVector, FeedbackMetadata, FeedbackCell, ClosureFeedbackCellArray,
 *    SharedFunctionInfo, ScopeInfo, UncompiledData*, PreparseData, boilerplate descriptions, AllocationSite,
 *    Load/StoreHandler, (constant pool), code-owned WeakFixedArrays … Plus three V8 internals the snapshot
 *    types 'native' (or 'hidden' in older V8) that only exist for compiled code: 'system / WeakArrayList' (in
 *    the kiosk's snapshots ~95 % of those bytes are DependentCode lists hanging off maps and property cells
 *    for optimized code; the rest is the script list and retained maps), 'system / ProtectedFixedArray'
 *    (deoptimization data) and 'system / SharedFunctionInfoWrapper'.
 *  - external: 'system / ExternalStringData' — string payloads outside the V8 heap.
 *  - embedder: other 'native' nodes not named 'system / …' — Blink/DOM objects (cppgc heap, not the JS heap;
 *    they include DevTools' own network buffers while the page is being driven over CDP).
 *  - data: everything else — objects, arrays, closures, strings, numbers, maps/shapes, contexts, V8 'system /'
 *    data such as PropertyArray or FunctionTemplateInfo.
 */

export type HeapCategory = 'data' | 'code' | 'external' | 'embedder';

/** The parts of a .heapsnapshot this module reads. */
export interface HeapSnapshotJson {
  snapshot: {
    meta: {
      node_fields: string[];
      /** node_types[0] is the list of type names; the 'type' field of a node indexes it. */
      node_types: unknown[];
    };
  };
  nodes: number[];
  strings: string[];
}

export interface HeapSummary {
  /** Self-size bytes per category. */
  bytes: Record<HeapCategory, number>;
  /** Node counts per category. */
  nodes: Record<HeapCategory, number>;
}

/** V8 'native'/'hidden' nodes that belong to compiled code although their type says otherwise. */
export const codeSystemNames: readonly string[] = [
  'system / WeakArrayList',
  'system / ProtectedFixedArray',
  'system / SharedFunctionInfoWrapper',
];

export function classifyNode(type: string, name: string): HeapCategory {
  if (type === 'code') return 'code';
  if (type === 'native' || type === 'hidden') {
    if (codeSystemNames.includes(name)) return 'code';
    if (name === 'system / ExternalStringData') return 'external';
    if (type === 'native' && !name.startsWith('system /')) return 'embedder';
  }
  return 'data';
}

/** The V8 heap as getHeapUsage counts it: data + code (embedder objects and external strings are elsewhere). */
export function jsHeapBytes(summary: HeapSummary): number {
  return summary.bytes.data + summary.bytes.code;
}

export function summarizeHeapSnapshot(snapshot: HeapSnapshotJson | string): HeapSummary {
  const json: HeapSnapshotJson = typeof snapshot === 'string' ? (JSON.parse(snapshot) as HeapSnapshotJson) : snapshot;
  const fields = json.snapshot.meta.node_fields;
  const typeNames = json.snapshot.meta.node_types[0];
  const width = fields.length;
  const iType = fields.indexOf('type');
  const iName = fields.indexOf('name');
  const iSize = fields.indexOf('self_size');
  if (!Array.isArray(typeNames) || iType < 0 || iName < 0 || iSize < 0 || width === 0) {
    throw new Error('not a V8 heap snapshot: meta lacks node_types or the type/name/self_size node fields');
  }
  if (json.nodes.length % width !== 0) throw new Error(`heap snapshot nodes (${json.nodes.length}) not a multiple of ${width} fields`);
  const bytes: Record<HeapCategory, number> = { data: 0, code: 0, external: 0, embedder: 0 };
  const counts: Record<HeapCategory, number> = { data: 0, code: 0, external: 0, embedder: 0 };
  const { nodes, strings } = json;
  for (let at = 0; at < nodes.length; at += width) {
    const type = String(typeNames[nodes[at + iType]!] ?? '');
    const category = classifyNode(type, strings[nodes[at + iName]!] ?? '');
    bytes[category] += nodes[at + iSize]!;
    counts[category]++;
  }
  return { bytes, nodes: counts };
}
