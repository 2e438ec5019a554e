/**
 * XState adapters for the scanners: callback actors whose cleanup is the reader's stop(), so leaving the
 * state that invokes them releases the camera and the keyboard listener (money rule 7).
 */
import { fromCallback } from 'xstate';
import { startCameraReader, type CameraReaderDeps, type CameraStatus } from './camera-reader.ts';
import type { DecodeFormats, DecoderEngine } from './decoder.ts';
import { startWedgeReader } from './wedge-reader.ts';

export type ScannerSource = 'camera' | 'wedge';

/** Events the scanner actors send to their parent. */
export type ScannerEvent =
  | { type: 'scanner.decoded'; code: string; source: ScannerSource }
  | { type: 'scanner.status'; status: CameraStatus };

export interface CameraScannerInput {
  deviceId?: string;
  facingMode: 'user' | 'environment';
  engine: DecoderEngine;
  formats: DecodeFormats;
  /** Test seam: fakes for the camera, timers and decoder. */
  deps?: CameraReaderDeps;
}

export interface WedgeScannerInput {
  maxGapMs?: number;
  minLength?: number;
  target?: EventTarget;
}

/** Reads codes from the camera while invoked; sends `scanner.decoded` (source 'camera') and `scanner.status`. */
export const cameraScannerActor = fromCallback<{ type: never }, CameraScannerInput>(({ sendBack, input }) => {
  const reader = startCameraReader(
    {
      deviceId: input.deviceId,
      facingMode: input.facingMode,
      engine: input.engine,
      formats: input.formats,
      onDecoded: (code) => sendBack({ type: 'scanner.decoded', code, source: 'camera' } satisfies ScannerEvent),
      onStatus: (status) => sendBack({ type: 'scanner.status', status } satisfies ScannerEvent),
    },
    ...(input.deps ? [input.deps] : []),
  );
  return () => reader.stop();
});

/** Reads keyboard-wedge scanner bursts while invoked; sends `scanner.decoded` with source 'wedge'. */
export const wedgeScannerActor = fromCallback<{ type: never }, WedgeScannerInput | undefined>(({ sendBack, input }) => {
  const reader = startWedgeReader({
    ...input,
    onScan: (code) => sendBack({ type: 'scanner.decoded', code, source: 'wedge' } satisfies ScannerEvent),
  });
  return () => reader.stop();
});
