/**
 * Copies every fenced example body out of the gateway vendor's docs (`../shared/spec/vendor/*.md`) byte for byte
 * into `tests/fixtures/vendor/<doc>/<NN>-<slug>.txt`, with a manifest saying where each came from (doc, heading,
 * line) and whether the doc shows it as a request or a response. The fixtures are committed and are what the
 * tests read; `extract-vendor-fixtures.test.ts` re-extracts from the docs and fails if any fixture drifted.
 *
 * Run: npx tsx scripts/extract-vendor-fixtures.ts [path/to/spec/vendor]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type BlockKind = 'request' | 'response';

export interface VendorBlock {
  /** The doc's file name without `.md`, e.g. `order`. */
  readonly doc: string;
  /** 1-based position of the block among the doc's fenced blocks. */
  readonly index: number;
  /** The operation's heading above the block (the nearest one that is not "Request", "Response" …), as written. */
  readonly heading: string;
  /** The nearest heading above the block, as written. */
  readonly section: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly kind: BlockKind;
  /** `<doc>/<NN>-<slug>.txt`, relative to the fixture folder. */
  readonly file: string;
  /** The body exactly as the doc has it (line endings included). */
  readonly body: string;
}

export type ManifestEntry = Omit<VendorBlock, 'body'>;

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..');
export const vendorFixtureDir = join(repoRoot, 'tests', 'fixtures', 'vendor');
export const manifestPath = join(vendorFixtureDir, 'manifest.json');

/** Where the vendor docs are: `VENDOR_SPEC_DIR`, else `../shared/spec/vendor` beside the repo (CI lays it there). */
export function findVendorSpecDir(): string | null {
  const candidates = [
    process.env['VENDOR_SPEC_DIR'],
    join(repoRoot, '..', 'shared', 'spec', 'vendor'),
    join(repoRoot, '..', '..', 'shared', 'spec', 'vendor'),
  ];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  return null;
}

/** Lowercase ASCII words of a heading, at most 40 characters; `block` when nothing Latin is left. */
export function slugOf(heading: string): string {
  const slug = heading
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return slug === '' ? 'block' : slug;
}

const requestMarker = /request|запрос|data constraints|data example|query/i;
const responseMarker = /response|ответ|\*\*code\*\*|example|condition/i;

/**
 * Request or response, from the nearest marker line above the block, other blocks' bodies and tables skipped (table
 * cells say "response" freely): "## Request" … "**Content** :" is a request, "**Code** : `200 OK`" a response.
 */
function markerKind(text: string): BlockKind | null {
  const line = text.trim();
  if (line === '' || line.startsWith('|')) return null;
  if (requestMarker.test(line)) return 'request';
  if (responseMarker.test(line)) return 'response';
  return null;
}

/** Section headings that name a part of an operation, not the operation. */
const genericHeading = /^[^\p{L}]*(request|response|запрос|ответ|header|заголовок|query params|параметры запроса|endpoint|\**content)\b|^[^\p{L}]*$/iu;

/** Every fenced block of one doc, bodies verbatim. A block opened as "```{" has the brace as its first line. */
export function extractBlocks(doc: string, markdown: string): VendorBlock[] {
  // Split keeping each line's end, so bodies are byte-exact slices (CRLF docs stay CRLF).
  const lines = markdown.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const blocks: VendorBlock[] = [];
  let heading = '';
  let section = '';
  let kindAbove: BlockKind = 'response';
  for (let i = 0; i < lines.length; i += 1) {
    const raw = lines[i] ?? '';
    const text = raw.replace(/\r?\n$/, '');
    const open = /^\s*```(.*)$/.exec(text);
    if (!open) {
      if (/^#+(\s|$)/.test(text)) {
        section = text.replace(/^#+\s*/, '').trim();
        if (!genericHeading.test(section)) heading = section;
      }
      kindAbove = markerKind(text) ?? kindAbove;
      continue;
    }
    const rest = open[1] ?? '';
    const openLine = i + 1;
    let body: string;
    const inline = /^(.*?)```\s*$/.exec(rest);
    if (inline) {
      body = inline[1] ?? '';
    } else {
      const tag = rest.trim();
      body = tag === '' || /^[a-z]+$/i.test(tag) ? '' : rest + raw.slice(text.length);
      i += 1;
      while (i < lines.length && !/^\s*```\s*$/.test((lines[i] ?? '').replace(/\r?\n$/, ''))) {
        body += lines[i] ?? '';
        i += 1;
      }
    }
    const index = blocks.length + 1;
    const kind = kindAbove;
    const file = `${doc}/${String(index).padStart(2, '0')}-${slugOf(heading)}-${kind}.txt`;
    blocks.push({ doc, index, heading, section, line: openLine, kind, file, body });
  }
  return blocks;
}

/** Every block of every `*.md` in the vendor folder, docs in name order. */
export function extractAll(specDir: string): VendorBlock[] {
  return readdirSync(specDir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .flatMap((name) => extractBlocks(name.replace(/\.md$/, ''), readFileSync(join(specDir, name), 'utf8')));
}

export function manifestOf(blocks: readonly VendorBlock[]): ManifestEntry[] {
  return blocks.map(({ body: _body, ...entry }) => entry);
}

/** Rewrites the fixture folder from the docs (old fixtures of removed blocks go). */
export function writeFixtures(specDir: string, outDir = vendorFixtureDir): VendorBlock[] {
  const blocks = extractAll(specDir);
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    if (entry.isDirectory()) rmSync(join(outDir, entry.name), { recursive: true });
  }
  for (const block of blocks) {
    const path = join(outDir, block.file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, block.body);
  }
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifestOf(blocks), null, 2)}\n`);
  return blocks;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const specDir = process.argv[2] ?? findVendorSpecDir();
  if (!specDir) {
    console.error('vendor docs not found: pass the folder or set VENDOR_SPEC_DIR');
    process.exit(1);
  }
  mkdirSync(vendorFixtureDir, { recursive: true });
  const blocks = writeFixtures(specDir);
  const docs = new Set(blocks.map((block) => block.doc)).size;
  console.log(`wrote ${blocks.length} fixtures from ${docs} docs into ${vendorFixtureDir}`);
}
