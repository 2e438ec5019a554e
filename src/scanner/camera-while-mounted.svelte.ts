/**
 * The camera reader for a component that holds the camera for as long as it is mounted (money rule 7:
 * unmounted = camera released), with the camera's status as reactive state for its ScannerView.
 */
import { startCameraReader, type CameraStatus } from './camera-reader.ts';
import type { DecodeFormats, DecoderEngine } from './decoder.ts';

/** Which camera to open (config `camera`). */
export interface CameraChoice {
  deviceId?: string | undefined;
  facingMode: 'user' | 'environment';
}

/**
 * Starts reading on mount and stops on unmount; call it while the component initialises. The reader restarts
 * if what `settings` reads changes.
 * @param settings the camera, engine and formats, read inside the effect (pass props through a getter)
 * @param onDecoded each code read, exactly as read
 */
export function readWithCameraWhileMounted(
  settings: () => { camera: CameraChoice; engine: DecoderEngine; formats: DecodeFormats },
  onDecoded: (code: string) => void,
): { readonly status: CameraStatus | null } {
  let status = $state<CameraStatus | null>(null);
  $effect(() => {
    const { camera, engine, formats } = settings();
    const reader = startCameraReader({
      ...(camera.deviceId ? { deviceId: camera.deviceId } : {}),
      facingMode: camera.facingMode,
      engine,
      formats,
      onDecoded,
      onStatus: (next) => (status = next),
    });
    return () => reader.stop();
  });
  return {
    get status() {
      return status;
    },
  };
}
