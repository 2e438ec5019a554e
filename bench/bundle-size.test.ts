import { describe, expect, it } from 'vitest';
import { firstLoadFromHtml, followStaticImports, isScannerEngine, kioskChunkFiles, staticImports } from './bundle-size.ts';

const html = `<!doctype html><html><head>
<script type="module" crossorigin src="/assets/index-AB12.js"></script>
<link rel="modulepreload" crossorigin href="/assets/vendor-CD34.js">
<link rel="stylesheet" crossorigin href="/assets/index-EF56.css">
<link rel="icon" href="/favicon.svg">
</head><body><div id="app"></div></body></html>`;

describe('firstLoadFromHtml', () => {
  it('finds the entry script, the modulepreloads and the stylesheets', () => {
    expect(firstLoadFromHtml(html)).toEqual({
      scripts: ['assets/index-AB12.js', 'assets/vendor-CD34.js'],
      styles: ['assets/index-EF56.css'],
    });
  });
});

describe('staticImports', () => {
  it('reads minified static imports and re-exports, not dynamic import()', () => {
    const code =
      'import{a as b,c}from"./vendor-CD34.js";import"./side-9.js";export{x}from"./re-1.js";' +
      'const l=()=>import("./StaffMode-77.js");const s="import nothing";';
    expect(staticImports(code)).toEqual(['./vendor-CD34.js', './side-9.js', './re-1.js']);
  });
});

describe('followStaticImports', () => {
  it('follows chunks transitively, once each, relative to the importing chunk', () => {
    const files: Record<string, string> = {
      'assets/index.js': 'import{a}from"./shared.js";import("./lazy.js")',
      'assets/shared.js': 'import"./tiny.js";import"./index.js"',
      'assets/tiny.js': '',
      'assets/lazy.js': 'import"./zxing-wasm.js"',
    };
    expect(followStaticImports(['assets/index.js'], (p) => files[p] ?? null).sort()).toEqual([
      'assets/index.js',
      'assets/shared.js',
      'assets/tiny.js',
    ]);
  });
});

describe('isScannerEngine', () => {
  it('names the zxing chunks, the wasm and the decode worker', () => {
    expect(isScannerEngine('assets/zxing-wasm-decoder-zle.js')).toBe(true);
    expect(isScannerEngine('assets/zxing_reader-Bb9.wasm')).toBe(true);
    expect(isScannerEngine('assets/decode.worker-CMl.js')).toBe(true);
    expect(isScannerEngine('assets/index-DGd.js')).toBe(false);
  });
});

describe('kioskChunkFiles', () => {
  it("lists the kiosk chunk and what it imports, without what the first screen already loaded", () => {
    const files: Record<string, string> = {
      'assets/index-1.js': 'import("./kiosk-parts-2.js")',
      'assets/kiosk-parts-2.js': 'import{a}from"./rolldown-runtime-3.js";import{b}from"./index-1.js";import{c}from"./shared-4.js"',
      'assets/rolldown-runtime-3.js': '',
      'assets/shared-4.js': 'import"./rolldown-runtime-3.js"',
      'assets/StaffMode-5.js': 'import"./kiosk-parts-2.js"',
    };
    expect(kioskChunkFiles(Object.keys(files), ['assets/index-1.js'], (p) => files[p] ?? null).sort()).toEqual([
      'assets/kiosk-parts-2.js',
      'assets/rolldown-runtime-3.js',
      'assets/shared-4.js',
    ]);
  });
});
