import { flushSync } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CameraReaderOptions } from './camera-reader.ts';

const started: CameraReaderOptions[] = [];
const stop = vi.fn();
vi.mock('./camera-reader.ts', () => ({
  startCameraReader: (options: CameraReaderOptions) => {
    started.push(options);
    return { stop };
  },
}));

const { readWithCameraWhileMounted } = await import('./camera-while-mounted.svelte.ts');

beforeEach(() => {
  started.length = 0;
  stop.mockClear();
});

describe('readWithCameraWhileMounted', () => {
  it('opens the chosen camera on mount, shows its status, passes codes on, and releases it on unmount', () => {
    const codes: string[] = [];
    let reading: { readonly status: string | null } | undefined;
    const unmount = $effect.root(() => {
      reading = readWithCameraWhileMounted(
        () => ({ camera: { deviceId: 'cam-2', facingMode: 'user' }, engine: 'zxing-js', formats: 'marking' }),
        (code) => codes.push(code),
      );
    });
    flushSync();
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ deviceId: 'cam-2', facingMode: 'user', engine: 'zxing-js', formats: 'marking' });
    expect(reading?.status).toBeNull();

    started[0]?.onStatus('running');
    expect(reading?.status).toBe('running');
    started[0]?.onDecoded('0104600439931256215Ln');
    expect(codes).toEqual(['0104600439931256215Ln']);
    expect(stop).not.toHaveBeenCalled();

    unmount();
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('asks for no particular device when the config names none', () => {
    const unmount = $effect.root(() => {
      readWithCameraWhileMounted(() => ({ camera: { facingMode: 'environment' }, engine: 'zxing-wasm', formats: 'qr' }), () => undefined);
    });
    flushSync();
    expect(started[0]).not.toHaveProperty('deviceId');
    expect(started[0]).toMatchObject({ facingMode: 'environment', engine: 'zxing-wasm', formats: 'qr' });
    unmount();
  });
});
