/**
 * Reads codes from the kiosk camera: one getUserMedia stream, an internal video element, a throttled frame
 * loop feeding a decoder, and a watchdog that restarts the stream when the camera stalls (USB cameras on
 * kiosks drop out: a track ends, goes muted, or simply stops delivering frames).
 */
import { cameraStream } from './camera-stream.svelte.ts';
import type { DecodeFormats, Decoder, DecoderEngine } from './decoder.ts';
import { clearBenchMarks, markForBench } from '../bench-marks.ts';

export type CameraStatus = 'starting' | 'running' | 'restarting' | 'unavailable';

export interface CameraReaderOptions {
  deviceId?: string;
  facingMode: 'user' | 'environment';
  engine: DecoderEngine;
  formats: DecodeFormats;
  /** A decoded code, exactly as read. The same code is not repeated within `repeatAfterMs`. */
  onDecoded(code: string): void;
  onStatus(status: CameraStatus): void;
}

/** The video element surface the reader uses (a real HTMLVideoElement in the browser; a fake in tests). */
export interface ReaderVideo {
  srcObject: MediaProvider | null;
  readonly videoWidth: number;
  readonly videoHeight: number;
  readonly currentTime: number;
  muted: boolean;
  playsInline: boolean;
  play(): Promise<void>;
  pause(): void;
  requestVideoFrameCallback?: (callback: () => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
}

/** Everything the reader touches outside itself, so a test can count what is left running. */
export interface CameraReaderDeps {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  createVideo(): ReaderVideo;
  createDecoder(engine: DecoderEngine): Promise<Decoder>;
  grabFrame(video: ReaderVideo): ImageData | null;
  requestAnimationFrame(callback: () => void): number;
  cancelAnimationFrame(handle: number): void;
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(handle: number): void;
  setInterval(callback: () => void, ms: number): number;
  clearInterval(handle: number): void;
  now(): number;
  publishStream(stream: MediaStream | null): void;
}

export const cameraTiming = {
  /** At most this many decodes per second: enough to feel instant, cheap enough to leave CPU for the UI. */
  maxDecodesPerSecond: 15,
  watchdogEveryMs: 500,
  mutedLimitMs: 2000,
  noFrameLimitMs: 3000,
  /** Waits between attempts to get the camera back, capped at the last one. */
  retryDelaysMs: [500, 1000, 2000, 5000],
  repeatAfterMs: 2000,
};

function browserGrabber(): (video: ReaderVideo) => ImageData | null {
  let canvas: OffscreenCanvas | HTMLCanvasElement | null = null;
  let context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null = null;
  return (video) => {
    const { videoWidth: width, videoHeight: height } = video;
    if (width === 0 || height === 0) return null;
    if (!canvas || canvas.width !== width || canvas.height !== height) {
      canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(width, height) : document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      context = canvas.getContext('2d', { willReadFrequently: true }) as typeof context;
    }
    if (!context) return null;
    context.drawImage(video as unknown as CanvasImageSource, 0, 0, width, height);
    return context.getImageData(0, 0, width, height);
  };
}

async function browserDecoder(engine: DecoderEngine): Promise<Decoder> {
  const { createFrameDecoder } = await import('./worker-decoder.ts');
  return createFrameDecoder(engine);
}

function browserDeps(): CameraReaderDeps {
  return {
    getUserMedia: (constraints) => navigator.mediaDevices.getUserMedia(constraints),
    createVideo: () => document.createElement('video'),
    createDecoder: browserDecoder,
    grabFrame: browserGrabber(),
    requestAnimationFrame: (cb) => requestAnimationFrame(cb),
    cancelAnimationFrame: (h) => cancelAnimationFrame(h),
    setTimeout: (cb, ms) => window.setTimeout(cb, ms),
    clearTimeout: (h) => window.clearTimeout(h),
    setInterval: (cb, ms) => window.setInterval(cb, ms),
    clearInterval: (h) => window.clearInterval(h),
    now: () => performance.now(),
    publishStream: (stream) => cameraStream.publish(stream),
  };
}

function isPermanentFailure(error: unknown): boolean {
  // Denied permission does not change by retrying; a missing or busy camera may come back (USB replug).
  return error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'SecurityError');
}

/**
 * Starts reading codes from the camera.
 * @returns stop: releases the camera and stops the loop, the watchdog and the decoder; idempotent.
 */
export function startCameraReader(
  options: CameraReaderOptions,
  deps: CameraReaderDeps = browserDeps(),
): { stop(): void } {
  const { onDecoded, onStatus, formats } = options;
  // The bench marks below are for this session only.
  clearBenchMarks('scanner.firstFrame', 'scanner.decoded');
  const video = deps.createVideo();
  video.muted = true;
  video.playsInline = true;

  let stopped = false;
  let stream: MediaStream | null = null;
  let decoder: Decoder | null = null;
  let decoderPromise: Promise<Decoder> | null = null;
  let status: CameraStatus | null = null;
  let frameHandle: { kind: 'video' | 'raf'; id: number } | null = null;
  let watchdog: number | null = null;
  let retryTimer: number | null = null;
  let attempt = 0;
  let inFlight = false;
  let lastDecodeAt = -Infinity;
  let lastFrameAt = 0;
  let lastVideoTime = -1;
  let mutedSince: number | null = null;
  let lastCode: { text: string; at: number } | null = null;
  // Bumped on each (re)start so late callbacks from an older stream are ignored.
  let generation = 0;

  const setStatus = (next: CameraStatus) => {
    if (stopped || next === status) return;
    status = next;
    onStatus(next);
  };

  const onTrackEnded = () => restart();

  const releaseStream = () => {
    cancelFrame();
    if (watchdog !== null) deps.clearInterval(watchdog);
    watchdog = null;
    if (stream) {
      for (const track of stream.getTracks()) {
        track.removeEventListener('ended', onTrackEnded);
        track.stop();
      }
      stream = null;
      deps.publishStream(null);
    }
    video.pause();
    video.srcObject = null;
  };

  const cancelFrame = () => {
    if (!frameHandle) return;
    if (frameHandle.kind === 'video') video.cancelVideoFrameCallback?.(frameHandle.id);
    else deps.cancelAnimationFrame(frameHandle.id);
    frameHandle = null;
  };

  const scheduleFrame = (gen: number) => {
    if (stopped || gen !== generation) return;
    const onFrame = () => {
      frameHandle = null;
      tick(gen);
    };
    frameHandle = video.requestVideoFrameCallback
      ? { kind: 'video', id: video.requestVideoFrameCallback(onFrame) }
      : { kind: 'raf', id: deps.requestAnimationFrame(onFrame) };
  };

  const tick = (gen: number) => {
    if (stopped || gen !== generation) return;
    const at = deps.now();
    // With rVFC every callback is a new frame; with rAF only a moved currentTime is.
    if (video.requestVideoFrameCallback || video.currentTime !== lastVideoTime) {
      lastVideoTime = video.currentTime;
      lastFrameAt = at;
      if (status !== 'running') {
        // The camera's first delivered frame (of this stream).
        markForBench('scanner.firstFrame');
        setStatus('running');
      }
    }
    if (decoder && !inFlight && at - lastDecodeAt >= 1000 / cameraTiming.maxDecodesPerSecond) {
      const frame = deps.grabFrame(video);
      if (frame) {
        inFlight = true;
        lastDecodeAt = at;
        decoder
          .decode(frame, formats)
          .then((text) => {
            if (stopped || text === null) return;
            const now = deps.now();
            if (lastCode && lastCode.text === text && now - lastCode.at < cameraTiming.repeatAfterMs) return;
            lastCode = { text, at: now };
            markForBench('scanner.decoded');
            onDecoded(text);
          })
          .catch((error: unknown) => console.warn('frame decode failed', error))
          .finally(() => {
            inFlight = false;
          });
      }
    }
    scheduleFrame(gen);
  };

  const checkHealth = () => {
    if (stopped || !stream) return;
    const at = deps.now();
    const tracks = stream.getVideoTracks();
    const track = tracks[0];
    if (!track || track.readyState === 'ended') return restart();
    if (track.muted) {
      mutedSince ??= at;
      if (at - mutedSince > cameraTiming.mutedLimitMs) return restart();
    } else {
      mutedSince = null;
    }
    if (at - lastFrameAt > cameraTiming.noFrameLimitMs) return restart();
  };

  const open = async () => {
    const gen = ++generation;
    const video_: MediaTrackConstraints = options.deviceId
      ? { deviceId: { exact: options.deviceId } }
      : { facingMode: options.facingMode };
    try {
      decoderPromise ??= deps.createDecoder(options.engine);
      const [media, ready] = await Promise.all([
        deps.getUserMedia({ audio: false, video: { ...video_, width: { ideal: 1280 }, height: { ideal: 720 } } }),
        decoderPromise,
      ]);
      decoder = ready;
      if (stopped || gen !== generation) {
        // Stopped (or restarted) while the camera was opening: release what just arrived.
        for (const track of media.getTracks()) track.stop();
        return;
      }
      stream = media;
      for (const track of media.getTracks()) track.addEventListener('ended', onTrackEnded);
      deps.publishStream(media);
      video.srcObject = media;
      await video.play().catch(() => undefined);
      if (stopped || gen !== generation) return;
      attempt = 0;
      mutedSince = null;
      lastFrameAt = deps.now();
      watchdog = deps.setInterval(checkHealth, cameraTiming.watchdogEveryMs);
      scheduleFrame(gen);
    } catch (error) {
      if (stopped || gen !== generation) return;
      // A decoder that failed to load gets another chance with the next attempt.
      if (!decoder) decoderPromise = null;
      releaseStream();
      setStatus('unavailable');
      if (isPermanentFailure(error)) return;
      scheduleRetry();
    }
  };

  const scheduleRetry = () => {
    const delays = cameraTiming.retryDelaysMs;
    const delay = delays[Math.min(attempt, delays.length - 1)] ?? 5000;
    attempt++;
    retryTimer = deps.setTimeout(() => {
      retryTimer = null;
      void open();
    }, delay);
  };

  function restart() {
    if (stopped) return;
    generation++;
    releaseStream();
    if (status !== 'unavailable') setStatus('restarting');
    if (retryTimer === null) scheduleRetry();
  }

  setStatus('starting');
  void open();

  return {
    stop() {
      if (stopped) return;
      stopped = true;
      generation++;
      if (retryTimer !== null) deps.clearTimeout(retryTimer);
      retryTimer = null;
      releaseStream();
      decoder = null;
      // Disposed once, when it exists: it may still be loading.
      void decoderPromise?.then(
        (d) => d.dispose(),
        () => undefined,
      );
    },
  };
}
