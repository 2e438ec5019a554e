// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { assign, createActor, setup } from 'xstate';
import type { CameraReaderDeps } from './camera-reader.ts';
import { cameraScannerActor, wedgeScannerActor, type ScannerEvent } from './scanner-actors.ts';

function parentMachine(deps: CameraReaderDeps) {
  return setup({
    types: { context: {} as { events: ScannerEvent[] }, events: {} as ScannerEvent | { type: 'leave' } },
    actors: { camera: cameraScannerActor, wedge: wedgeScannerActor },
  }).createMachine({
    context: { events: [] },
    initial: 'scanning',
    states: {
      scanning: {
        invoke: [
          { src: 'camera', input: { facingMode: 'user', engine: 'zxing-wasm', formats: 'qr', deps } },
          { src: 'wedge', input: { minLength: 4, maxGapMs: 60_000 } },
        ],
        on: {
          'scanner.decoded': { actions: assign({ events: ({ context, event }) => [...context.events, event] }) },
          'scanner.status': { actions: assign({ events: ({ context, event }) => [...context.events, event] }) },
          leave: 'done',
        },
      },
      done: {},
    },
  });
}

describe('scanner actors', () => {
  it('send decoded codes and statuses to the parent and release everything when the state is left', async () => {
    const stopped: string[] = [];
    let frame: (() => void) | null = null;
    let clock = 0;
    const deps: CameraReaderDeps = {
      getUserMedia: async () =>
        ({
          getTracks: () => [{ stop: () => stopped.push('track'), addEventListener() {}, removeEventListener() {} }],
          getVideoTracks: () => [],
        }) as unknown as MediaStream,
      createVideo: () => ({
        srcObject: null,
        videoWidth: 2,
        videoHeight: 2,
        currentTime: 0,
        muted: true,
        playsInline: true,
        play: async () => undefined,
        pause: () => undefined,
        requestVideoFrameCallback: (cb: () => void) => ((frame = cb), 1),
        cancelVideoFrameCallback: () => void (frame = null),
      }),
      createDecoder: async () => ({
        name: 'zxing-wasm',
        decode: async () => '880101698207133392',
        dispose: () => void stopped.push('decoder'),
      }),
      grabFrame: () => ({}) as ImageData,
      requestAnimationFrame: () => 0,
      cancelAnimationFrame: () => undefined,
      setTimeout: () => 0,
      clearTimeout: () => undefined,
      setInterval: () => 7,
      clearInterval: (h) => void stopped.push(`interval ${h}`),
      now: () => clock,
      publishStream: () => undefined,
    };
    const actor = createActor(parentMachine(deps)).start();
    for (let i = 0; i < 20; i++) await Promise.resolve();
    clock = 100;
    (frame as (() => void) | null)?.();
    for (let i = 0; i < 20; i++) await Promise.resolve();

    for (const key of [...'50501010793410469483', 'Enter']) {
      window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    }
    const events = actor.getSnapshot().context.events;
    expect(events).toContainEqual({ type: 'scanner.status', status: 'starting' });
    expect(events).toContainEqual({ type: 'scanner.status', status: 'running' });
    expect(events).toContainEqual({ type: 'scanner.decoded', code: '880101698207133392', source: 'camera' });
    expect(events).toContainEqual({ type: 'scanner.decoded', code: '50501010793410469483', source: 'wedge' });

    actor.send({ type: 'leave' });
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(stopped).toEqual(expect.arrayContaining(['track', 'decoder', 'interval 7']));
    const before = actor.getSnapshot().context.events.length;
    for (const key of [...'12345678', 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key }));
    expect(actor.getSnapshot().context.events.length).toBe(before);
    actor.stop();
  });
});
