// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { assign, createActor, setup } from 'xstate';
import type { CameraReaderDeps } from './camera-reader.ts';
import {
  cameraScannerActor,
  suspendableWedgeScanner,
  wedgeScannerActor,
  type ScannerEvent,
  type Suspension,
} from './scanner-actors.ts';

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

  it('maps the configured GS text of a hand scanner into the separator', () => {
    const events: ScannerEvent[] = [];
    const machine = setup({
      types: { context: {} as { events: ScannerEvent[] }, events: {} as ScannerEvent },
      actors: { wedge: wedgeScannerActor },
    }).createMachine({
      context: { events: [] },
      invoke: { src: 'wedge', input: { gsCharacter: '~', maxGapMs: 60_000 } },
      on: { 'scanner.decoded': { actions: ({ event }) => events.push(event) } },
    });
    const actor = createActor(machine).start();
    for (const key of [...'0104600439931256~215ABCDE', 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key }));
    expect(events).toEqual([{ type: 'scanner.decoded', code: '0104600439931256\u001d215ABCDE', source: 'wedge' }]);
    actor.stop();
  });

  it('a suspendable wedge reader takes no burst while suspended, and reads again once resumed', () => {
    let listener: (suspended: boolean) => void = () => undefined;
    let unsubscribed = false;
    let suspended = true;
    const suspension: Suspension = {
      subscribe(next) {
        listener = next;
        next(suspended);
        return () => void (unsubscribed = true);
      },
    };
    const events: ScannerEvent[] = [];
    const machine = setup({
      types: { events: {} as ScannerEvent | { type: 'leave' } },
      actors: { wedge: suspendableWedgeScanner(suspension) },
    }).createMachine({
      initial: 'reading',
      states: {
        reading: {
          invoke: { src: 'wedge', input: { maxGapMs: 60_000 } },
          on: { 'scanner.decoded': { actions: ({ event }) => void events.push(event) }, leave: 'done' },
        },
        done: {},
      },
    });
    const burst = (code: string) => {
      const field = document.createElement('input');
      document.body.append(field);
      field.focus();
      let reached = 0;
      const count = () => void (reached += 1);
      window.addEventListener('keydown', count);
      for (const key of [...code, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key, cancelable: true }));
      window.removeEventListener('keydown', count);
      field.remove();
      return reached;
    };
    const actor = createActor(machine).start();
    // Suspended: the keys are not taken off the keyboard (another reader gets them), and nothing is read.
    expect(burst('4780001234012')).toBe(14);
    expect(events).toEqual([]);
    suspended = false;
    listener(false);
    burst('4780001234012');
    expect(events).toEqual([{ type: 'scanner.decoded', code: '4780001234012', source: 'wedge' }]);
    listener(true);
    burst('4780009999994');
    expect(events).toHaveLength(1);
    listener(false);
    actor.send({ type: 'leave' });
    expect(unsubscribed).toBe(true);
    burst('4780009999994');
    expect(events).toHaveLength(1);
    actor.stop();
  });
});
