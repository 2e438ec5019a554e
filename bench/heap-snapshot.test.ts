import { describe, expect, it } from 'vitest';
import { classifyNode, jsHeapBytes, summarizeHeapSnapshot, type HeapSnapshotJson } from './heap-snapshot.ts';

/** A tiny snapshot in the DevTools format: 6 fields a node, type and name as indexes. */
function snapshot(rows: [type: string, name: string, selfSize: number][]): HeapSnapshotJson {
  const types = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape'];
  const strings: string[] = [];
  const nodes: number[] = [];
  rows.forEach(([type, name, size], id) => {
    let s = strings.indexOf(name);
    if (s < 0) s = strings.push(name) - 1;
    nodes.push(types.indexOf(type), s, id * 2 + 1, size, 0, 0);
  });
  return {
    snapshot: {
      meta: {
        node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'detachedness'],
        node_types: [types, 'string', 'number', 'number', 'number', 'number'],
      },
    },
    nodes,
    strings,
  };
}

const rows: [string, string, number][] = [
  ['synthetic', '(GC roots)', 0],
  ['object', 'Window', 100],
  ['closure', 'onClick', 32],
  ['array', '(object elements)', 64],
  ['string', 'Cappuccino', 24],
  ['concatenated string', '(concatenated string)', 20],
  ['object shape', 'system / Map', 80],
  ['native', 'system / PropertyArray', 40],
  ['code', 'system / InstructionStream', 1000],
  ['code', 'system / FeedbackVector', 200],
  ['code', 'system / BytecodeArray', 300],
  ['code', '(constant pool)', 50],
  ['native', 'system / WeakArrayList', 70],
  ['native', 'system / ProtectedFixedArray', 6],
  ['hidden', 'system / SharedFunctionInfoWrapper', 4],
  ['native', 'system / ExternalStringData', 500],
  ['native', 'HTMLDivElement', 120],
  ['native', 'blink::ComputedStyle', 88],
];

describe('classifyNode', () => {
  it('puts code-typed nodes and the code-only V8 internals under code', () => {
    expect(classifyNode('code', 'system / FeedbackVector')).toBe('code');
    expect(classifyNode('code', '(constant pool)')).toBe('code');
    expect(classifyNode('native', 'system / WeakArrayList')).toBe('code');
    expect(classifyNode('hidden', 'system / ProtectedFixedArray')).toBe('code');
  });
  it('keeps JS data, strings, shapes and V8 data internals as data', () => {
    expect(classifyNode('object', 'Object')).toBe('data');
    expect(classifyNode('string', 'system / WeakArrayList')).toBe('data');
    expect(classifyNode('object shape', 'system / Map')).toBe('data');
    expect(classifyNode('native', 'system / PropertyArray')).toBe('data');
    expect(classifyNode('hidden', 'system / Context')).toBe('data');
  });
  it('tells off-heap strings and Blink objects apart from the JS heap', () => {
    expect(classifyNode('native', 'system / ExternalStringData')).toBe('external');
    expect(classifyNode('native', 'HTMLDivElement')).toBe('embedder');
    expect(classifyNode('native', 'Detached HTMLDivElement')).toBe('embedder');
  });
});

describe('summarizeHeapSnapshot', () => {
  it('sums self sizes per category, from an object or its JSON text', () => {
    const expected = {
      bytes: { data: 100 + 32 + 64 + 24 + 20 + 80 + 40, code: 1000 + 200 + 300 + 50 + 70 + 6 + 4, external: 500, embedder: 208 },
      nodes: { data: 8, code: 7, external: 1, embedder: 2 },
    };
    const json = snapshot(rows);
    expect(summarizeHeapSnapshot(json)).toEqual(expected);
    expect(summarizeHeapSnapshot(JSON.stringify(json))).toEqual(expected);
    expect(jsHeapBytes(expected)).toBe(360 + 1630);
  });
  it('reads the field layout from meta rather than assuming it', () => {
    const json = snapshot(rows.slice(0, 3));
    // Same nodes with the fields reordered: name, self_size, type.
    const reordered: HeapSnapshotJson = {
      snapshot: { meta: { node_fields: ['name', 'self_size', 'type'], node_types: json.snapshot.meta.node_types } },
      nodes: [0, 0, 9, 1, 100, 3, 2, 32, 5],
      strings: json.strings,
    };
    expect(summarizeHeapSnapshot(reordered).bytes).toEqual({ data: 132, code: 0, external: 0, embedder: 0 });
  });
  it('rejects something that is not a heap snapshot', () => {
    expect(() => summarizeHeapSnapshot({ snapshot: { meta: { node_fields: ['id'], node_types: [] } }, nodes: [], strings: [] })).toThrow(/not a V8 heap snapshot/);
    const json = snapshot(rows.slice(0, 2));
    expect(() => summarizeHeapSnapshot({ ...json, nodes: json.nodes.slice(1) })).toThrow(/multiple/);
  });
});
