import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDir, corpusFrames } from './make-qr-corpus.ts';
import { encodeGreyPng } from './png-codec.ts';

describe('QR corpus generator', () => {
  it('regenerates the committed frames byte for byte and matches the manifest (deterministic)', () => {
    const manifest = JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as {
      frames: { file: string; text: string }[];
    };
    const frames = [...corpusFrames()];
    expect(frames.map((f) => f.entry)).toEqual(manifest.frames);
    // Every 7th frame keeps this test quick while touching every variant and code.
    for (const { entry, render } of frames.filter((_, i) => i % 7 === 0)) {
      expect(encodeGreyPng(render()).equals(readFileSync(join(corpusDir, entry.file))), entry.file).toBe(true);
    }
  });
});
