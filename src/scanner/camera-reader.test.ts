import { beforeEach, describe, expect, it } from 'vitest';
import { cameraTiming, startCameraReader, type CameraReaderDeps, type CameraStatus, type ReaderVideo } from './camera-reader.ts';
import type { Decoder } from './decoder.ts';

class FakeTrack extends EventTarget {
  readyState: MediaStreamTrackState = 'live';
  muted = false;
  stopped = false;
  listeners = 0;
  stop() {
    this.stopped = true;
    this.readyState = 'ended';
  }
  override addEventListener(...args: Parameters<EventTarget['addEventListener']>) {
    this.listeners++;
    super.addEventListener(...args);
  }
  override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>) {
    this.listeners--;
    super.removeEventListener(...args);
  }
  end() {
    this.readyState = 'ended';
    this.dispatchEvent(new Event('ended'));
  }
}

function fakeStream(track: FakeTrack): MediaStream {
  return { getTracks: () => [track], getVideoTracks: () => [track] } as unknown as MediaStream;
}

/** A controllable world: a clock, timers, a camera and a decoder, all counted. */
function makeWorld() {
  let clock = 0;
  let nextHandle = 1;
  const timers = new Map<number, { at: number; every: number | null; cb: () => void }>();
  const frameCallbacks = new Map<number, () => void>();
  const tracks: FakeTrack[] = [];
  const published: (MediaStream | null)[] = [];
  let mediaError: Error | null = null;
  let holdMedia: ((stream: MediaStream) => void) | null = null;
  let holdNextMedia = false;
  const decoder = {
    calls: 0,
    inFlight: 0,
    maxInFlight: 0,
    disposed: 0,
    answer: null as string | null,
    hold: false,
    release: [] as (() => void)[],
  };
  const fakeDecoder: Decoder = {
    name: 'zxing-wasm',
    decode() {
      decoder.calls++;
      decoder.inFlight++;
      decoder.maxInFlight = Math.max(decoder.maxInFlight, decoder.inFlight);
      return new Promise((resolve) => {
        const done = () => {
          decoder.inFlight--;
          resolve(decoder.answer);
        };
        if (decoder.hold) decoder.release.push(done);
        else done();
      });
    },
    dispose() {
      decoder.disposed++;
    },
  };
  const video: ReaderVideo = {
    srcObject: null,
    videoWidth: 640,
    videoHeight: 480,
    currentTime: 0,
    muted: false,
    playsInline: false,
    play: () => Promise.resolve(),
    pause: () => undefined,
    requestVideoFrameCallback: (cb) => {
      const h = nextHandle++;
      frameCallbacks.set(h, cb);
      return h;
    },
    cancelVideoFrameCallback: (h) => void frameCallbacks.delete(h),
  };
  const deps: CameraReaderDeps = {
    getUserMedia: () => {
      if (mediaError) return Promise.reject(mediaError);
      const track = new FakeTrack();
      tracks.push(track);
      if (holdNextMedia) {
        holdNextMedia = false;
        return new Promise((resolve) => (holdMedia = () => resolve(fakeStream(track))));
      }
      return Promise.resolve(fakeStream(track));
    },
    createVideo: () => video,
    createDecoder: () => Promise.resolve(fakeDecoder),
    grabFrame: () => ({ width: 640, height: 480, data: new Uint8ClampedArray(4), colorSpace: 'srgb' }) as ImageData,
    requestAnimationFrame: () => {
      throw new Error('rVFC is available; rAF must not be used');
    },
    cancelAnimationFrame: () => undefined,
    setTimeout: (cb, ms) => {
      const h = nextHandle++;
      timers.set(h, { at: clock + ms, every: null, cb });
      return h;
    },
    clearTimeout: (h) => void timers.delete(h),
    setInterval: (cb, ms) => {
      const h = nextHandle++;
      timers.set(h, { at: clock + ms, every: ms, cb });
      return h;
    },
    clearInterval: (h) => void timers.delete(h),
    now: () => clock,
    publishStream: (s) => void published.push(s),
  };
  const flush = async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  return {
    deps,
    video,
    decoder,
    tracks,
    published,
    timers,
    frameCallbacks,
    flush,
    failMedia(error: Error | null) {
      mediaError = error;
    },
    holdNextMedia() {
      holdNextMedia = true;
    },
    releaseMedia() {
      holdMedia?.(fakeStream(tracks[tracks.length - 1] ?? new FakeTrack()));
    },
    /** Advances the clock by `ms`, delivering camera frames every `frameEveryMs` (0 = none) and timers. */
    async advance(ms: number, frameEveryMs = 0) {
      const end = clock + ms;
      let nextFrame = frameEveryMs > 0 ? clock + frameEveryMs : Infinity;
      while (true) {
        const nextTimer = Math.min(...[...timers.values()].map((t) => t.at), Infinity);
        const next = Math.min(nextTimer, nextFrame);
        if (next > end) break;
        clock = next;
        if (next === nextFrame) {
          nextFrame += frameEveryMs;
          const callbacks = [...frameCallbacks.values()];
          frameCallbacks.clear();
          for (const cb of callbacks) cb();
        } else {
          for (const [h, t] of [...timers]) {
            if (t.at !== next) continue;
            if (t.every === null) timers.delete(h);
            else t.at += t.every;
            t.cb();
          }
        }
        await flush();
      }
      clock = end;
      await flush();
    },
  };
}

let world: ReturnType<typeof makeWorld>;
let statuses: CameraStatus[];
let codes: string[];

function start() {
  return startCameraReader(
    {
      facingMode: 'user',
      engine: 'zxing-wasm',
      formats: 'qr',
      onDecoded: (c) => codes.push(c),
      onStatus: (s) => statuses.push(s),
    },
    world.deps,
  );
}

beforeEach(() => {
  world = makeWorld();
  statuses = [];
  codes = [];
});

describe('camera reader', () => {
  it('goes starting → running, publishes the stream and decodes at most 15 frames a second', async () => {
    start();
    await world.flush();
    expect(statuses).toEqual(['starting']);
    expect(world.published).toHaveLength(1);
    expect(world.video.srcObject).toBe(world.published[0]);
    await world.advance(1000, 1000 / 60);
    expect(statuses).toEqual(['starting', 'running']);
    expect(world.decoder.calls).toBeGreaterThanOrEqual(12);
    expect(world.decoder.calls).toBeLessThanOrEqual(cameraTiming.maxDecodesPerSecond + 1);
  });

  it('never has two decodes in flight', async () => {
    world.decoder.hold = true;
    start();
    await world.advance(2000, 1000 / 30);
    expect(world.decoder.calls).toBe(1);
    world.decoder.release.shift()?.();
    await world.advance(500, 1000 / 30);
    expect(world.decoder.maxInFlight).toBe(1);
    expect(world.decoder.calls).toBe(2);
  });

  it('reports a decoded code once while it stays in view', async () => {
    world.decoder.answer = '7993:5061401:01KFDH:3sySIUxrog+hhtBwUXquxn97N5k=';
    start();
    await world.advance(1000, 1000 / 30);
    expect(codes).toEqual(['7993:5061401:01KFDH:3sySIUxrog+hhtBwUXquxn97N5k=']);
  });

  it('restarts the stream when the track ends', async () => {
    start();
    await world.advance(500, 1000 / 30);
    world.tracks[0]?.end();
    await world.flush();
    expect(statuses).toContain('restarting');
    expect(world.tracks[0]?.stopped).toBe(true);
    await world.advance(2000, 1000 / 30);
    expect(world.tracks).toHaveLength(2);
    expect(statuses.at(-1)).toBe('running');
  });

  it('restarts when the track stays muted for more than 2 s, not for a short mute', async () => {
    start();
    await world.advance(500, 1000 / 30);
    const track = world.tracks[0]!;
    track.muted = true;
    await world.advance(1500, 1000 / 30);
    track.muted = false;
    await world.advance(1500, 1000 / 30);
    expect(world.tracks).toHaveLength(1);
    track.muted = true;
    await world.advance(3000, 1000 / 30);
    expect(track.stopped).toBe(true);
    expect(world.tracks.length).toBeGreaterThanOrEqual(2);
  });

  it('restarts when no new frame arrives for 3 s', async () => {
    start();
    await world.advance(500, 1000 / 30);
    await world.advance(2500);
    expect(world.tracks).toHaveLength(1);
    await world.advance(1000);
    expect(world.tracks[0]?.stopped).toBe(true);
    expect(statuses).toContain('restarting');
  });

  it('stop() leaves nothing running: tracks, listeners, loop, watchdog, timers, decoder', async () => {
    const reader = start();
    await world.advance(1000, 1000 / 30);
    world.tracks[0]?.end(); // a restart is pending: its retry timer must go too
    await world.advance(100, 1000 / 30);
    reader.stop();
    await world.flush();
    expect(world.tracks.every((t) => t.stopped)).toBe(true);
    expect(world.tracks.every((t) => t.listeners === 0)).toBe(true);
    expect(world.timers.size).toBe(0);
    expect(world.frameCallbacks.size).toBe(0);
    expect(world.decoder.disposed).toBe(1);
    expect(world.published.at(-1)).toBeNull();
    expect(world.video.srcObject).toBeNull();
    const calls = world.decoder.calls;
    const opened = world.tracks.length;
    await world.advance(10_000, 1000 / 30);
    expect(world.tracks).toHaveLength(opened);
    expect(world.decoder.calls).toBe(calls);
    reader.stop();
    expect(world.decoder.disposed).toBe(1);
  });

  it('stops a camera that opens only after stop()', async () => {
    world.holdNextMedia();
    const reader = start();
    await world.flush();
    reader.stop();
    world.releaseMedia();
    await world.flush();
    expect(world.tracks[0]?.stopped).toBe(true);
    expect(world.published).toEqual([]);
    expect(world.timers.size).toBe(0);
    expect(world.decoder.disposed).toBe(1);
  });

  it('is unavailable without retrying when permission is denied', async () => {
    world.failMedia(Object.assign(new Error('denied'), { name: 'NotAllowedError' }));
    start();
    await world.advance(10_000);
    expect(statuses).toEqual(['starting', 'unavailable']);
    expect(world.timers.size).toBe(0);
  });

  it('is unavailable while no camera is plugged in, and recovers when one appears', async () => {
    world.failMedia(Object.assign(new Error('none'), { name: 'NotFoundError' }));
    start();
    await world.advance(3000);
    expect(statuses).toEqual(['starting', 'unavailable']);
    world.failMedia(null);
    await world.advance(6000, 1000 / 30);
    expect(statuses.at(-1)).toBe('running');
  });
});
