/**
 * A fake camera for Chromium (`--use-file-for-fake-video-capture`): a 640×480, 10 fps, 1 s y4m of one code
 * on white, which Chromium loops. Files are cached by content under test-results/fake-camera/.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { encodeGreyPng } from '../../scripts/png-codec.ts';
import { renderSymbol, symbolGrid, type SymbolFormat } from '../../src/testing/synthetic/code-images.ts';

const run = promisify(execFile);
const defaultOutDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results', 'fake-camera');

export interface FakeCameraOptions {
  /** `datamatrix`: a text with GS (U+001D) is drawn as a GS1 marking code (see dataMatrixGrid). */
  format?: 'qr' | 'ean13' | 'code128' | 'datamatrix';
  outDir?: string;
}

/**
 * Renders `text` as a code and turns it into a looping fake-camera video.
 * @returns the path of the .y4m file (reused when it already exists for the same text and format)
 */
export async function makeFakeCameraVideo(text: string, opts: FakeCameraOptions = {}): Promise<string> {
  const format: SymbolFormat = opts.format ?? 'qr';
  const outDir = opts.outDir ?? defaultOutDir;
  const key = createHash('sha256').update(`${format}\n${text}`).digest('hex').slice(0, 16);
  const video = join(outDir, `${format}-${key}.y4m`);
  if (existsSync(video)) return video;
  mkdirSync(outDir, { recursive: true });

  const grid = symbolGrid(text, format);
  // About 8 px per module before ffmpeg scales it into 640×480: crisp, like a phone screen held close.
  const modulePx = Math.max(2, Math.min(8, Math.floor(600 / grid.columns)));
  const width = grid.columns * modulePx;
  const height = grid.rows * modulePx;
  const image = renderSymbol(grid, width, height, { cx: width / 2, cy: height / 2, modulePx, light: 255, dark: 0, background: 255 });
  const png = join(outDir, `${format}-${key}.png`);
  writeFileSync(png, encodeGreyPng(image));

  // Written under a temporary name and renamed, so a parallel worker never loops a half-written file.
  const partial = `${video}.${process.pid}.partial.y4m`;
  await run('ffmpeg', [
    '-v', 'error', '-y', '-loop', '1', '-i', png, '-t', '1', '-r', '10',
    '-vf', 'scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2:white',
    '-pix_fmt', 'yuv420p', partial,
  ]);
  renameSync(partial, video);
  return video;
}
