import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePngToGrey, encodeGreyPng } from './png-codec.ts';

function gradient(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + Math.floor(i / width) * 11) & 0xff;
  return data;
}

describe('png codec', () => {
  it('round-trips greyscale pixels exactly', () => {
    const image = { width: 13, height: 7, data: gradient(13, 7) };
    const back = decodePngToGrey(encodeGreyPng(image));
    expect(back.width).toBe(13);
    expect(back.height).toBe(7);
    expect([...back.data]).toEqual([...image.data]);
  });

  it('is deterministic', () => {
    const image = { width: 20, height: 20, data: gradient(20, 20) };
    expect(encodeGreyPng(image).equals(encodeGreyPng(image))).toBe(true);
  });

  it('rejects a corrupted file', () => {
    const png = encodeGreyPng({ width: 4, height: 4, data: gradient(4, 4) });
    png[40] = (png[40] ?? 0) ^ 0xff;
    expect(() => decodePngToGrey(png)).toThrow();
  });

  it('reads an RGB PNG written by another encoder (ffmpeg) as grey', () => {
    const dir = mkdtempSync(join(tmpdir(), 'png-codec-'));
    const input = join(dir, 'in.png');
    const output = join(dir, 'out.png');
    writeFileSync(input, encodeGreyPng({ width: 16, height: 8, data: gradient(16, 8) }));
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', input, '-pix_fmt', 'rgb24', output]);
    const back = decodePngToGrey(readFileSync(output));
    const original = gradient(16, 8);
    expect(back.width).toBe(16);
    for (let i = 0; i < original.length; i++) expect(Math.abs((back.data[i] ?? 0) - (original[i] ?? 0))).toBeLessThanOrEqual(1);
  });
});
