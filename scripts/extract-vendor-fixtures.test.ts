/**
 * The committed vendor fixtures are the docs' example bodies, byte for byte: re-extract from the docs and compare.
 * A doc that changed (or a fixture edited by hand) fails here; `npx tsx scripts/extract-vendor-fixtures.ts`
 * rewrites them, and the tests that read the fixtures then say what the change means.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  extractAll,
  extractBlocks,
  findVendorSpecDir,
  manifestOf,
  manifestPath,
  slugOf,
  vendorFixtureDir,
  type ManifestEntry,
} from './extract-vendor-fixtures.ts';
import { extractSeedFixtures, seedFixtureDir, seedFixtureNames } from '../tests/fixtures/gateway/extract-from-spec.ts';

const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ManifestEntry[];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(vendorFixtureDir, path)];
  });
}

describe('vendor fixtures', () => {
  it('the manifest names every fixture file and nothing else', () => {
    const listed = manifest.map((entry) => entry.file).sort();
    const onDisk = filesUnder(vendorFixtureDir)
      .filter((file) => file !== 'manifest.json')
      .sort();
    expect(onDisk).toEqual(listed);
    expect(manifest.length).toBeGreaterThan(150);
  });

  it('are the vendor docs’ bodies, byte for byte (re-extracted from ../shared/spec/vendor)', () => {
    const specDir = findVendorSpecDir();
    expect(specDir, 'vendor docs not found: lay shared/ beside the repo or set VENDOR_SPEC_DIR').not.toBeNull();
    const blocks = extractAll(specDir as string);
    expect(manifestOf(blocks)).toEqual(manifest);
    for (const block of blocks) {
      expect(readFileSync(join(vendorFixtureDir, block.file), 'utf8'), block.file).toBe(block.body);
    }
  });

  it('the seed spec’s fixtures are its bodies, byte for byte (../shared/spec/gateway-api.md)', () => {
    const specDir = findVendorSpecDir();
    expect(specDir).not.toBeNull();
    const seed = join(specDir as string, '..', 'gateway-api.md');
    expect(existsSync(seed)).toBe(true);
    const extracted = extractSeedFixtures(readFileSync(seed, 'utf8'));
    expect(Object.keys(extracted).sort()).toEqual(Object.values(seedFixtureNames).sort());
    for (const [name, body] of Object.entries(extracted)) {
      expect(readFileSync(join(seedFixtureDir, `${name}.txt`), 'utf8'), name).toBe(body);
    }
  });
});

describe('extractBlocks', () => {
  it('keeps CRLF line ends, a brace on the fence line, one-line blocks, and tells requests from responses', () => {
    const doc = [
      '# Pay / Оплата',
      '## Request',
      '```json',
      '{"amount": [price]}',
      '```',
      '**Content** :',
      '```{',
      '  "amount": 1',
      '}',
      '```',
      '| data.x | string | response field |',
      '**Code** : `200 OK`',
      '```json\r',
      '{"is_success": true}\r',
      '```\r',
      '**Query** :',
      '```?inn: 1```',
      '',
    ].join('\n');
    const blocks = extractBlocks('pay', doc);
    expect(blocks.map((b) => [b.kind, b.line, b.body])).toEqual([
      ['request', 3, '{"amount": [price]}\n'],
      ['request', 7, '{\n  "amount": 1\n}\n'],
      ['response', 13, '{"is_success": true}\r\n'],
      ['request', 17, '?inn: 1'],
    ]);
    expect(blocks[0]?.file).toBe('pay/01-pay-request.txt');
    expect(blocks[0]?.heading).toBe('Pay / Оплата');
    expect(blocks[0]?.section).toBe('Request');
  });

  it('slugs keep Latin words only', () => {
    expect(slugOf('Humo / Оплата через терминал (Ingenico iPP 320)')).toBe('humo-ingenico-ipp-320');
    expect(slugOf('Запрос')).toBe('block');
  });
});
