/**
 * The camera stream the reader currently holds, so ScannerView can show the same stream the decoder reads
 * (one getUserMedia, not two). Only camera-reader.ts writes it; null whenever the camera is released.
 */
let current = $state<MediaStream | null>(null);

export const cameraStream = {
  get current(): MediaStream | null {
    return current;
  },
  /** For camera-reader.ts only. */
  publish(stream: MediaStream | null): void {
    current = stream;
  },
};
