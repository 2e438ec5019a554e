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

/** Which camera and decoder a kiosk uses (config `camera`, `scanner.engine`). */
export interface CameraSettings {
  deviceId?: string | undefined;
  facingMode: 'user' | 'environment';
  engine: DecoderEngine;
}

export interface CameraScannerInput extends CameraSettings {
  formats: DecodeFormats;
  /** Test seam: fakes for the camera, timers and decoder. */
  deps?: CameraReaderDeps;
}

export interface WedgeScannerInput {
  maxGapMs?: number;
  minLength?: number;
  target?: EventTarget;
  /** What the hand scanner types for the GS1 separator (config `scanner.gsCharacter`). */
  gsCharacter?: string | undefined;
}

/**
 * Says when a reader must step aside, and tells when that changes; `subscribe` calls the listener at once with
 * the current value.
 */
export interface Suspension {
  subscribe(listener: (suspended: boolean) => void): () => void;
}

/** Reads codes from the camera while invoked; sends `scanner.decoded` (source 'camera') and `scanner.status`. */
export const cameraScannerActor = fromCallback<{ type: never }, CameraScannerInput>(({ sendBack, input }) => {
  const reader = startCameraReader(
    {
      ...(input.deviceId ? { deviceId: input.deviceId } : {}),
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

function startWedge(input: WedgeScannerInput | undefined, sendBack: (event: ScannerEvent) => void): { stop(): void } {
  const { gsCharacter, ...options } = input ?? {};
  return startWedgeReader({
    ...options,
    ...(gsCharacter ? { gsCharacter } : {}),
    onScan: (code) => sendBack({ type: 'scanner.decoded', code, source: 'wedge' }),
  });
}

/** Reads keyboard-wedge scanner bursts while invoked; sends `scanner.decoded` with source 'wedge'. */
export const wedgeScannerActor = fromCallback<{ type: never }, WedgeScannerInput | undefined>(({ sendBack, input }) => {
  const reader = startWedge(input, sendBack);
  return () => reader.stop();
});

/**
 * The wedge reader, listening only while `suspension` says it may: a reader that listens takes whole bursts
 * off the keyboard, so it must stand aside for another screen reading the same hand scanner (staff mode's
 * badge gate over the menu).
 */
export function suspendableWedgeScanner(suspension: Suspension) {
  return fromCallback<{ type: never }, WedgeScannerInput | undefined>(({ sendBack, input }) => {
    let reader: { stop(): void } | null = null;
    const unsubscribe = suspension.subscribe((suspended) => {
      if (suspended) {
        reader?.stop();
        reader = null;
      } else {
        reader ??= startWedge(input, sendBack);
      }
    });
    return () => {
      unsubscribe();
      reader?.stop();
    };
  });
}
