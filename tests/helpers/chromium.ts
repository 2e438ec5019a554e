/** Debian's Chromium, started as our machines need it (no sandbox as root, no background networking). */
export const chromiumPath = '/usr/bin/chromium';

export function chromiumArgs(extra: string[] = []): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    ...extra,
  ];
}

/** Extra flags that make Chromium's camera a looping video file (y4m or mjpeg). */
export function fakeCameraArgs(videoFile: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${videoFile}`,
  ];
}
